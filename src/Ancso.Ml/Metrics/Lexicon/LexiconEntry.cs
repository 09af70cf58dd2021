namespace Ancso.Ml.Metrics.Lexicon;

/// <summary>What the lexicon knows about one word: its classes and the phrases that end with it.</summary>
internal sealed class LexiconEntry
{
    /// <summary>Creates an entry.</summary>
    /// <param name="classes">The word's classes.</param>
    /// <param name="phrases">Phrases whose last word this is; empty when none.</param>
    public LexiconEntry(WordClass classes, Phrase[] phrases)
    {
        Classes = classes;
        Phrases = phrases;
    }

    /// <summary>Gets the word's classes.</summary>
    public WordClass Classes { get; }

    /// <summary>Gets the phrases that end with this word, longest first.</summary>
    public Phrase[] Phrases { get; }
}
