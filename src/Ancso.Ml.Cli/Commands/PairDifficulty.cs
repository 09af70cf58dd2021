using Ancso.Ml.Metrics;

namespace Ancso.Ml.Cli.Commands;

/// <summary>
/// Whether a judged pair is hard for surface signals: its worse text is longer, has more digits, or scores higher on
/// <c>keyword_score</c> than the better one, so a model that trusts length, numbers or keywords gets it wrong.
/// </summary>
internal static class PairDifficulty
{
    /// <summary>The group name of the pairs whose worse text looks stronger on the surface: <c>hard</c>.</summary>
    public const string Hard = "hard";

    /// <summary>The group name of the other pairs: <c>easy</c>.</summary>
    public const string Easy = "easy";

    /// <summary>Gets <see cref="Hard"/> or <see cref="Easy"/> for a pair.</summary>
    /// <param name="pair">The judged pair.</param>
    /// <param name="analyzer">The metrics analyzer, for <c>keyword_score</c>.</param>
    /// <returns>The difficulty.</returns>
    public static string Of(EvaluationPair pair, IContentMetricsAnalyzer analyzer)
    {
        var (better, worse) = pair.Label == 1 ? (pair.A, pair.B) : (pair.B, pair.A);
        var hard = worse.Length > better.Length
            || Digits(worse) > Digits(better)
            || analyzer.Analyze(pair.Platform, pair.Section, worse).KeywordScore > analyzer.Analyze(pair.Platform, pair.Section, better).KeywordScore;
        return hard ? Hard : Easy;
    }

    private static int Digits(string text) => text.Count(char.IsAsciiDigit);
}
