
namespace Ancso.Ml.Learning.Bootstrap;

/// <summary>A possible bootstrap pair before selection and side assignment.</summary>
/// <param name="Section">The section of both texts.</param>
/// <param name="Better">The better text.</param>
/// <param name="Worse">The worse text.</param>
/// <param name="Tag">The degradation tag, or <see cref="DegradationTags.HeuristicMargin"/>.</param>
/// <param name="Kind">The pair kind (<see cref="BootstrapPairKinds"/>).</param>
/// <param name="ProfileIds">The source profiles.</param>
/// <param name="Margin">The heuristic margin of a cross-text pair.</param>
internal sealed record BootstrapCandidate(string Section, string Better, string Worse, string Tag, string Kind, IReadOnlyList<string> ProfileIds, float? Margin)
{
    /// <summary>Gets +1 when the better text is longer, −1 when shorter, 0 when equally long.</summary>
    public int LengthSign { get; } = Math.Sign(Better.Length - Worse.Length);

    /// <summary>Gets +1 when the better text has more digits, −1 when fewer, 0 when as many.</summary>
    public int DigitSign { get; } = Math.Sign(TextTools.CountDigits(Better) - TextTools.CountDigits(Worse));

    /// <summary>Gets +1 when the better text has the higher <c>keyword_score</c>, −1 when the lower, 0 when equal (<see cref="SurfaceSignals"/>).</summary>
    public int KeywordSign { get; } = SurfaceSignals.KeywordSign(Section, Better, Worse);

    /// <summary>Gets the key that identifies the pair regardless of order.</summary>
    public (string, string) Key => string.CompareOrdinal(Better, Worse) < 0 ? (Better, Worse) : (Worse, Better);
}
