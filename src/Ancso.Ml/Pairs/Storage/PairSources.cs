using Ancso.Ml.Pairs.Signals;

namespace Ancso.Ml.Pairs.Storage;

/// <summary>Where a training pair came from. The pair store and the dataset accept exactly these names.</summary>
public static class PairSources
{
    /// <summary>Pairs generated from the bootstrap corpus: <c>bootstrap</c>.</summary>
    public const string Bootstrap = "bootstrap";

    /// <summary>A user chose one of two variants: <c>user_choice</c>.</summary>
    public const string UserChoice = "user_choice";

    /// <summary>Content was edited and the edit was judged an improvement or a regression: <c>before_after</c>.</summary>
    public const string BeforeAfter = "before_after";

    /// <summary>A person labelled two stored items: <c>manual</c>.</summary>
    public const string Manual = "manual";

    /// <summary>Gets every source name.</summary>
    public static IReadOnlyList<string> All { get; } = [Bootstrap, UserChoice, BeforeAfter, Manual];

    /// <summary>Returns whether <paramref name="source"/> is one of <see cref="All"/>.</summary>
    /// <param name="source">The name to check.</param>
    /// <returns><see langword="true"/> for a known source.</returns>
    public static bool IsKnown(string? source) => source is Bootstrap or UserChoice or BeforeAfter or Manual;
}
