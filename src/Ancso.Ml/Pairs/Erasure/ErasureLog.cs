namespace Ancso.Ml.Pairs.Erasure;

/// <summary>The eraser's log messages (event ids 4000–4099): counts, never texts, ids or raters.</summary>
internal static partial class ErasureLog
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information,
        Message = "Erasure by {Criteria}{DryRun}: {Pairs} pairs, {Items} items and {Embeddings} cached embeddings; {Datasets} dataset files deleted; {Models} stored model versions learned from erased data (active: {Active})")]
    public static partial void Erased(ILogger logger, string criteria, string dryRun, int pairs, int items, int embeddings, int datasets, int models, bool active);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Debug,
        Message = "Erasure by {Criteria}: nothing to erase; {Models} stored model versions learned from erased data (active: {Active})")]
    public static partial void NothingErased(ILogger logger, string criteria, int models, bool active);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Purged {Count} model versions that learned from erased data; the active one learned from erased data: {Active}")]
    public static partial void Purged(ILogger logger, int count, bool active);
}
