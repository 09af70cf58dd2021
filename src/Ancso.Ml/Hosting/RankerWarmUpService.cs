using Ancso.Ml.Inference;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ancso.Ml.Hosting;

/// <summary>
/// Readies the ranker while the host starts, before it serves: loads the active model (or settles on the heuristic and
/// records why), warms it, and scores one sample text so that the embedding generator has loaded too. A failure is logged
/// and never stops the host: the ranker still answers, with the heuristic and the reason in the provenance.
/// </summary>
internal sealed class RankerWarmUpService(IRankerInferenceService ranker, ILogger<RankerWarmUpService>? logger = null) : IHostedService
{
    /// <summary>The item scored at start.</summary>
    internal static readonly ContentItem Sample = new(
        "ancso-warm-up", ContentPlatforms.LinkedIn, ContentSections.Headline, "Senior software engineer building reliable payment systems");

    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        try
        {
            await ranker.InitializeAsync(cancellationToken).ConfigureAwait(false);
            var score = await ranker.ScoreItemAsync(Sample, cancellationToken).ConfigureAwait(false);
            var elapsed = TimeProvider.System.GetElapsedTime(started);
            RankerHostingLog.WarmedUp(_logger, score.Provenance, elapsed.TotalMilliseconds);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            RankerHostingLog.WarmUpFailed(_logger, ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
