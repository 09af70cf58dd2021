using Microsoft.Extensions.Logging;

namespace Ancso.Ml.Learning.Export;

/// <summary>The exporter's log messages (event ids 3020–3039).</summary>
internal static partial class PairDatasetExporterLog
{
    [LoggerMessage(EventId = 3600, Level = LogLevel.Information, Message = "Exporting pairs ({Filter}) to '{Directory}' with features {Layout}, layout {Format}.")]
    public static partial void Started(ILogger logger, PairFilter filter, string directory, Features.FeatureLayout layout, PairDatasetFormat format);

    [LoggerMessage(EventId = 3601, Level = LogLevel.Information, Message = "Exported {PairCount} pairs to '{DatasetPath}' ({Hash}); embeddings: {FromCache} from the cache, {Generated} generated.")]
    public static partial void Completed(ILogger logger, int pairCount, string datasetPath, string hash, int fromCache, int generated);

    [LoggerMessage(EventId = 3602, Level = LogLevel.Warning, Message = "Export to '{Directory}' did not complete; the previous dataset there is unchanged.")]
    public static partial void Failed(ILogger logger, Exception exception, string directory);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "The dataset in '{Directory}' could not be checked or deleted after an erasure: {Problem}. Delete it by hand or run the erasure again.")]
    public static partial void ErasedDatasetProblem(ILogger logger, string directory, string problem);
}
