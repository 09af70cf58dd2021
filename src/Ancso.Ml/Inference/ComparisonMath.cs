namespace Ancso.Ml.Inference;

/// <summary>Turns two scores into a preference and a confidence.</summary>
internal static class ComparisonMath
{
    /// <summary>
    /// Compares <paramref name="a"/> and <paramref name="b"/>: a tie (confidence 0.5) when they differ by at most
    /// <paramref name="tieTolerance"/>, else the higher one with confidence <c>sigmoid(|a − b| / T)</c>, in (0.5, 1].
    /// </summary>
    public static (Preference Preference, double Confidence) Compare(float a, float b, double temperature, double tieTolerance)
    {
        var difference = (double)a - b;
        if (double.IsNaN(difference) || Math.Abs(difference) <= tieTolerance)
        {
            return (Preference.Tie, 0.5);
        }

        var confidence = 1.0 / (1.0 + Math.Exp(-Math.Abs(difference) / temperature));
        return (difference > 0 ? Preference.A : Preference.B, confidence);
    }
}
