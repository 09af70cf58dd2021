using Ancso.Ml.Models;

namespace Ancso.Ml.Inference;

/// <summary>The result of looking for the active model: a loaded session, the current one unchanged, or why none is usable.</summary>
internal sealed class LoadOutcome
{
    private LoadOutcome(ModelSession? session, ScoreProvenance? failure, bool unchanged, string? attemptedVersion)
    {
        Session = session;
        Failure = failure;
        IsUnchanged = unchanged;
        AttemptedVersion = attemptedVersion;
    }

    /// <summary>Gets the new session, owned by whoever receives it.</summary>
    public ModelSession? Session { get; }

    /// <summary>Gets why no model is usable: a heuristic provenance with the reason.</summary>
    public ScoreProvenance? Failure { get; }

    /// <summary>Gets whether the active model is the one already being served.</summary>
    public bool IsUnchanged { get; }

    /// <summary>Gets the version that was tried, when the pointer could be read.</summary>
    public string? AttemptedVersion { get; }

    public static LoadOutcome Unchanged { get; } = new(null, null, unchanged: true, null);

    public static LoadOutcome Loaded(ModelSession session) => new(session, null, unchanged: false, session.Version.Version);

    public static LoadOutcome Failed(FallbackReason reason, string detail, string? attemptedVersion = null) =>
        new(null, ScoreProvenance.FromHeuristic(reason, detail), unchanged: false, attemptedVersion);
}
