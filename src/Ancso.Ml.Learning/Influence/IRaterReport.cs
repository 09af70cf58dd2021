namespace Ancso.Ml.Learning.Influence;

/// <summary>
/// Who taught the model what: per source, the raters, the heaviest raters' share of the votes, and how often each of
/// them agrees with the active model and with other raters on the pairs they share. A flood shows up here before it is
/// trained on: one rater with most of the votes, who disagrees with the model and with everyone else.
/// </summary>
public interface IRaterReport
{
    /// <summary>Reads the pair store and computes the report.</summary>
    /// <param name="request">What to report; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The report.</returns>
    /// <exception cref="PairStoreException">The store cannot be read.</exception>
    Task<RaterReportResult> GetAsync(RaterReportRequest? request = null, CancellationToken cancellationToken = default);
}

/// <summary>What <see cref="IRaterReport"/> reports.</summary>
public sealed class RaterReportRequest
{
    /// <summary>Gets how many of the heaviest raters each source lists, from 1 to 100.</summary>
    /// <value>Default: 3.</value>
    public int TopRaters { get; init; } = 3;

    /// <summary>
    /// Gets how many of each listed rater's newest votes are scored with the active model for
    /// <see cref="RaterFigures.ModelAgreement"/>, from 0 (none: no text is embedded) to 10,000. Texts not yet embedded
    /// cost the embedding generator's time.
    /// </summary>
    /// <value>Default: 200.</value>
    public int ModelSample { get; init; } = 200;

    /// <summary>Gets whether unattributed votes each count as their own rater, as training counts them with <see cref="InfluenceLimitOptions.TrustUnattributed"/>.</summary>
    /// <value>Default: <see langword="false"/>: pooled as one rater, named <see cref="RaterFigures.Unattributed"/>.</value>
    public bool TrustUnattributed { get; init; }

    /// <summary>Gets which pairs to read.</summary>
    /// <value>Default: <see langword="null"/> (all).</value>
    public PairFilter? Filter { get; init; }
}

/// <summary>The raters of every human source (every source but <c>bootstrap</c>).</summary>
/// <param name="Sources">One entry per source that has votes, in name order.</param>
/// <param name="ModelVersion">The model <see cref="RaterFigures.ModelAgreement"/> was measured with, or <see langword="null"/> when no model scores.</param>
public sealed record RaterReportResult(IReadOnlyList<SourceRaters> Sources, string? ModelVersion);

/// <summary>The raters of one source.</summary>
/// <param name="Source">The source, for example <c>user_choice</c>.</param>
/// <param name="Votes">Its standing votes: one per rater per pair of items, the latest.</param>
/// <param name="Raters">Its raters (untrusted unattributed votes count as one).</param>
/// <param name="UnattributedVotes">Its standing votes without a rater.</param>
/// <param name="Heaviest">The raters with the most votes, heaviest first.</param>
public sealed record SourceRaters(string Source, int Votes, int Raters, int UnattributedVotes, IReadOnlyList<RaterFigures> Heaviest);

/// <summary>One rater's figures within a source.</summary>
/// <param name="Rater">The rater's pseudonym, <see cref="Unattributed"/> for pooled unattributed votes, or <c>unattributed:&lt;pair id&gt;</c> for a trusted one.</param>
/// <param name="Votes">The rater's standing votes in the source.</param>
/// <param name="Share">Their share of the source's standing votes.</param>
/// <param name="ModelAgreement">The share of the sampled votes on which the active model prefers the same text (ties count half), or <see langword="null"/> when no model scores or nothing was sampled.</param>
/// <param name="ModelSampled">The votes scored for <paramref name="ModelAgreement"/>.</param>
/// <param name="PeerAgreement">On pairs of items other raters voted on too (in any human source), the share on which this rater sides with their majority (ties count half), or <see langword="null"/> when no pair is shared.</param>
/// <param name="SharedPairs">The pairs of items shared with other raters.</param>
public sealed record RaterFigures(string Rater, int Votes, double Share, double? ModelAgreement, int ModelSampled, double? PeerAgreement, int SharedPairs)
{
    /// <summary>The name of the pooled unattributed votes: <c>unattributed</c>.</summary>
    public const string Unattributed = "unattributed";
}
