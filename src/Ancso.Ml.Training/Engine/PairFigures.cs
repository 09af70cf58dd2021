namespace Ancso.Ml.Training.Engine;

/// <summary>Loss and pairwise accuracy of item scores over a set of pairs, computed in managed code.</summary>
internal static class PairFigures
{
    /// <summary>The loss of one pair, with <c>z = y·(s_A − s_B)</c>.</summary>
    public static double Loss(RankingLoss loss, double margin, double z) => loss switch
    {
        RankingLoss.Logistic => Softplus(-z),
        _ => Math.Max(0, margin - z),
    };

    /// <summary><c>log(1 + e^x)</c> without overflow.</summary>
    public static double Softplus(double x) => Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x)));

    /// <summary>
    /// Gets the loss (weighted by <paramref name="weights"/> when given), the accuracy and the accuracy per source, each
    /// pair counting as <paramref name="votes"/> says (1 each when not given): a capped rater's pairs count as little as
    /// they weigh, so a flood the model rightly disagrees with does not pull the figures down.
    /// </summary>
    public static (double Loss, double Accuracy, Dictionary<string, double> AccuracyBySource) Evaluate(
        int[] pairs, int[] a, int[] b, float[] labels, string[] sources, float[] itemScores, RankingLoss loss, double margin, float[]? weights = null, float[]? votes = null)
    {
        double lossSum = 0;
        double weightSum = 0;
        double correct = 0;
        double counted = 0;
        var bySource = new Dictionary<string, (double Correct, double Total)>(StringComparer.Ordinal);
        foreach (var p in pairs)
        {
            var z = labels[p] * ((double)itemScores[a[p]] - itemScores[b[p]]);
            var weight = weights?[p] ?? 1f;
            lossSum += weight * Loss(loss, margin, z);
            weightSum += weight;
            var count = votes?[p] ?? 1f;
            var right = z > 0 ? count : 0;
            correct += right;
            counted += count;
            var (c, t) = bySource.GetValueOrDefault(sources[p]);
            bySource[sources[p]] = (c + right, t + count);
        }

        return (lossSum / Math.Max(1e-12, weightSum), correct / Math.Max(1e-12, counted),
            bySource.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value.Correct / Math.Max(1e-12, kv.Value.Total), StringComparer.Ordinal));
    }
}
