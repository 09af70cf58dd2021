using Ancso.Ml.Pairs.Erasure;
using Microsoft.Extensions.Logging;

namespace Ancso.Ml.Samples.RetrainWorker;

/// <summary>
/// The check's part in erasure (see <c>docs/erasure.md</c>): before deciding, people's pairs older than the retention
/// period are erased (<see cref="IPairEraser"/> with <see cref="ErasureRequest.OlderThan"/>; bootstrap pairs never
/// expire); after the training, the stored versions that learned from erased data are deleted, the active one never.
/// </summary>
public sealed partial class Retrainer
{
    /// <summary>Erases people's pairs stored longer ago than <c>Ranker:Signals:Retention</c>; <see langword="null"/> when it is not set.</summary>
    private async Task<ErasureResult?> ApplyRetentionAsync(CancellationToken cancellationToken)
    {
        if (signalOptions.Value.Retention is not { } retention)
        {
            return null;
        }

        var cutoff = timeProvider.GetUtcNow() - retention;
        var erased = await eraser.EraseAsync(new ErasureRequest { OlderThan = retention }, cancellationToken);
        LogRetention(logger, retention, cutoff, erased.Store.Pairs, erased.Store.Items, erased.Store.Embeddings, erased.DatasetFilesDeleted.Count);
        return erased;
    }

    /// <summary>
    /// Deletes (or, with <see cref="RetrainOptions.PurgeModels"/> off, reports) the versions that learned from erased data,
    /// judged before the training: a model this check trained learned only from the pairs that remained, and the one it
    /// replaced is no longer active, so it goes too. Returns what was deleted and the marked versions that stay.
    /// </summary>
    private async Task<(ModelPurgeResult? Purge, IReadOnlyList<string> Marked)> PurgeAsync(
        IReadOnlyList<ModelErasureStatus> models, bool replaced, bool purge, CancellationToken cancellationToken)
    {
        List<string> marked = [.. models.Where(static m => m.TrainedOnErasedData == true).Select(static m => m.Version)];
        var deletable = models.Where(m => m.TrainedOnErasedData == true && (replaced || !m.IsActive));
        if (!deletable.Any())
        {
            // Nothing marked, or only the active version, which no replacement took over from: it keeps serving.
            return (null, marked);
        }

        if (!purge)
        {
            var kept = string.Join(", ", marked);
            LogKept(logger, marked.Count, kept);
            return (null, marked);
        }

        var purged = await eraser.PurgeModelsAsync(cancellationToken);
        if (purged.Deleted.Count > 0)
        {
            var deleted = string.Join(", ", purged.Deleted);
            LogPurged(logger, purged.Deleted.Count, deleted);
        }

        return (purged, [.. marked.Except(purged.Deleted, StringComparer.Ordinal)]);
    }

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Retention of {Retention}: erased {Pairs} people's pairs stored before {Cutoff:u}, " +
        "with {Items} items and {Embeddings} cached embeddings nobody else's pairs use; {Datasets} dataset files deleted.")]
    private static partial void LogRetention(ILogger logger, TimeSpan retention, DateTimeOffset cutoff, int pairs, int items, int embeddings, int datasets);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Deleted {Count} stored model versions that learned from erased data: {Versions}.")]
    private static partial void LogPurged(ILogger logger, int count, string versions);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "{Count} stored model versions learned from erased data and are kept, since Retrain:PurgeModels is off: {Versions}. " +
        "Delete them by running an erasure again with --purge-models (for example 'ancso ranker erase --retention --purge-models'), or turn Retrain:PurgeModels on.")]
    private static partial void LogKept(ILogger logger, int count, string versions);

    [LoggerMessage(EventId = 9, Level = LogLevel.Information, Message = "Training from scratch: the active model {Reason}.")]
    private static partial void LogColdStart(ILogger logger, string reason);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "Not retraining: {Reason}. The active model keeps serving until pairs are recorded or another model is activated.")]
    private static partial void LogActiveNotReplaced(ILogger logger, string reason);
}
