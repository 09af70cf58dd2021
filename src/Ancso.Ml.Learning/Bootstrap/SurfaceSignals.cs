namespace Ancso.Ml.Learning.Bootstrap;

/// <summary>
/// The surface signals a ranker could learn instead of quality, measured the same way for balancing and for reporting:
/// length in characters, ASCII digits, and <c>keyword_score</c> as the built-in <see cref="ContentMetricsAnalyzer"/>
/// computes it (the metric the model sees as a feature).
/// </summary>
internal static class SurfaceSignals
{
    private static readonly ContentMetricsAnalyzer Analyzer = new();

    /// <summary>Gets the <c>keyword_score</c> of a text in a section, from the built-in analyzer (the platform does not matter).</summary>
    /// <param name="section">The section, for example <c>headline</c>.</param>
    /// <param name="text">The text.</param>
    /// <returns>The keyword score in [0, 1].</returns>
    public static float KeywordScore(string section, string text) => Analyzer.Analyze(string.Empty, section, text).KeywordScore;

    /// <summary>
    /// Compares the keyword scores of two texts of one section: +1 when <paramref name="better"/> scores higher, −1 when
    /// lower, 0 when the scores are equal.
    /// </summary>
    /// <param name="section">The section of both texts.</param>
    /// <param name="better">The better text.</param>
    /// <param name="worse">The worse text.</param>
    /// <returns>The sign of the difference.</returns>
    public static int KeywordSign(string section, string better, string worse) =>
        KeywordScore(section, better).CompareTo(KeywordScore(section, worse)) switch { > 0 => 1, < 0 => -1, _ => 0 };
}
