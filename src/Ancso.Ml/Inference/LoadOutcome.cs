namespace Ancso.Ml.Inference;

/// <summary>The result of looking for the active model: a loaded session, the current one unchanged, or why none is usable.</summary>
internal sealed class LoadOutcome
{
    private LoadOutcome(ModelSession? session, ScoreProvenance? failure, bool unchanged, string? attemptedVersion, string? logDetail)
    {
        Session = session;
        Failure = failure;
        IsUnchanged = unchanged;
        AttemptedVersion = attemptedVersion;
        LogDetail = logDetail;
    }

    /// <summary>Gets the new session, owned by whoever receives it.</summary>
    public ModelSession? Session { get; }

    /// <summary>Gets why no model is usable: a heuristic provenance with the reason, its detail free of absolute paths.</summary>
    public ScoreProvenance? Failure { get; }

    /// <summary>Gets whether the active model is the one already being served.</summary>
    public bool IsUnchanged { get; }

    /// <summary>Gets the version that was tried, when the pointer could be read.</summary>
    public string? AttemptedVersion { get; }

    /// <summary>Gets the failure as the log tells it, with full paths; <see langword="null"/> when the detail says it all.</summary>
    public string? LogDetail { get; }

    public static LoadOutcome Unchanged { get; } = new(null, null, unchanged: true, null, null);

    public static LoadOutcome Loaded(ModelSession session) => new(session, null, unchanged: false, session.Version.Version, null);

    public static LoadOutcome Failed(FallbackReason reason, string detail, string? attemptedVersion = null, string? logDetail = null) =>
        new(null, ScoreProvenance.FromHeuristic(reason, detail), unchanged: false, attemptedVersion, logDetail);
}
