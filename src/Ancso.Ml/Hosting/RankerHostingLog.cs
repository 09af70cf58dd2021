using Ancso.Ml.Inference;

namespace Ancso.Ml.Hosting;

/// <summary>The hosting pieces' log messages (event ids 3700–3799).</summary>
internal static partial class RankerHostingLog
{
    [LoggerMessage(EventId = 3700, Level = LogLevel.Information, Message = "The ranker warmed up in {ElapsedMs:0} ms; it scores with {Provenance}.")]
    public static partial void WarmedUp(ILogger logger, ScoreProvenance provenance, double elapsedMs);

    [LoggerMessage(EventId = 3701, Level = LogLevel.Warning, Message = "The ranker's warm-up failed; the first request loads it instead.")]
    public static partial void WarmUpFailed(ILogger logger, Exception exception);
}
