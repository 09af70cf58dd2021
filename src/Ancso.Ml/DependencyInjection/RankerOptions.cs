using System.ComponentModel.DataAnnotations;

namespace Ancso.Ml.DependencyInjection;

/// <summary>Options of the ranker: where models live, how ONNX Runtime runs, and how features are built.</summary>
public sealed class RankerOptions
{
    /// <summary>The configuration section these options bind from by convention: <c>Ranker</c>.</summary>
    public const string SectionName = "Ranker";

    /// <summary>Gets or sets the models folder, absolute or relative to the current directory.</summary>
    /// <value>Default: <c>models</c>.</value>
    [Required(AllowEmptyStrings = false)]
    public string ModelsDirectory { get; set; } = "models";

    /// <summary>
    /// Gets or sets the embedding dimension of the built-in offline hashing generator, and the dimension assumed for a
    /// generator that does not declare one.
    /// </summary>
    /// <value>Default: 1536.</value>
    [Range(8, 65536)]
    public int EmbeddingDimension { get; set; } = 1536;

    /// <summary>Gets or sets the number of threads ONNX Runtime uses inside one operator.</summary>
    /// <value>Default: 1 (a host app scores many requests at once; one thread each is fastest for this small model).</value>
    [Range(1, 256)]
    public int IntraOpThreads { get; set; } = 1;

    /// <summary>Gets or sets whether ONNX Runtime's worker threads spin while idle. Spinning burns CPU in a host; leave it off unless benchmarks say otherwise.</summary>
    /// <value>Default: <see langword="false"/>.</value>
    public bool AllowSpinning { get; set; }

    /// <summary>Gets or sets whether a running service switches to a newly activated model when <c>active_model.json</c> changes.</summary>
    /// <value>Default: <see langword="true"/>.</value>
    public bool HotReload { get; set; } = true;

    /// <summary>Gets or sets the largest score difference that still counts as a tie in a comparison.</summary>
    /// <value>Default: 1e-6.</value>
    [Range(0.0, 1.0)]
    public double TieTolerance { get; set; } = 1e-6;
}
