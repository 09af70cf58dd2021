using Ancso.Ml.Features;

namespace Ancso.Ml.Learning.Export;

/// <summary>What an export wrote, or (in statistics-only mode) would write.</summary>
public sealed class PairDatasetExportResult
{
    /// <summary>Gets whether this was a statistics-only run (no file written).</summary>
    public required bool StatisticsOnly { get; init; }

    /// <summary>Gets the counts of the matching pairs.</summary>
    public required PairCounts Counts { get; init; }

    /// <summary>Gets the layout of the feature vectors.</summary>
    public required FeatureLayout Layout { get; init; }

    /// <summary>Gets the layout written.</summary>
    public PairDatasetFormat Format { get; init; }

    /// <summary>Gets the full path of the dataset file (<c>dataset.bin</c> or <c>dataset.jsonl</c>), or <see langword="null"/> in statistics-only mode.</summary>
    public string? DatasetPath { get; init; }

    /// <summary>Gets the full path of <c>metadata.json</c>, or <see langword="null"/> in statistics-only mode.</summary>
    public string? MetadataPath { get; init; }

    /// <summary>Gets the metadata written, or <see langword="null"/> in statistics-only mode.</summary>
    public PairDatasetMetadata? Metadata { get; init; }

    /// <summary>
    /// Gets how many embeddings the embeddings pipeline answered from its caches (memory or the pair store). A text is
    /// fetched again when its features have left the exporter's bounded in-memory cache
    /// (<see cref="DatasetExportOptions.FeatureCacheCapacity"/>). Zero with the hashing generator, which is never cached.
    /// </summary>
    public int EmbeddingsFromCache { get; init; }

    /// <summary>
    /// Gets how many texts the embedding generator embedded (each then cached, so never embedded again; the hashing
    /// generator is not cached and counts every text).
    /// </summary>
    public int EmbeddingsGenerated { get; init; }
}
