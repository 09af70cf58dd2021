namespace Ancso.Ml.Embeddings.Pipeline;

/// <summary>The checks every vector passes before it reaches a model, a cache or a dataset: count, dimension, finite values.</summary>
internal static class EmbeddingVectorCheck
{
    public static void CheckCount(string generatorId, int received, int expected)
    {
        if (received != expected)
        {
            throw new EmbeddingServiceException(
                $"The embedding generator '{generatorId}' returned {received} embeddings for {expected} texts; nothing was used or cached.",
                EmbeddingServiceErrorKind.InvalidResponse);
        }
    }

    public static void Check(string generatorId, int dimension, ReadOnlySpan<float> vector, int index)
    {
        if (vector.Length != dimension)
        {
            throw new EmbeddingServiceException(
                $"The embedding generator '{generatorId}' returned a vector of dimension {vector.Length} for text {index}; expected {dimension}. Nothing was used or cached; check the generator's dimension setting.",
                EmbeddingServiceErrorKind.InvalidResponse);
        }

        foreach (var x in vector)
        {
            if (!float.IsFinite(x))
            {
                throw new EmbeddingServiceException(
                    $"The embedding generator '{generatorId}' returned a vector holding a NaN or infinite value for text {index}; nothing was used or cached.",
                    EmbeddingServiceErrorKind.InvalidResponse);
            }
        }
    }

    /// <summary>Whether a vector read back from a cache can be trusted: the right length and finite values.</summary>
    public static bool IsUsable(float[]? vector, int dimension) =>
        vector is not null && vector.Length == dimension && !Array.Exists(vector, static x => !float.IsFinite(x));

    public static void CheckAll(string generatorId, int dimension, GeneratedEmbeddings<Embedding<float>> embeddings, int expected)
    {
        CheckCount(generatorId, embeddings.Count, expected);
        for (var i = 0; i < embeddings.Count; i++)
        {
            Check(generatorId, dimension, embeddings[i].Vector.Span, i);
        }
    }
}
