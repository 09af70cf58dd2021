namespace Ancso.Ml.Metrics.Lexicon;

/// <summary>What a multi-word phrase signals.</summary>
internal enum PhraseKind
{
    /// <summary>A cliché ("think outside the box", "team player").</summary>
    Cliche,

    /// <summary>Padding that adds words and no meaning ("in order to", "I am a person who").</summary>
    Filler,

    /// <summary>Wording that hides ownership ("responsible for", "worked on").</summary>
    Weak,

    /// <summary>A hedge ("kind of", "I think").</summary>
    Hedge,
}
