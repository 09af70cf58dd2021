namespace Ancso.Ml.Inference;

/// <summary>What the service scores with now: a model session, or the heuristic and why. Replaced as a whole on reload.</summary>
internal sealed class ServingState
{
    public ServingState(ModelSession session)
    {
        Session = session;
        Provenance = session.Provenance;
    }

    public ServingState(ScoreProvenance heuristic)
    {
        Provenance = heuristic;
    }

    /// <summary>Gets the model session, or <see langword="null"/> on the heuristic.</summary>
    public ModelSession? Session { get; }

    /// <summary>Gets the provenance of scores made in this state.</summary>
    public ScoreProvenance Provenance { get; }
}
