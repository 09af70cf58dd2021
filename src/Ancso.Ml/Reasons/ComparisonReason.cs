namespace Ancso.Ml.Reasons;

/// <summary>One reason why the preferred text of a comparison wins.</summary>
/// <param name="Tag">A tag of <see cref="ReasonTags"/>: what the other text does worse.</param>
/// <param name="Strength">How strongly it decides the comparison, in [0, 1].</param>
public sealed record ComparisonReason(string Tag, double Strength)
{
    /// <summary>Gets the principle the tag belongs to (<see cref="ReasonTags.PrincipleOf"/>).</summary>
    public string? Principle => ReasonTags.PrincipleOf(Tag);
}

/// <summary>Where a comparison's reasons came from.</summary>
public enum ReasonSource
{
    /// <summary>No reasons: a tie, or a model without a reason output (trained before reasons existed).</summary>
    None,

    /// <summary>The model's reason head, trained on the bootstrap's known flaws and people's tags.</summary>
    Model,

    /// <summary>The differences of the six metrics, given with heuristic scores.</summary>
    MetricDifferences,
}
