using Ancso.Ml.Metrics;

namespace Ancso.Ml.Reasons;

/// <summary>Turns a model's reason outputs, or two texts' metrics, into a comparison's reasons, strongest first.</summary>
internal static class ReasonMath
{
    /// <summary>The most reasons a comparison gives.</summary>
    public const int MaxReasons = 3;

    /// <summary>Reasons weaker than this are left out (the strongest is always given).</summary>
    public const double MinStrength = 0.05;

    /// <summary>
    /// Reasons from the reason head's outputs for the two texts: for each tag, how much more the loser shows the flaw
    /// (or the lack) than the winner, as a softmax over the vocabulary, so the strengths of all tags add up to 1.
    /// </summary>
    /// <param name="winner">The preferred text's reason outputs, one per tag.</param>
    /// <param name="loser">The other text's.</param>
    /// <param name="tags">The tags, in output order.</param>
    /// <returns>Up to <see cref="MaxReasons"/> reasons; none when an output is not finite.</returns>
    public static IReadOnlyList<ComparisonReason> FromLogits(ReadOnlySpan<float> winner, ReadOnlySpan<float> loser, IReadOnlyList<string> tags)
    {
        var count = Math.Min(tags.Count, Math.Min(winner.Length, loser.Length));
        Span<double> difference = count <= 64 ? stackalloc double[count] : new double[count];
        var max = double.NegativeInfinity;
        for (var k = 0; k < count; k++)
        {
            difference[k] = (double)loser[k] - winner[k];

            // A difference beyond float32's range (outputs near ±3.4e38) comes from a network that has blown up, not a reason.
            if (!double.IsFinite(difference[k]) || Math.Abs(difference[k]) > float.MaxValue)
            {
                return [];
            }

            max = Math.Max(max, difference[k]);
        }

        double sum = 0;
        for (var k = 0; k < count; k++)
        {
            difference[k] = Math.Exp(difference[k] - max);
            sum += difference[k];
        }

        for (var k = 0; k < count; k++)
        {
            difference[k] /= sum;
        }

        return Strongest(difference, tags);
    }

    /// <summary>
    /// Reasons from the metrics, for heuristic comparisons: each metric on which the winner scores higher, by how much
    /// (metrics are in [0, 1], so the difference is too).
    /// </summary>
    /// <param name="winner">The preferred text's metrics.</param>
    /// <param name="loser">The other text's.</param>
    /// <returns>Up to <see cref="MaxReasons"/> reasons; none when the winner is better on no metric.</returns>
    public static IReadOnlyList<ComparisonReason> FromMetrics(in ContentMetrics winner, in ContentMetrics loser)
    {
        var names = MetricNames.All;
        Span<double> difference = stackalloc double[names.Count];
        for (var k = 0; k < names.Count; k++)
        {
            var d = (double)winner[names[k]] - loser[names[k]];

            // Ranked at the precision given (4 decimals), so leads equal but for float32 rounding keep the vocabulary's order.
            difference[k] = double.IsFinite(d) ? Math.Round(Math.Clamp(d, 0, 1), 4) : 0;
        }

        return Strongest(difference, names, floor: 0.01);
    }

    private static ComparisonReason[] Strongest(ReadOnlySpan<double> strengths, IReadOnlyList<string> tags, double floor = 0)
    {
        Span<int> best = stackalloc int[MaxReasons];
        var found = 0;
        for (var k = 0; k < strengths.Length; k++)
        {
            if (strengths[k] <= floor)
            {
                continue;
            }

            var at = found < MaxReasons ? found++ : MaxReasons;
            while (at > 0 && strengths[best[at - 1]] < strengths[k])
            {
                if (at < MaxReasons)
                {
                    best[at] = best[at - 1];
                }

                at--;
            }

            if (at < MaxReasons)
            {
                best[at] = k;
            }
        }

        var kept = 0;
        while (kept < found && (kept == 0 || strengths[best[kept]] >= MinStrength))
        {
            kept++;
        }

        var reasons = new ComparisonReason[kept];
        for (var i = 0; i < kept; i++)
        {
            reasons[i] = new ComparisonReason(tags[best[i]], Math.Round(strengths[best[i]], 4));
        }

        return reasons;
    }
}
