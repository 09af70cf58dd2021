namespace Ancso.Ml.Metrics.Analysis;

/// <summary>
/// Finds the next occurrence of a character or short sequence at or after a position, remembering the answer so that
/// a run of queries with non-decreasing start positions reads each character of the text at most once.
/// </summary>
internal struct ForwardFinder
{
    private int _from;
    private int _at;

    /// <summary>Creates a finder with nothing remembered.</summary>
    public ForwardFinder()
    {
        _from = -1;
        _at = -1;
    }

    /// <summary>Returns the index of the next <paramref name="target"/> at or after <paramref name="from"/>, or the text's length.</summary>
    /// <param name="text">The text.</param>
    /// <param name="from">Where to start looking.</param>
    /// <param name="target">The character.</param>
    /// <returns>The index, or <c>text.Length</c> when there is none.</returns>
    public int Find(ReadOnlySpan<char> text, int from, char target)
    {
        if (from >= text.Length)
        {
            return text.Length;
        }

        if (_from >= 0 && from >= _from && from <= _at)
        {
            return _at;
        }

        var index = text[from..].IndexOf(target);
        _from = from;
        _at = index < 0 ? text.Length : from + index;
        return _at;
    }

    /// <summary>Returns the index of the next <paramref name="target"/> sequence at or after <paramref name="from"/>, or the text's length.</summary>
    /// <param name="text">The text.</param>
    /// <param name="from">Where to start looking.</param>
    /// <param name="target">The sequence.</param>
    /// <returns>The index, or <c>text.Length</c> when there is none.</returns>
    public int Find(ReadOnlySpan<char> text, int from, ReadOnlySpan<char> target)
    {
        if (from >= text.Length)
        {
            return text.Length;
        }

        if (_from >= 0 && from >= _from && from <= _at)
        {
            return _at;
        }

        var index = text[from..].IndexOf(target, StringComparison.Ordinal);
        _from = from;
        _at = index < 0 ? text.Length : from + index;
        return _at;
    }
}
