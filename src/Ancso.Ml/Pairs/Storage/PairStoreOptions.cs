using System.ComponentModel.DataAnnotations;

namespace Ancso.Ml.Pairs;

/// <summary>
/// Options of the pair store and the dataset exporter. Configure them with
/// <c>services.Configure&lt;PairStoreOptions&gt;(…)</c> or bind them, for example from <c>Ranker:Pairs</c>.
/// </summary>
public sealed class PairStoreOptions
{
    /// <summary>The configuration section these options bind from by convention: <c>Ranker:Pairs</c>.</summary>
    public const string SectionName = "Ranker:Pairs";

    /// <summary>
    /// Gets or sets the SQLite file of the pair store, absolute or relative to the current directory. Its folder is
    /// created when missing. The file runs in WAL mode, so a <c>-wal</c> and a <c>-shm</c> file sit beside it.
    /// </summary>
    /// <value>Default: <c>data/ranker/pairs.db</c>.</value>
    [Required(AllowEmptyStrings = false)]
    public string DatabasePath { get; set; } = Path.Combine("data", "ranker", "pairs.db");

    /// <summary>Gets or sets the folder the exporter writes <c>dataset.jsonl</c> and <c>metadata.json</c> into when a request names none.</summary>
    /// <value>Default: <c>data/ranker</c>.</value>
    [Required(AllowEmptyStrings = false)]
    public string DatasetDirectory { get; set; } = Path.Combine("data", "ranker");

    /// <summary>
    /// Gets or sets how long a write waits for another process or thread that holds the store's write lock before the
    /// call fails. Writes retry with backoff within this time, so callers never see a transient lock.
    /// </summary>
    /// <value>Default: 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how many pairs the exporter featurizes together.</summary>
    /// <value>Default: 256.</value>
    [Range(1, 65536)]
    public int ExportBatchSize { get; set; } = 256;

    /// <summary>
    /// Gets or sets how many items the exporter featurizes in one call of the feature builder, and so at most how many
    /// texts it asks the embeddings pipeline for at once (the pipeline sends only those not cached).
    /// </summary>
    /// <value>Default: 64.</value>
    [Range(1, 4096)]
    public int EmbeddingBatchSize { get; set; } = 64;

    /// <summary>
    /// Gets or sets how many items' feature vectors the exporter keeps in memory, least recently used first out.
    /// Memory use is about this number times the vector width times 4 bytes (6 MB for 1,000 items at 1,542 features).
    /// </summary>
    /// <value>Default: 2048.</value>
    [Range(0, 1_000_000)]
    public int FeatureCacheCapacity { get; set; } = 2048;
}
