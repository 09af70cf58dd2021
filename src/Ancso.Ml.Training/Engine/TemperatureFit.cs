namespace Ancso.Ml.Training.Engine;

/// <summary>
/// Fits the temperature T that makes <c>sigmoid((s_A − s_B) / T)</c> a calibrated probability that A is better: the T
/// that minimises the mean negative log-likelihood over labelled pairs (each counting as its votes: a capped rater's
/// pairs little), by golden-section search over log T.
/// </summary>
internal static class TemperatureFit
{
    public const double MinLogT = -7;
    public const double MaxLogT = 7;

    /// <summary>Fits T on score differences <paramref name="differences"/> (<c>s_A − s_B</c>) and labels (±1).</summary>
    public static double Fit(IReadOnlyList<double> differences, IReadOnlyList<float> labels, IReadOnlyList<float>? votes = null)
    {
        if (differences.Count == 0 || (votes is not null && !(votes.Sum() > 0)))
        {
            return 1.0;
        }

        var invPhi = (Math.Sqrt(5) - 1) / 2;
        double lo = MinLogT, hi = MaxLogT;
        var x1 = hi - (invPhi * (hi - lo));
        var x2 = lo + (invPhi * (hi - lo));
        var f1 = Nll(differences, labels, Math.Exp(x1), votes);
        var f2 = Nll(differences, labels, Math.Exp(x2), votes);
        for (var i = 0; i < 80 && hi - lo > 1e-9; i++)
        {
            if (f1 <= f2)
            {
                hi = x2;
                x2 = x1;
                f2 = f1;
                x1 = hi - (invPhi * (hi - lo));
                f1 = Nll(differences, labels, Math.Exp(x1), votes);
            }
            else
            {
                lo = x1;
                x1 = x2;
                f1 = f2;
                x2 = lo + (invPhi * (hi - lo));
                f2 = Nll(differences, labels, Math.Exp(x2), votes);
            }
        }

        return Math.Exp((lo + hi) / 2);
    }

    /// <summary>The mean negative log-likelihood <c>−log sigmoid(y·d / T)</c>, each pair counting as its votes (1 each when not given).</summary>
    public static double Nll(IReadOnlyList<double> differences, IReadOnlyList<float> labels, double temperature, IReadOnlyList<float>? votes = null)
    {
        double sum = 0;
        double count = 0;
        for (var i = 0; i < differences.Count; i++)
        {
            var v = votes?[i] ?? 1f;
            sum += v * PairFigures.Softplus(-labels[i] * differences[i] / temperature);
            count += v;
        }

        return sum / Math.Max(1e-12, count);
    }
}
