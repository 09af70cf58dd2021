
namespace Ancso.Ml.Learning.Bootstrap;

/// <summary>How a bootstrap pair was made.</summary>
internal static class BootstrapPairKinds
{
    /// <summary>A benchmark text against a degraded variant of itself; the original is better by construction: <c>degradation</c>.</summary>
    public const string Degradation = "degradation";

    /// <summary>Two different benchmark texts of one section whose heuristic quality scores differ by a large margin: <c>cross_text</c>.</summary>
    public const string CrossText = "cross_text";
}
