namespace Ancso.Ml.Samples.RetrainWorker;

/// <summary>The decision of one check: train or not, and why.</summary>
public sealed record RetrainDecision(bool ShouldTrain, int NewPairs, string Reason);

/// <summary>What erasures mean for this check: whether a model serves, whether it learned from erased data, and how many pairs the retention period just erased.</summary>
/// <param name="HasActiveModel">Whether a model is active.</param>
/// <param name="ActiveModelLearnedFromErasedData">Whether the active model learned from pairs erased since it was trained (by this worker's retention or by anyone's erasure).</param>
/// <param name="PairsErased">The pairs this check's retention erased.</param>
public sealed record ErasureState(bool HasActiveModel, bool ActiveModelLearnedFromErasedData, int PairsErased)
{
    /// <summary>Gets the state of a check that erased nothing and whose model (if any) learned from nothing erased.</summary>
    public static ErasureState None { get; } = new(false, false, 0);
}

/// <summary>
/// Retrain once enough pairs have arrived since the last training, or at once when the active model has to be replaced
/// because data was erased: the retention period erased pairs, or the active model learned from erased data.
/// </summary>
public static class RetrainPolicy
{
    /// <summary>Decides from the pairs stored now and the pairs the last training saw.</summary>
    /// <param name="storedPairs">Pairs in the store now.</param>
    /// <param name="pairsAtLastTraining">Pairs in the dataset of the last training (0 if none yet).</param>
    /// <param name="minNewPairs">How many new pairs make a retraining worthwhile.</param>
    /// <returns>The decision.</returns>
    public static RetrainDecision Decide(int storedPairs, int pairsAtLastTraining, int minNewPairs) =>
        Decide(storedPairs, pairsAtLastTraining, minNewPairs, ErasureState.None);

    /// <summary>
    /// Decides from the pairs and the erasures: while a model is active, an erasure by the retention period, or an active
    /// model that learned from erased data, means a retraining whatever the number of new pairs (the replacement learns
    /// only from the pairs that remain). With no pairs left there is nothing to train a replacement on.
    /// </summary>
    /// <param name="storedPairs">Pairs in the store now (after this check's retention).</param>
    /// <param name="pairsAtLastTraining">Pairs in the dataset of the last training (0 if none yet).</param>
    /// <param name="minNewPairs">How many new pairs make a retraining worthwhile.</param>
    /// <param name="erasure">What erasures mean for this check.</param>
    /// <returns>The decision.</returns>
    public static RetrainDecision Decide(int storedPairs, int pairsAtLastTraining, int minNewPairs, ErasureState erasure)
    {
        ArgumentNullException.ThrowIfNull(erasure);

        // A store with fewer pairs than the last training saw lost pairs to an erasure or was replaced: count all of its
        // pairs as new.
        var newPairs = storedPairs >= pairsAtLastTraining ? storedPairs - pairsAtLastTraining : storedPairs;
        if (erasure.HasActiveModel && (erasure.PairsErased > 0 || erasure.ActiveModelLearnedFromErasedData))
        {
            var why = (erasure.PairsErased, erasure.ActiveModelLearnedFromErasedData) switch
            {
                ( > 0, true) => $"the retention period erased {erasure.PairsErased} pairs and the active model learned from erased data",
                ( > 0, false) => $"the retention period erased {erasure.PairsErased} pairs",
                _ => "the active model learned from erased data",
            };
            return storedPairs > 0
                ? new RetrainDecision(true, newPairs, $"{why}; training a replacement for the active model on the {storedPairs} pairs that remain")
                : new RetrainDecision(false, newPairs, $"{why}, but no pairs remain to train a replacement on");
        }

        return newPairs >= minNewPairs
            ? new RetrainDecision(true, newPairs, $"{newPairs} new pairs (threshold {minNewPairs})")
            : new RetrainDecision(false, newPairs, $"{newPairs} new pairs, fewer than the threshold of {minNewPairs}");
    }
}
