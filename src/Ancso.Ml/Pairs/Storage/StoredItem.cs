namespace Ancso.Ml.Pairs.Storage;

/// <summary>A piece of content in the pair store.</summary>
/// <param name="Id">The item's id (see <see cref="PairIds.ForItem"/>).</param>
/// <param name="Platform">The platform.</param>
/// <param name="Section">The section.</param>
/// <param name="Text">The text.</param>
/// <param name="ContentHash">The content hash (see <see cref="PairIds.ContentHash"/>).</param>
/// <param name="TextHash">The hash of the text alone that keys its embeddings (see <see cref="Embeddings.EmbeddingTextHash"/>).</param>
/// <param name="Metrics">The metrics supplied when the item was first stored, or <see langword="null"/>; informative only.</param>
/// <param name="CreatedAt">When the item was first stored.</param>
public sealed record StoredItem(
    string Id,
    string Platform,
    string Section,
    string Text,
    string ContentHash,
    string TextHash,
    ContentMetrics? Metrics,
    DateTimeOffset CreatedAt);
