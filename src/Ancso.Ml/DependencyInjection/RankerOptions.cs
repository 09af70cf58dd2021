using System.ComponentModel.DataAnnotations;

namespace Ancso.Ml.DependencyInjection;

/// <summary>Options of the ranker: where models live, how ONNX Runtime runs, and how features are built.</summary>
public sealed class RankerOptions
{
    /// <summary>The configuration section these options bind from by convention: <c>Ranker</c>.</summary>
    public const string SectionName = "Ranker";

    /// <summary>Gets or sets the models folder, absolute or relative to the current directory.</summary>
    /// <value>Default: <c>models</c>.</value>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Ranker:ModelsDirectory is empty; set it to the folder that holds active_model.json (for example 'models').")]
    public string ModelsDirectory { get; set; } = "models";

    /// <summary>
    /// Gets or sets the embedding dimension of the built-in offline hashing generator, and the dimension assumed for a
    /// generator that does not declare one.
    /// </summary>
    /// <value>Default: 1536.</value>
    [OptionRange(8, 65536, ErrorMessage = "Ranker:EmbeddingDimension must be between {1} and {2}; set it to the length of the embedding generator's vectors (1536 by default).")]
    public int EmbeddingDimension { get; set; } = 1536;

    /// <summary>Gets or sets the number of threads ONNX Runtime uses inside one operator.</summary>
    /// <value>Default: 1 (a host app scores many requests at once; one thread each is fastest for this small model).</value>
    [OptionRange(1, 256, ErrorMessage = "Ranker:IntraOpThreads must be between {1} and {2}; 1 suits a host that scores many requests at once.")]
    public int IntraOpThreads { get; set; } = 1;

    /// <summary>Gets or sets whether ONNX Runtime's worker threads spin while idle. Spinning burns CPU in a host; leave it off unless benchmarks say otherwise.</summary>
    /// <value>Default: <see langword="false"/>.</value>
    public bool AllowSpinning { get; set; }

    /// <summary>Gets or sets whether a running service switches to a newly activated model when <c>active_model.json</c> changes.</summary>
    /// <value>Default: <see langword="true"/>.</value>
    public bool HotReload { get; set; } = true;

    /// <summary>
    /// Gets or sets how often, at most, a running service looks at <c>active_model.json</c> itself (its size and last-write
    /// time) besides watching the models folder, since file system watchers miss changes on some network and container
    /// file systems. The look is the file registry's (<see cref="Models.FileModelRegistry.ChangePollingInterval"/>), on a
    /// timer, so a change is seen without a scoring call; a registry with its own change token (PostgreSQL) ignores it.
    /// </summary>
    /// <value>Default: 2 seconds.</value>
    [OptionRange(typeof(TimeSpan), "00:00:00.010", "1.00:00:00", ErrorMessage = "Ranker:HotReloadCheckInterval must be between {1} and {2} (a TimeSpan such as '00:00:02').")]
    public TimeSpan HotReloadCheckInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets the largest score difference that still counts as a tie in a comparison.</summary>
    /// <value>Default: 1e-6.</value>
    [OptionRange(0.0, 1.0, ErrorMessage = "Ranker:TieTolerance must be between {1} and {2}; it is the largest score difference that still counts as a tie (1e-6 by default).")]
    public double TieTolerance { get; set; } = 1e-6;

    /// <summary>
    /// Gets or sets how many embeddings the scoring and export pipeline keeps in memory (least recently used out first) in
    /// front of the pair store's embedding cache. 0 turns the memory cache off. Not used with the hashing generator.
    /// </summary>
    /// <value>Default: 10,000 (about 15 MB at 384 dimensions, 60 MB at 1536).</value>
    [OptionRange(0, 10_000_000, ErrorMessage = "Ranker:EmbeddingMemoryCacheCapacity must be between {1} and {2}; it is the number of embeddings kept in memory (0 turns it off).")]
    public int EmbeddingMemoryCacheCapacity { get; set; } = 10_000;

    /// <summary>
    /// Gets or sets how long a request for new embeddings waits for concurrent ones to join it in one provider call.
    /// Zero sends each at once while a provider slot is free; requests arriving while every slot is busy (one per core)
    /// still gather into one call, which is what a remote service's latency brings about anyway. A positive window
    /// gathers more per call at the price of that much latency for a text that arrives alone. Not used with the hashing
    /// generator.
    /// </summary>
    /// <value>Default: zero, so scoring a new text with the local encoder costs the encoder alone.</value>
    [OptionRange(typeof(TimeSpan), "00:00:00", "00:00:01", ErrorMessage = "Ranker:EmbeddingBatchWindow must be between {1} and {2} (a TimeSpan such as '00:00:00.005').")]
    public TimeSpan EmbeddingBatchWindow { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Gets or sets the most texts gathered into one provider call; the provider may split it further (OpenRouter's
    /// <c>BatchSize</c>). A single request of this many texts or more goes straight to the provider.
    /// </summary>
    /// <value>Default: 256.</value>
    [OptionRange(1, 100_000, ErrorMessage = "Ranker:EmbeddingBatchMaxTexts must be between {1} and {2}; it is the most texts gathered into one provider call.")]
    public int EmbeddingBatchMaxTexts { get; set; } = 256;
}
