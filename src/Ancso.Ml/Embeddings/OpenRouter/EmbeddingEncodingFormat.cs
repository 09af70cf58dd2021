namespace Ancso.Ml.Embeddings.OpenRouter;

/// <summary>How the embedding service is asked to encode vectors in its answer (the request's <c>encoding_format</c>).</summary>
public enum EmbeddingEncodingFormat
{
    /// <summary><c>float</c>: each vector as a JSON array of numbers. The API's default; understood everywhere.</summary>
    FloatArray,

    /// <summary><c>base64</c>: each vector as a base64 string of little-endian 32-bit floats; about a third of the size.</summary>
    Base64,
}
