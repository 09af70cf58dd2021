using Ancso.Ml.Pairs.Signals;

namespace Ancso.Ml.Pairs.Storage;

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

    /// <summary>
    /// Checks the criteria given: a platform or section named as pairs name them (1 to 64 lower-case letters, digits,
    /// <c>_</c> or <c>-</c>), a source one of <see cref="PairSources.All"/>.
    /// </summary>
    /// <param name="owner">What holds the filter, for the message (for example "The export request").</param>
    /// <exception cref="ArgumentException">A criterion is malformed; the message names it and says what is allowed.</exception>
    public void Validate(string owner = "The filter")
    {
        if (Platform is not null)
        {
            PairValidation.CheckName(Platform, "platform", owner);
        }

        if (Section is not null)
        {
            PairValidation.CheckName(Section, "section", owner);
        }

        if (Source is not null && !PairSources.IsKnown(Source))
        {
            throw new ArgumentException($"{owner} has source '{Source}'; use one of {string.Join(", ", PairSources.All)}, or none for every source.");
        }
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"platform {Platform ?? "(any)"}, section {Section ?? "(any)"}, source {Source ?? "(any)"}";
}
