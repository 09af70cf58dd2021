namespace Ancso.Ml.Training;

/// <summary>The figures of one finished epoch, reported while training runs.</summary>
/// <param name="Epoch">The epoch (1-based).</param>
/// <param name="Epochs">The most epochs the run will take (early stopping may end it sooner).</param>
/// <param name="TrainLoss">The mean training loss over the epoch's batches.</param>
/// <param name="TrainAccuracy">The share of training pairs ordered correctly during the epoch, each pair counting as the votes it carries after the influence limits.</param>
/// <param name="ValidationLoss">The mean validation loss, or <see langword="null"/> without validation pairs.</param>
/// <param name="ValidationAccuracy">The share of validation pairs ordered correctly (counted as votes, as <paramref name="TrainAccuracy"/>), or <see langword="null"/>.</param>
/// <param name="IsBest">Whether this epoch's weights are the best so far (the ones that will be kept if none beats them).</param>
public sealed record TrainingProgress(
    int Epoch,
    int Epochs,
    double TrainLoss,
    double TrainAccuracy,
    double? ValidationLoss,
    double? ValidationAccuracy,
    bool IsBest)
{
    /// <summary>Gets whether this epoch belongs to the refit on every pair (after validation chose the epoch count).</summary>
    public bool IsRefit { get; init; }

    /// <summary>
    /// Gets whether early stopping ends the validated fit after this epoch (no better validation loss for the patience's
    /// epochs): the fit's last report, before <see cref="Epochs"/>. A refit, when one follows, reports its epochs next, from 1.
    /// </summary>
    public bool StopsEarly { get; init; }
}
