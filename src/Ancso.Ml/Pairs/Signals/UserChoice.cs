using Ancso.Ml.Content;
using Ancso.Ml.Inference;
using Ancso.Ml.Metrics;
using Ancso.Ml.Pairs.Storage;

namespace Ancso.Ml.Pairs.Signals;

/// <summary>A user was shown two variants of one piece of content and chose one.</summary>
public sealed class UserChoice
{
    /// <summary>Creates a choice.</summary>
    /// <param name="platform">The platform of both variants, for example <c>linkedin</c>.</param>
    /// <param name="section">The section of both variants, for example <c>headline</c>.</param>
    /// <param name="variantA">The variant shown first (A).</param>
    /// <param name="variantB">The variant shown second (B); it must differ from <paramref name="variantA"/>.</param>
    /// <param name="chosen">The variant the user chose.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public UserChoice(string platform, string section, string variantA, string variantB, PairSide chosen)
    {
        (Platform, Section, VariantA, VariantB) = ContentArguments.NotNull(platform, section, variantA, variantB);
        Chosen = chosen;
    }

    /// <summary>Gets the platform of both variants.</summary>
    public string Platform { get; }

    /// <summary>Gets the section of both variants.</summary>
    public string Section { get; }

    /// <summary>Gets the variant shown first (A).</summary>
    public string VariantA { get; }

    /// <summary>Gets the variant shown second (B).</summary>
    public string VariantB { get; }

    /// <summary>Gets the variant the user chose: the better side of the pair.</summary>
    public PairSide Chosen { get; }

    /// <summary>Gets the reasons the user gave or the comparison showed, for example <c>clarity</c>; none may be empty.</summary>
    /// <value>Default: empty.</value>
    public IReadOnlyList<string> ReasonTags { get; init; } = [];

    /// <summary>
    /// Gets the comparison the person saw before choosing (<c>IRankerInferenceService.CompareAsync</c> of the same two
    /// texts), or <see langword="null"/>. When the person chose the text it preferred, its first two reasons are stored
    /// with the pair as tags after <see cref="ReasonTags"/>, as the comparison's reason tags, so the host writes none; a
    /// choice against the comparison stores none of its reasons, which explained the other text's win.
    /// </summary>
    /// <value>Default: <see langword="null"/>.</value>
    public ComparisonResult? Comparison { get; init; }

    /// <summary>Gets a free-text note kept with the pair.</summary>
    /// <value>Default: <see langword="null"/>.</value>
    public string? Note { get; init; }

    /// <summary>
    /// Gets the pair's id. Pass an id of your own (for example the id of the comparison shown to the user) to make a
    /// retried call harmless: a second call with the same id stores nothing.
    /// </summary>
    /// <value>Default: <see langword="null"/>: a new unique id for every call, since two users choosing alike are two signals.</value>
    public string? PairId { get; init; }

    /// <summary>
    /// Gets the host's id for the person who made the choice (a user id, an account name): 1 to 256 characters. The pair store
    /// keeps only its keyed pseudonym (<see cref="IRaterPseudonymizer"/>, <see cref="SignalOptions.RaterKey"/>), and
    /// training bounds each rater's influence: one vote per rater per pair of texts, and a cap on any one rater's share.
    /// </summary>
    /// <value>Default: <see langword="null"/>: unattributed (training pools unattributed choices as one rater unless told to trust them).</value>
    public string? RaterId { get; init; }

    /// <summary>Gets the metrics of A the caller already has (from the comparison), stored with a new item for reporting.</summary>
    /// <value>Default: <see langword="null"/>.</value>
    public ContentMetrics? MetricsA { get; init; }

    /// <summary>Gets the metrics of B the caller already has; see <see cref="MetricsA"/>.</summary>
    /// <value>Default: <see langword="null"/>.</value>
    public ContentMetrics? MetricsB { get; init; }
}
