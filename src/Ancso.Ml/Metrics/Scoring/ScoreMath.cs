namespace Ancso.Ml.Metrics.Scoring;

/// <summary>The smooth shaping functions every metric is built from. All return finite numbers in [0, 1].</summary>
internal static class ScoreMath
{
    /// <summary>Clamps to [0, 1]; NaN becomes 0.</summary>
    /// <param name="x">The value.</param>
    /// <returns>The clamped value.</returns>
    public static double Unit(double x) => double.IsNaN(x) ? 0 : Math.Clamp(x, 0, 1);

    /// <summary>Rises from 0 towards 1: <c>1 − e^(−x/scale)</c> (0.63 at <paramref name="scale"/>, 0.86 at twice it).</summary>
    /// <param name="x">The evidence; negative counts as 0.</param>
    /// <param name="scale">The evidence at which the result is 0.63.</param>
    /// <returns>The saturated value.</returns>
    public static double Saturate(double x, double scale) => scale <= 0 ? 0 : Unit(1 - Math.Exp(-Math.Max(0, x) / scale));

    /// <summary>
    /// 1 inside [<paramref name="low"/>, <paramref name="high"/>]; outside, a Gaussian shoulder whose width is
    /// <paramref name="softness"/> times the nearer bound (so at one width away the value is 0.61, at two 0.14).
    /// </summary>
    /// <param name="x">The value.</param>
    /// <param name="low">The lower end of the ideal range.</param>
    /// <param name="high">The upper end of the ideal range.</param>
    /// <param name="softness">The shoulder width as a fraction of the bound.</param>
    /// <returns>The fit.</returns>
    public static double RangeFit(double x, double low, double high, double softness)
    {
        if (x < low)
        {
            return Shoulder(low - x, low * softness);
        }

        return x > high ? Shoulder(x - high, high * softness) : 1;
    }

    /// <summary>1 up to <paramref name="limit"/>, then a Gaussian shoulder of width <paramref name="softness"/> × limit.</summary>
    /// <param name="x">The value.</param>
    /// <param name="limit">The largest value with no penalty.</param>
    /// <param name="softness">The shoulder width as a fraction of the limit.</param>
    /// <returns>The fit.</returns>
    public static double UpperFit(double x, double limit, double softness) =>
        x <= limit ? 1 : Shoulder(x - limit, limit * softness);

    /// <summary>Multiplies by <c>1 − weight·penalty</c>, with the penalty clamped to [0, 1].</summary>
    /// <param name="penalty">The penalty, nominally in [0, 1].</param>
    /// <param name="weight">How much a full penalty removes.</param>
    /// <returns>The factor.</returns>
    public static double Cut(double penalty, double weight) => 1 - (weight * Unit(penalty));

    /// <summary>Exponential decay <c>e^(−rate·x)</c> for a density or count <paramref name="x"/>.</summary>
    /// <param name="x">The density or count; negative counts as 0.</param>
    /// <param name="rate">How fast the factor falls.</param>
    /// <returns>The factor.</returns>
    public static double Decay(double x, double rate) => Math.Exp(-rate * Math.Max(0, x));

    private static double Shoulder(double distance, double width)
    {
        var d = distance / Math.Max(width, 1e-9);
        return Math.Exp(-0.5 * d * d);
    }
}
