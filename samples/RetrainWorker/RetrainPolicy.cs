namespace Ancso.Ml.Samples.RetrainWorker;

/// <summary>The decision of one check: train or not, and why.</summary>
public sealed record RetrainDecision(bool ShouldTrain, int NewPairs, string Reason);

/// <summary>Retrain once enough pairs have arrived since the last training.</summary>
public static class RetrainPolicy
{
    /// <summary>Decides from the pairs stored now and the pairs the last training saw.</summary>
    /// <param name="storedPairs">Pairs in the store now.</param>
    /// <param name="pairsAtLastTraining">Pairs in the dataset of the last training (0 if none yet).</param>
    /// <param name="minNewPairs">How many new pairs make a retraining worthwhile.</param>
    /// <returns>The decision.</returns>
    public static RetrainDecision Decide(int storedPairs, int pairsAtLastTraining, int minNewPairs)
    {
        // A store with fewer pairs than the last training saw was replaced: count all of its pairs as new.
        var newPairs = storedPairs >= pairsAtLastTraining ? storedPairs - pairsAtLastTraining : storedPairs;
        return newPairs >= minNewPairs
            ? new RetrainDecision(true, newPairs, $"{newPairs} new pairs (threshold {minNewPairs})")
            : new RetrainDecision(false, newPairs, $"{newPairs} new pairs, fewer than the threshold of {minNewPairs}");
    }
}
