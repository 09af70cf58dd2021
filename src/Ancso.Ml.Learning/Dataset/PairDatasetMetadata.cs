using System.Text.Json.Serialization;
using Ancso.Ml.Pairs.Erasure;

namespace Ancso.Ml.Learning.Dataset;

/// <summary>The content of <c>metadata.json</c> (see <c>docs/dataset-format.md</c>).</summary>
public sealed class PairDatasetMetadata
{
    /// <summary>Gets or sets the dataset format version; see <see cref="PairDatasetFiles.SchemaVersion"/>.</summary>
    [JsonPropertyName("schema_version")]
    [JsonRequired]
    public int SchemaVersion { get; set; } = PairDatasetFiles.SchemaVersion;

    /// <summary>Gets or sets the name of every feature in order: <c>emb_0</c> … <c>emb_{D-1}</c>, then the metric names.</summary>
    [JsonPropertyName("feature_names")]
    [JsonRequired]
    public IList<string> FeatureNames { get; set; } = [];

    /// <summary>Gets or sets the id of the embedding generator of the vectors.</summary>
    [JsonPropertyName("embedding_generator_id")]
    [JsonRequired]
    public string EmbeddingGeneratorId { get; set; } = "";

    /// <summary>Gets or sets the embedding dimension D.</summary>
    [JsonPropertyName("embedding_dimension")]
    [JsonRequired]
    public int EmbeddingDimension { get; set; }

    /// <summary>Gets or sets the metric names, in feature order.</summary>
    [JsonPropertyName("metric_names")]
    [JsonRequired]
    public IList<string> MetricNames { get; set; } = [];

    /// <summary>Gets or sets the number of pairs: the lines of <c>dataset.jsonl</c>, or the pairs of <c>dataset.bin</c>.</summary>
    [JsonPropertyName("pair_count")]
    [JsonRequired]
    public int PairCount { get; set; }

    /// <summary>Gets or sets the pair counts by source, platform and section.</summary>
    [JsonPropertyName("counts")]
    [JsonRequired]
    public PairDatasetCounts Counts { get; set; } = new();

    /// <summary>Gets or sets <c>sha256:</c> and the lower-case hex SHA-256 of the exact bytes of the dataset file (<see cref="DatasetFile"/>).</summary>
    [JsonPropertyName("dataset_hash")]
    [JsonRequired]
    public string DatasetHash { get; set; } = "";

    /// <summary>Gets or sets when the dataset was exported.</summary>
    [JsonPropertyName("exported_at")]
    [JsonRequired]
    public DateTimeOffset ExportedAt { get; set; }

    /// <summary>
    /// Gets or sets the dataset file this metadata describes, in its folder: <c>dataset.bin</c> for the compact layout.
    /// <see langword="null"/> (the field is then not written) means <c>dataset.jsonl</c>, so a JSON Lines export's
    /// metadata is exactly the original system's.
    /// </summary>
    [JsonPropertyName("dataset_file")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DatasetFile { get; set; }

    /// <summary>Gets the layout of the dataset file, from <see cref="DatasetFile"/>.</summary>
    [JsonIgnore]
    public PairDatasetFormat Format => DatasetFile == PairDatasetFiles.CompactFileName ? PairDatasetFormat.Compact : PairDatasetFormat.Jsonl;

    /// <summary>
    /// Gets or sets which pair store the dataset was exported from and how far it had got (its
    /// <see cref="PairStoreFingerprint"/>, with the filters), so that an erasure can tell whether the dataset holds
    /// erased pairs. <see langword="null"/> (not written) for datasets written by older versions or by hand.
    /// </summary>
    [JsonPropertyName("source_store")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PairDatasetSourceStore? SourceStore { get; set; }

    /// <summary>Gets or sets the filters the export applied.</summary>
    [JsonPropertyName("filters")]
    [JsonRequired]
    public PairDatasetFilters Filters { get; set; } = new();
}

/// <summary>The pair counts of a dataset; keys in ordinal order.</summary>
public sealed class PairDatasetCounts
{
    /// <summary>Gets or sets the pairs per source.</summary>
    [JsonPropertyName("by_source")]
    [JsonRequired]
    public IDictionary<string, int> BySource { get; set; } = new SortedDictionary<string, int>(StringComparer.Ordinal);

    /// <summary>Gets or sets the pairs per platform.</summary>
    [JsonPropertyName("by_platform")]
    [JsonRequired]
    public IDictionary<string, int> ByPlatform { get; set; } = new SortedDictionary<string, int>(StringComparer.Ordinal);

    /// <summary>Gets or sets the pairs per section.</summary>
    [JsonPropertyName("by_section")]
    [JsonRequired]
    public IDictionary<string, int> BySection { get; set; } = new SortedDictionary<string, int>(StringComparer.Ordinal);
}

/// <summary>Where a dataset's pairs came from: a pair store's id, the highest pair sequence and the erasure generation it was read at.</summary>
public sealed class PairDatasetSourceStore
{
    /// <summary>Gets or sets the store's id.</summary>
    [JsonPropertyName("store_id")]
    [JsonRequired]
    public string StoreId { get; set; } = "";

    /// <summary>Gets or sets the highest pair sequence the dataset could hold.</summary>
    [JsonPropertyName("max_pair_sequence")]
    [JsonRequired]
    public long MaxPairSequence { get; set; }

    /// <summary>Gets or sets the store's erasure generation when the dataset was read.</summary>
    [JsonPropertyName("erasure_generation")]
    [JsonRequired]
    public long ErasureGeneration { get; set; }

    /// <summary>Gets the fingerprint of the dataset: this store position with the export's <paramref name="filters"/>.</summary>
    /// <param name="filters">The export's filters.</param>
    /// <returns>The fingerprint.</returns>
    public PairStoreFingerprint ToFingerprint(PairDatasetFilters? filters) =>
        new(StoreId, MaxPairSequence, filters?.Platform, null, filters?.Source, ErasureGeneration);
}

/// <summary>The filters of an export; <see langword="null"/> means all.</summary>
public sealed class PairDatasetFilters
{
    /// <summary>Gets or sets the platform exported, or <see langword="null"/> for all.</summary>
    [JsonPropertyName("platform")]
    public string? Platform { get; set; }

    /// <summary>Gets or sets the source exported, or <see langword="null"/> for all.</summary>
    [JsonPropertyName("source")]
    public string? Source { get; set; }
}
