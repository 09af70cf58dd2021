using System.ComponentModel.DataAnnotations;

namespace Ancso.Ml.Learning.Export;

/// <summary>
/// Options of the training dataset's export and of the exported dataset's erasure, bound from <c>Ranker:Export</c>
/// (<see cref="SectionName"/>) when <c>AddRanker(configuration)</c> was given the <c>Ranker</c> section, or set with
/// <c>services.Configure&lt;DatasetExportOptions&gt;(…)</c>. Validated at start.
/// </summary>
public sealed class DatasetExportOptions
{
    /// <summary>The configuration section these options bind from: <c>Ranker:Export</c>.</summary>
    public const string SectionName = "Ranker:Export";

    /// <summary>Gets or sets the folder the exporter writes <c>dataset.jsonl</c> and <c>metadata.json</c> into when a request names none.</summary>
    /// <value>Default: <c>data/ranker</c>.</value>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Set Ranker:Export:DatasetDirectory (DatasetExportOptions.DatasetDirectory) to the folder of the exported dataset, for example data/ranker.")]
    public string DatasetDirectory { get; set; } = Path.Combine("data", "ranker");

    /// <summary>Gets or sets how many pairs the exporter featurizes together.</summary>
    /// <value>Default: 256.</value>
    [Range(1, 65536, ErrorMessage = "Ranker:Export:ExportBatchSize (DatasetExportOptions.ExportBatchSize) must be between 1 and 65536.")]
    public int ExportBatchSize { get; set; } = 256;

    /// <summary>
    /// Gets or sets how many items the exporter featurizes in one call of the feature builder, and so at most how many
    /// texts it asks the embeddings pipeline for at once (the pipeline sends only those not cached).
    /// </summary>
    /// <value>Default: 64.</value>
    [Range(1, 4096, ErrorMessage = "Ranker:Export:EmbeddingBatchSize (DatasetExportOptions.EmbeddingBatchSize) must be between 1 and 4096.")]
    public int EmbeddingBatchSize { get; set; } = 64;

    /// <summary>
    /// Gets or sets how many items' feature vectors the exporter keeps in memory, least recently used first out.
    /// Memory use is about this number times the vector width times 4 bytes (6 MB for 1,000 items at 1,542 features).
    /// </summary>
    /// <value>Default: 2048.</value>
    [Range(0, 1_000_000, ErrorMessage = "Ranker:Export:FeatureCacheCapacity (DatasetExportOptions.FeatureCacheCapacity) must be between 0 and 1000000.")]
    public int FeatureCacheCapacity { get; set; } = 2048;
}
