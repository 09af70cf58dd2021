using Ancso.Ml.Metrics.Lexicon;

namespace Ancso.Ml.Metrics.Analysis;

/// <summary>
/// Counts how often each content word occurs, keyed by a case-insensitive hash, in a caller-provided buffer (on the
/// stack for short texts, pooled for long ones). Open addressing; once three quarters full it stops adding new words
/// and keeps counting the ones it has, so memory stays bounded for any text.
/// </summary>
internal ref struct WordTable
{
    /// <summary>The largest table used, in entries.</summary>
    public const int MaxSize = 1 << 16;

    private readonly Span<Entry> _entries;
    private readonly int _mask;
    private readonly int _limit;
    private int _count;

    /// <summary>Creates a table over <paramref name="entries"/>, whose length is a power of two; it is cleared.</summary>
    /// <param name="entries">The buffer.</param>
    public WordTable(Span<Entry> entries)
    {
        entries.Clear();
        _entries = entries;
        _mask = entries.Length - 1;
        _limit = entries.Length * 3 / 4;
        _count = 0;
    }

    /// <summary>Returns the table size to use for a text of <paramref name="length"/> characters.</summary>
    /// <param name="length">The text's length.</param>
    /// <returns>A power of two between 32 and <see cref="MaxSize"/>.</returns>
    public static int SizeFor(int length)
    {
        var wanted = Math.Max(32, ((length / 3) + 1) * 2);
        return wanted >= MaxSize ? MaxSize : (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)wanted);
    }

    /// <summary>Counts one occurrence of a word.</summary>
    /// <param name="hash">The word's case-insensitive hash.</param>
    /// <param name="classes">The word's classes; merged into the entry.</param>
    /// <returns>The word's count so far, or 0 when the table is full and the word is new.</returns>
    public int Add(uint hash, WordClass classes)
    {
        hash = hash == 0 ? 1 : hash;
        var index = (int)(hash & (uint)_mask);
        while (true)
        {
            ref var entry = ref _entries[index];
            if (entry.Hash == hash)
            {
                entry.Count++;
                entry.Classes |= classes;
                return entry.Count;
            }

            if (entry.Hash == 0)
            {
                if (_count >= _limit)
                {
                    return 0;
                }

                entry.Hash = hash;
                entry.Count = 1;
                entry.Classes = classes;
                _count++;
                return 1;
            }

            index = (index + 1) & _mask;
        }
    }

    /// <summary>Writes the repetition figures into <paramref name="stats"/>.</summary>
    /// <param name="stats">The stats; <see cref="TextStats.ContentWords"/> must be final.</param>
    /// <param name="keywordClasses">The classes that count as keywords for the section.</param>
    /// <param name="keywordRepeats">How often one keyword may appear in a short text before it counts as stuffing.</param>
    public readonly void Summarize(ref TextStats stats, WordClass keywordClasses, int keywordRepeats)
    {
        var keywordAllowance = keywordRepeats + (stats.ContentWords / 60);
        var wordAllowance = 2 + (stats.ContentWords / 40);
        var remaining = _count; // the sums below do not depend on order, so the scan stops at the last used slot
        foreach (ref readonly var entry in _entries)
        {
            if (remaining == 0)
            {
                break;
            }

            if (entry.Hash == 0)
            {
                continue;
            }

            remaining--;
            stats.DistinctContent++;
            if ((entry.Classes & keywordClasses) != 0)
            {
                stats.DistinctKeywords++;
                stats.KeywordTokens += entry.Count;
                stats.KeywordExcess += Math.Max(0, entry.Count - keywordAllowance);
            }
            else
            {
                stats.RepeatExcess += Math.Max(0, entry.Count - wordAllowance);
            }

            if ((entry.Classes & WordClass.Tech) != 0)
            {
                stats.DistinctTech++;
            }
            else if ((entry.Classes & WordClass.Domain) != 0)
            {
                stats.DistinctDomain++;
            }
            else if ((entry.Classes & WordClass.ProperNoun) != 0)
            {
                stats.DistinctProperNouns++;
            }
        }
    }

    /// <summary>One table slot.</summary>
    internal struct Entry
    {
        public uint Hash;
        public int Count;
        public WordClass Classes;
    }
}
