namespace Ancso.Ml.Training;

/// <summary>What a training run produced.</summary>
public sealed class TrainingResult
{
    /// <summary>Gets the new model's version.</summary>
    public required string Version { get; init; }

    /// <summary>Gets the full path of the stored ONNX file.</summary>
    public required string ModelPath { get; init; }

    /// <summary>Gets the full path of the stored metadata file.</summary>
    public required string MetadataPath { get; init; }

    /// <summary>Gets whether the new version was activated.</summary>
    public required bool Activated { get; init; }

    /// <summary>Gets the stored metadata (hyper-parameters, per-epoch figures, temperature, dataset hash).</summary>
    public required ModelMetadata Metadata { get; init; }

    /// <summary>Gets the number of pairs read before cleaning.</summary>
    public required int PairsRead { get; init; }

    /// <summary>Gets the number of training pairs.</summary>
    public required int TrainPairs { get; init; }

    /// <summary>Gets the number of validation pairs.</summary>
    public required int ValidationPairs { get; init; }

    /// <summary>Gets the number of pairs dropped because one item fell in the training split and the other in validation.</summary>
    public required int StraddlingPairsDropped { get; init; }

    /// <summary>
    /// Gets the number of pairs not trained on as pairs of their own because another vote on the same two items carries
    /// them: a later vote of the same rater (one vote per rater per pair), or a vote of another rater with the same
    /// verdict (their weights add up).
    /// </summary>
    public required int DuplicatePairsDropped { get; init; }

    /// <summary>Gets the number of pairs dropped because votes on the same two items said otherwise: outvoted, or tied.</summary>
    public required int ContradictoryPairsDropped { get; init; }

    /// <summary>Gets what the influence limits did (<see cref="RankerTrainingOptions.InfluenceLimits"/>): raters, capped raters, merged and dropped votes.</summary>
    public required InfluenceReport Influence { get; init; }

    /// <summary>Gets the epoch whose weights were kept (1-based).</summary>
    public required int BestEpoch { get; init; }

    /// <summary>Gets the number of epochs run.</summary>
    public required int EpochsRun { get; init; }

    /// <summary>Gets whether early stopping ended training before the last epoch.</summary>
    public required bool StoppedEarly { get; init; }

    /// <summary>Gets the training accuracy at the best epoch (each pair counting as the votes it carries after the influence limits).</summary>
    public required double TrainAccuracy { get; init; }

    /// <summary>
    /// Gets the validation accuracy at the best epoch, or <see langword="null"/> without validation pairs. Each pair
    /// counts as the votes it carries after the influence limits: one for a pair of an uncapped rater or of bootstrap,
    /// less for a capped rater's, so a flood the model rightly disagrees with does not pull the figure down.
    /// </summary>
    public double? ValidationAccuracy { get; init; }

    /// <summary>Gets the validation accuracy at the best epoch per label source (<c>bootstrap</c>, <c>user_choice</c>, …).</summary>
    public IReadOnlyDictionary<string, double> ValidationAccuracyBySource { get; init; } = new Dictionary<string, double>();

    /// <summary>Gets the fitted temperature T of the confidence <c>sigmoid((s_A − s_B) / T)</c>.</summary>
    public required double Temperature { get; init; }

    /// <summary>Gets the largest difference between ONNX Runtime's and TorchSharp's score over the checked items.</summary>
    public required double MaxParityDifference { get; init; }

    /// <summary>Gets whether the final model was refitted on every pair after validation chose the epoch count (see <see cref="RankerTrainingOptions.RefitOnAllPairs"/>).</summary>
    public bool Refitted { get; init; }

    /// <summary>Gets how many pairs the final model was trained on: every pair after a refit, the training pairs otherwise.</summary>
    public int FinalModelPairs { get; init; }

    /// <summary>Gets the loss weight each label source in the data had.</summary>
    public IReadOnlyDictionary<string, double> SourceWeights { get; init; } = new Dictionary<string, double>();

    /// <summary>Gets the model training started from (<see cref="RankerTrainingOptions.InitialModel"/>), or <see langword="null"/> when it started from random weights.</summary>
    public string? WarmStartedFrom { get; init; }

    /// <summary>Gets why <see cref="RankerTrainingOptions.InitialModel"/> was not used (another layout, an unreadable file), or <see langword="null"/>.</summary>
    public string? WarmStartSkippedReason { get; init; }

    /// <summary>Gets the number of items the parity check scored.</summary>
    public required int ParityItems { get; init; }

    /// <summary>Gets how long each stage took.</summary>
    public TrainingTimings Timings { get; init; } = new(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);
}

/// <summary>How long each stage of a training run took (from the trainer's <see cref="TimeProvider"/>).</summary>
/// <param name="Load">Loading TorchSharp (first run in a process only) and reading the dataset.</param>
/// <param name="Train">The epochs, keeping the best weights, and scoring the checked items.</param>
/// <param name="ExportAndCheck">Writing ONNX and the ONNX Runtime parity check.</param>
/// <param name="StoreAndActivate">Fitting the temperature, storing and activating.</param>
public sealed record TrainingTimings(TimeSpan Load, TimeSpan Train, TimeSpan ExportAndCheck, TimeSpan StoreAndActivate);
