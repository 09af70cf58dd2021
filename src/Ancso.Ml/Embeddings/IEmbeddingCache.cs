namespace Ancso.Ml.Embeddings;

/// <summary>
/// Stores embeddings keyed by generator id, dimension and a hash of the text, so each (generator, text) is embedded once.
/// The SQLite pair store implements it; any store may.
/// </summary>
public interface IEmbeddingCache
{
    /// <summary>Looks up cached vectors.</summary>
    /// <param name="generatorId">The generator's id (see <see cref="EmbeddingGeneratorIdentity"/>); it names the model.</param>
    /// <param name="dimension">The vectors' dimension.</param>
    /// <param name="textHashes">Text hashes from <see cref="EmbeddingTextHash.Compute"/>.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The vectors found, keyed by text hash; hashes not cached are absent.</returns>
    Task<IReadOnlyDictionary<string, float[]>> GetManyAsync(string generatorId, int dimension, IReadOnlyCollection<string> textHashes, CancellationToken cancellationToken = default);

    /// <summary>Stores vectors; a vector already stored for the same key is kept.</summary>
    /// <param name="generatorId">The generator's id.</param>
    /// <param name="dimension">The vectors' dimension.</param>
    /// <param name="vectors">Vectors keyed by text hash.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the vectors are stored.</returns>
    Task SetManyAsync(string generatorId, int dimension, IReadOnlyDictionary<string, float[]> vectors, CancellationToken cancellationToken = default);
}
