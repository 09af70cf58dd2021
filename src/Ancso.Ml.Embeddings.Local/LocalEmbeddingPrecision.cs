namespace Ancso.Ml.Embeddings.Local;

/// <summary>The number format <see cref="LocalEmbeddingGenerator"/> runs the encoder's weight matrix products in.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The members name number formats, as ONNX and ONNX Runtime do.")]
public enum LocalEmbeddingPrecision
{
    /// <summary>The model as shipped, in float32: <c>local:arctic-embed-xs</c>.</summary>
    Float32 = 0,

    /// <summary>
    /// The encoder's weight matrix products quantized to int8 when the model is read (dynamic quantization, one scale
    /// per output column): <c>local:arctic-embed-xs-int8</c>. About 2.5 times faster on a CPU with int8 dot products
    /// (AVX-512 VNNI, AVX-VNNI, Arm dot product), vectors within about 0.01 of the float32 ones in cosine. Its vectors
    /// differ from <see cref="Float32"/>'s, so it is another embedder: a ranker trained on one is not served with the other.
    /// </summary>
    Int8 = 1,
}
