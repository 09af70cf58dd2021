namespace Ancso.Ml.Pairs;

/// <summary>Which pairs to count or stream. Every criterion given must match.</summary>
public sealed class PairFilter
{
    /// <summary>Gets the platform to keep.</summary>
    /// <value>Default: <see langword="null"/> (every platform).</value>
    public string? Platform { get; init; }

    /// <summary>Gets the section to keep.</summary>
    /// <value>Default: <see langword="null"/> (every section).</value>
    public string? Section { get; init; }

    /// <summary>Gets the source to keep, one of <see cref="PairSources.All"/>.</summary>
    /// <value>Default: <see langword="null"/> (every source).</value>
    public string? Source { get; init; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"platform {Platform ?? "(any)"}, section {Section ?? "(any)"}, source {Source ?? "(any)"}";
}
