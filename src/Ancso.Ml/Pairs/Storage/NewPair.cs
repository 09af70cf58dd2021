using Ancso.Ml.Pairs.Signals;

namespace Ancso.Ml.Pairs.Storage;

/// <summary>
/// A pair to store: two texts of one platform and section, which one is better, and why. The store creates the items
/// (or reuses them: the same text in the same platform and section is one item) and the pair in one transaction.
/// </summary>
public sealed class NewPair
{
    /// <summary>Creates a pair.</summary>
    /// <param name="platform">The platform of both texts, for example <c>linkedin</c>: lower-case letters, digits, <c>_</c> or <c>-</c>.</param>
    /// <param name="section">The section of both texts, for example <c>headline</c>: lower-case letters, digits, <c>_</c> or <c>-</c>.</param>
    /// <param name="textA">The first text (A).</param>
    /// <param name="textB">The second text (B); it must differ from <paramref name="textA"/>.</param>
    /// <param name="better">The better side: label <c>+1</c> for A, <c>-1</c> for B.</param>
    /// <param name="source">One of <see cref="PairSources.All"/>.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public NewPair(string platform, string section, string textA, string textB, PairSide better, string source)
    {
        (Platform, Section, TextA, TextB) = ContentArguments.NotNull(platform, section, textA, textB);
        ArgumentNullException.ThrowIfNull(source);
        Better = better;
        Source = source;
    }

    /// <summary>Gets the platform of both texts.</summary>
    public string Platform { get; }

    /// <summary>Gets the section of both texts.</summary>
    public string Section { get; }

    /// <summary>Gets the first text (A).</summary>
    public string TextA { get; }

    /// <summary>Gets the second text (B).</summary>
    public string TextB { get; }

    /// <summary>Gets the better side.</summary>
    public PairSide Better { get; }

    /// <summary>Gets the source, one of <see cref="PairSources.All"/>.</summary>
    public string Source { get; }

    /// <summary>
    /// Gets the pair's id: storing a pair whose id is already stored (a retry) stores nothing new. Letters, digits,
    /// <c>_</c>, <c>-</c>, <c>.</c> and <c>:</c>, at most 128 characters.
    /// </summary>
    /// <value>
    /// Default: <see langword="null"/>: the id is derived from the source, both items and the better side, so storing the
    /// same judgement twice stores it once.
    /// </value>
    public string? Id { get; init; }

    /// <summary>Gets the reason or degradation tags, for example <c>clarity</c> or <c>buzzwords</c>; none may be empty. Repeats are dropped.</summary>
    /// <value>Default: empty.</value>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Gets a free-text note kept with the pair.</summary>
    /// <value>Default: <see langword="null"/>.</value>
    public string? Note { get; init; }

    /// <summary>
    /// Gets the pseudonym of the person who made this judgement: <c>r_</c> and 32 hex digits, from
    /// <see cref="IRaterPseudonymizer.Pseudonymize"/>, never the person's id itself (the store refuses anything else).
    /// <see cref="ITrainingSignalRecorder"/> fills it from <see cref="UserChoice.RaterId"/> and its kin.
    /// </summary>
    /// <value>Default: <see langword="null"/>: unattributed.</value>
    public string? Rater { get; init; }

    /// <summary>
    /// Gets metrics of A the caller already has (for example from the comparison shown to the user), stored with a new
    /// item for reporting. Datasets always recompute metrics from the text.
    /// </summary>
    /// <value>Default: <see langword="null"/>.</value>
    public ContentMetrics? MetricsA { get; init; }

    /// <summary>Gets metrics of B the caller already has; see <see cref="MetricsA"/>.</summary>
    /// <value>Default: <see langword="null"/>.</value>
    public ContentMetrics? MetricsB { get; init; }
}
