using Ancso.Ml.Content;
using Ancso.Ml.Metrics;

namespace Ancso.Ml.Pairs.Signals;

/// <summary>
/// A piece of content was edited (for example an optimised version was applied) and the edit was judged. Stored as a
/// <c>before_after</c> pair with A = the original and B = the edited text, the label pointing at the better one.
/// </summary>
public sealed class ContentEdit
{
    /// <summary>Creates an edit.</summary>
    /// <param name="platform">The platform, for example <c>github</c>.</param>
    /// <param name="section">The section, for example <c>bio</c>.</param>
    /// <param name="before">The original text; may be empty (content added where there was none).</param>
    /// <param name="after">The edited text; it must differ from <paramref name="before"/>.</param>
    /// <param name="outcome">
    /// <see cref="EditOutcome.Improved"/> when the edit made the content better (label <c>-1</c>: B is better), or
    /// <see cref="EditOutcome.Worsened"/> when it made it worse (label <c>+1</c>: A is better).
    /// </param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public ContentEdit(string platform, string section, string before, string after, EditOutcome outcome)
    {
        (Platform, Section, Before, After) = ContentArguments.NotNull(platform, section, before, after);
        Outcome = outcome;
    }

    /// <summary>Gets the platform.</summary>
    public string Platform { get; }

    /// <summary>Gets the section.</summary>
    public string Section { get; }

    /// <summary>Gets the original text (side A).</summary>
    public string Before { get; }

    /// <summary>Gets the edited text (side B).</summary>
    public string After { get; }

    /// <summary>Gets whether the edit improved or worsened the content.</summary>
    public EditOutcome Outcome { get; }

    /// <summary>Gets what changed or why it was judged so, for example <c>added_metrics</c>; none may be empty.</summary>
    /// <value>Default: empty.</value>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Gets a free-text note kept with the pair.</summary>
    /// <value>Default: <see langword="null"/>.</value>
    public string? Note { get; init; }

    /// <summary>Gets the pair's id; pass one of your own (for example the id of the applied optimisation) to make a retried call harmless.</summary>
    /// <value>Default: <see langword="null"/>: a new unique id for every call.</value>
    public string? PairId { get; init; }

    /// <summary>
    /// Gets the host's id for the person who judged the edit (a user id, an account name): 1 to 256 characters. The pair store
    /// keeps only its keyed pseudonym (<see cref="IRaterPseudonymizer"/>, <see cref="SignalOptions.RaterKey"/>), and
    /// training bounds each rater's influence: one vote per rater per pair of texts, and a cap on any one rater's share.
    /// </summary>
    /// <value>Default: <see langword="null"/>: unattributed (training pools unattributed choices as one rater unless told to trust them).</value>
    public string? RaterId { get; init; }

    /// <summary>Gets the metrics of the original text the caller already has, stored with a new item for reporting.</summary>
    /// <value>Default: <see langword="null"/>.</value>
    public ContentMetrics? MetricsBefore { get; init; }

    /// <summary>Gets the metrics of the edited text the caller already has; see <see cref="MetricsBefore"/>.</summary>
    /// <value>Default: <see langword="null"/>.</value>
    public ContentMetrics? MetricsAfter { get; init; }
}
