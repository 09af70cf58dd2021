using System.Runtime.CompilerServices;

namespace Ancso.Ml.Metrics.Analysis;

/// <summary>The positions of the last few words of the current segment, newest last, for matching phrases.</summary>
internal struct WordRing
{
    /// <summary>The number of words kept: one less than the longest phrase.</summary>
    public const int Capacity = 6;

    private Slots _starts;
    private Slots _lengths;
    private int _head;

    /// <summary>Gets the number of words held.</summary>
    public int Count { get; private set; }

    /// <summary>Forgets every word.</summary>
    public void Clear()
    {
        Count = 0;
        _head = 0;
    }

    /// <summary>Adds a word.</summary>
    /// <param name="start">Its start in the text.</param>
    /// <param name="length">Its length.</param>
    public void Push(int start, int length)
    {
        _starts[_head] = start;
        _lengths[_head] = length;
        _head = _head == Capacity - 1 ? 0 : _head + 1;
        Count = Math.Min(Count + 1, Capacity);
    }

    /// <summary>Returns a word counted back from the newest (0 is the newest).</summary>
    /// <param name="back">How far back; less than <see cref="Count"/>.</param>
    /// <returns>The word's start and length.</returns>
    public readonly (int Start, int Length) Get(int back)
    {
        var index = _head - 1 - back; // back < Count <= Capacity, so one wrap is enough
        index += index < 0 ? Capacity : 0;
        return (_starts[index], _lengths[index]);
    }

    [InlineArray(Capacity)]
    private struct Slots
    {
        private int _element;
    }
}
