
namespace Ancso.Ml.Learning.Bootstrap;

/// <summary>
/// How balanced a set of bootstrap pairs is, so a model cannot learn a shortcut: the share of +1 labels, of pairs whose
/// better text is the longer one, of pairs whose better text has more digits, and of pairs whose better text has the
/// higher <c>keyword_score</c>. Each should be near one half.
/// </summary>
/// <param name="Pairs">The number of pairs.</param>
/// <param name="PositiveLabels">Pairs labelled +1 (A better).</param>
/// <param name="BetterLonger">Pairs whose better text has more characters.</param>
/// <param name="BetterShorter">Pairs whose better text has fewer characters.</param>
/// <param name="BetterMoreDigits">Pairs whose better text has more digits.</param>
/// <param name="BetterFewerDigits">Pairs whose better text has fewer digits.</param>
public sealed record BootstrapBalance(int Pairs, int PositiveLabels, int BetterLonger, int BetterShorter, int BetterMoreDigits, int BetterFewerDigits)
{
    /// <summary>The lowest acceptable share for each balance figure: 0.35.</summary>
    public const double Lowest = 0.35;

    /// <summary>The highest acceptable share for each balance figure: 0.65.</summary>
    public const double Highest = 0.65;

    /// <summary>
    /// Gets the pairs whose better text has the higher <c>keyword_score</c>, as the built-in metrics analyzer computes it
    /// (the keyword metric a ranker sees as a feature, whatever analyzer made the cross-text margins).
    /// </summary>
    /// <value>Default: 0.</value>
    public int BetterHigherKeywordScore { get; init; }

    /// <summary>Gets the pairs whose better text has the lower <c>keyword_score</c> (see <see cref="BetterHigherKeywordScore"/>).</summary>
    /// <value>Default: 0.</value>
    public int BetterLowerKeywordScore { get; init; }

    /// <summary>Gets the share of pairs labelled +1.</summary>
    public double PositiveLabelFraction => Share(PositiveLabels, Pairs);

    /// <summary>Gets the share of pairs, among those whose texts differ in length, whose better text is the longer one.</summary>
    public double BetterLongerFraction => Share(BetterLonger, BetterLonger + BetterShorter);

    /// <summary>
    /// Gets the share of pairs, among those whose texts differ in their number of digits, whose better text has more.
    /// Pairs with equal digit counts carry no digit signal and are left out (see <see cref="DigitTieFraction"/>).
    /// </summary>
    public double BetterMoreDigitsFraction => Share(BetterMoreDigits, BetterMoreDigits + BetterFewerDigits);

    /// <summary>Gets the share of pairs whose two texts have the same number of digits.</summary>
    public double DigitTieFraction => Share(Pairs - BetterMoreDigits - BetterFewerDigits, Pairs);

    /// <summary>
    /// Gets the share of pairs, among those whose texts differ in <c>keyword_score</c>, whose better text scores higher.
    /// Pairs with equal scores are left out (see <see cref="KeywordScoreTieFraction"/>).
    /// </summary>
    public double BetterHigherKeywordScoreFraction => Share(BetterHigherKeywordScore, BetterHigherKeywordScore + BetterLowerKeywordScore);

    /// <summary>Gets the share of pairs whose two texts have the same <c>keyword_score</c>.</summary>
    public double KeywordScoreTieFraction => Share(Pairs - BetterHigherKeywordScore - BetterLowerKeywordScore, Pairs);

    /// <summary>Gets whether every figure lies within [<see cref="Lowest"/>, <see cref="Highest"/>] (an empty set is balanced).</summary>
    public bool IsBalanced => Within(PositiveLabelFraction) && Within(BetterLongerFraction) && Within(BetterMoreDigitsFraction)
        && Within(BetterHigherKeywordScoreFraction);

    /// <summary>Computes the balance of a set of pairs.</summary>
    /// <param name="pairs">The pairs.</param>
    /// <returns>The balance.</returns>
    public static BootstrapBalance Of(IReadOnlyCollection<BootstrapPair> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        int positive = 0, longer = 0, shorter = 0, moreDigits = 0, fewerDigits = 0, higherKeywords = 0, lowerKeywords = 0;
        foreach (var pair in pairs)
        {
            positive += pair.Label > 0 ? 1 : 0;
            var length = pair.BetterText.Length.CompareTo(pair.WorseText.Length);
            longer += length > 0 ? 1 : 0;
            shorter += length < 0 ? 1 : 0;
            var digits = TextTools.CountDigits(pair.BetterText).CompareTo(TextTools.CountDigits(pair.WorseText));
            moreDigits += digits > 0 ? 1 : 0;
            fewerDigits += digits < 0 ? 1 : 0;
            var keywords = SurfaceSignals.KeywordSign(pair.Section, pair.BetterText, pair.WorseText);
            higherKeywords += keywords > 0 ? 1 : 0;
            lowerKeywords += keywords < 0 ? 1 : 0;
        }

        return new BootstrapBalance(pairs.Count, positive, longer, shorter, moreDigits, fewerDigits)
        {
            BetterHigherKeywordScore = higherKeywords,
            BetterLowerKeywordScore = lowerKeywords,
        };
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Pairs} pairs: {PositiveLabelFraction:P0} labelled +1, better text longer in {BetterLongerFraction:P0}, more digits in {BetterMoreDigitsFraction:P0} (digit ties {DigitTieFraction:P0}), "
        + $"higher keyword_score in {BetterHigherKeywordScoreFraction:P0} (keyword ties {KeywordScoreTieFraction:P0})";

    private static double Share(int part, int whole) => whole == 0 ? 0.5 : (double)part / whole;

    private static bool Within(double share) => share is >= Lowest and <= Highest;
}
