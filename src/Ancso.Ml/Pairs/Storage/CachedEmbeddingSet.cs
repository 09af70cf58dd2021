namespace Ancso.Ml.Pairs.Storage;

/// <summary>The embeddings cached for one generator and dimension.</summary>
/// <param name="GeneratorId">The generator's id, for example <c>ancso:hashing-v1</c>.</param>
/// <param name="Dimension">The vectors' dimension.</param>
/// <param name="Count">The number of cached vectors.</param>
public sealed record CachedEmbeddingSet(string GeneratorId, int Dimension, int Count);
