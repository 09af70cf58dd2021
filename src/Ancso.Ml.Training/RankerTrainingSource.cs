namespace Ancso.Ml.Training;

/// <summary>
/// Where the trainer reads its pairs: an exported dataset (either layout), the pair store itself, or pairs in memory.
/// Every source goes through the one dataset reader's checks and gives the model a <c>dataset_hash</c>.
/// </summary>
public abstract class RankerTrainingSource
{
    private protected RankerTrainingSource()
    {
    }

    /// <summary>
    /// An exported dataset: its folder, or its dataset file (<c>dataset.bin</c> or <c>dataset.jsonl</c>) with
    /// <c>metadata.json</c> beside it. Read in one streaming pass, checked against the metadata's width, hash and count.
    /// </summary>
    /// <param name="path">The folder or the file.</param>
    /// <returns>The source.</returns>
    public static RankerTrainingSource FromDataset(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new DatasetFileSource(path);
    }

    /// <summary>
    /// The pair store, read directly with no file in between: the matching pairs are streamed in store order, each item's
    /// features built once through <paramref name="features"/> (the path inference uses, with its embedding cache). The
    /// result is what training on <c>export --format compact</c> of the same pairs gives, <c>dataset_hash</c> included.
    /// Memory holds the item feature matrix and the pair indices, never text or a second copy of a vector.
    /// </summary>
    /// <param name="store">The pair store.</param>
    /// <param name="features">The feature builder (the host's <see cref="IFeatureBuilder"/>).</param>
    /// <param name="filter">Which pairs; <see langword="null"/> for all.</param>
    /// <returns>The source.</returns>
    public static RankerTrainingSource FromPairStore(IPairStore store, IFeatureBuilder features, PairFilter? filter = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(features);
        return new PairStoreSource(store, features, filter ?? new PairFilter());
    }

    /// <summary>Pairs in memory, with the layout their features were built with (for example <see cref="IFeatureBuilder.Layout"/>).</summary>
    /// <param name="pairs">The pairs.</param>
    /// <param name="layout">Their feature layout.</param>
    /// <returns>The source.</returns>
    public static RankerTrainingSource FromPairs(IReadOnlyList<TrainingPair> pairs, FeatureLayout layout)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(layout);
        return new PairsSource(pairs, layout);
    }

    internal abstract Task<TrainingData> LoadAsync(RankerTrainingOptions options, CancellationToken cancellationToken);
}
