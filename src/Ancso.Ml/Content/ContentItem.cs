namespace Ancso.Ml.Content;

/// <summary>
/// A piece of profile content to score: a LinkedIn headline, an about section, an experience bullet,
/// a GitHub bio, a profile README or a repository description.
/// </summary>
public sealed class ContentItem
{
    /// <summary>Creates an item.</summary>
    /// <param name="id">The caller's identifier for the item; echoed back in results.</param>
    /// <param name="platform">The platform, for example <see cref="ContentPlatforms.LinkedIn"/>.</param>
    /// <param name="section">The section, for example <see cref="ContentSections.Headline"/>. Unknown sections are scored generically.</param>
    /// <param name="text">The text of the content (the original system calls it <c>sourceRef</c>).</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public ContentItem(string id, string platform, string section, string text)
    {
        (Id, Platform, Section, Text) = ContentArguments.NotNull(id, platform, section, text);
    }

    /// <summary>Gets the caller's identifier for the item.</summary>
    public string Id { get; }

    /// <summary>Gets the platform (<c>github</c>, <c>linkedin</c>, or another the host uses).</summary>
    public string Platform { get; }

    /// <summary>Gets the section (<c>headline</c>, <c>about</c>, <c>experience</c>, <c>bio</c>, <c>readme</c>, <c>repo_description</c>, or another).</summary>
    public string Section { get; }

    /// <summary>Gets the text of the content.</summary>
    public string Text { get; }

    /// <summary>
    /// Gets metrics supplied by the caller, keyed by metric name (see <see cref="Metrics.MetricNames"/>).
    /// Each one given overrides the computed value; the others are computed from <see cref="Text"/>.
    /// </summary>
    /// <value>Default: <see langword="null"/> (all metrics computed).</value>
    public IReadOnlyDictionary<string, float>? Metrics { get; init; }

    /// <summary>
    /// Gets a precomputed embedding of <see cref="Text"/>. When set, the embedding generator is not called;
    /// its length must equal the generator's dimension.
    /// </summary>
    /// <value>Default: <see langword="null"/> (the embedding generator is called).</value>
    public ReadOnlyMemory<float>? Embedding { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"{Id} ({Platform}/{Section})";
}
