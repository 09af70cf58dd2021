namespace Ancso.Ml.Pairs.Signals;

/// <summary>How an edit changed a piece of content.</summary>
public enum EditOutcome
{
    /// <summary>The edited text is better than the original.</summary>
    Improved,

    /// <summary>The edited text is worse than the original.</summary>
    Worsened,
}
