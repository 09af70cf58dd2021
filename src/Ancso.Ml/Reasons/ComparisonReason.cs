namespace Ancso.Ml.Reasons;

/// <summary>One reason why the preferred text of a comparison wins.</summary>
/// <param name="Tag">A tag of <see cref="ReasonTags"/>: what the other text does worse.</param>
/// <param name="Strength">How strongly it decides the comparison, in [0, 1].</param>
public sealed record ComparisonReason(string Tag, double Strength)
{
    /// <summary>Gets the principle the tag belongs to (<see cref="ReasonTags.PrincipleOf"/>).</summary>
    public string? Principle => ReasonTags.PrincipleOf(Tag);

    /// <summary>
    /// Gets the reasons a model's reason outputs give for one comparison, as <c>CompareAsync</c> gives them: the tags on
    /// which the loser's output exceeds the winner's most, as a softmax over the tags, at most three, strongest first,
    /// those under 0.05 left out (the strongest always kept); none when an output is not finite. For callers that run
    /// a model's ONNX file themselves (its <c>reason_output_name</c> output, with <c>reason_tags</c>).
    /// </summary>
    /// <param name="winner">The preferred text's reason outputs, one per tag.</param>
    /// <param name="loser">The other text's reason outputs.</param>
    /// <param name="tags">The tags, in output order (the model metadata's <c>reason_tags</c>).</param>
    /// <returns>The reasons.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tags"/> is <see langword="null"/>.</exception>
    public static IReadOnlyList<ComparisonReason> FromModelOutputs(ReadOnlySpan<float> winner, ReadOnlySpan<float> loser, IReadOnlyList<string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        return ReasonMath.FromLogits(winner, loser, tags);
    }
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
