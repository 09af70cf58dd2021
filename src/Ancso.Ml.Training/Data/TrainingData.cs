using Ancso.Ml.Pairs.Erasure;

namespace Ancso.Ml.Training.Data;

/// <summary>The cleaned pairs, their layout, the dataset's hash and where they came from.</summary>
internal sealed record TrainingData(PairSet Set, FeatureLayout Layout, string DatasetHash, string Source)
{
    /// <summary>Gets what the pairs were read from, when a pair store is behind them (directly or through an export), for the model's metadata.</summary>
    public PairStoreFingerprint? Fingerprint { get; init; }

    /// <summary>Loads what the options name: <see cref="RankerTrainingOptions.Source"/>, else the pairs handed in, else <see cref="RankerTrainingOptions.DatasetPath"/> (or its default).</summary>
    public static Task<TrainingData> LoadAsync(RankerTrainingOptions options, CancellationToken cancellationToken)
    {
        var source = options.Source;
        if (source is null && options.Pairs is { } pairs)
        {
            source = RankerTrainingSource.FromPairs(pairs, options.Layout ?? throw new RankerTrainingException(RankerTrainingErrorKind.InvalidOptions,
                "RankerTrainingOptions.Pairs is set but Layout is not; set Layout to the feature layout the pairs were built with (the IFeatureBuilder's Layout).",
                field: nameof(RankerTrainingOptions.Layout)));
        }

        return (source ?? RankerTrainingSource.FromDataset(options.DatasetPath ?? RankerTrainingOptions.DefaultDatasetPath)).LoadAsync(options, cancellationToken);
    }
}
