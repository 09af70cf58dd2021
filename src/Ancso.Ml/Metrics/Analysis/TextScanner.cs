using System.Buffers;
using Ancso.Ml.Metrics.Lexicon;

namespace Ancso.Ml.Metrics.Analysis;

/// <summary>
/// One left-to-right pass over a text that tokenizes it (words, numbers, sentences, list segments, lines, markdown and
/// HTML constructs, URLs, emoji) and counts everything the metrics need into a <see cref="TextStats"/>.
/// No regular expressions; lexicon lookups by span; look-ahead searches remember their answers, so the whole pass is
/// linear in the text's length. Culture-invariant and allocation-free for texts up to a few hundred words.
/// </summary>
internal ref partial struct TextScanner
{
    private const int StackTableSize = 256;

    private readonly ReadOnlySpan<char> _text;
    private WordTable _table;
    private TextStats _stats;
    private bool _atLineStart;
    private bool _lineIsBlock;
    private bool _inFence;
    private bool _paragraphPending;
    private int _sentenceWords;
    private int _segmentWords;
    private int _shortRun;
    private bool _sentenceAction;
    private bool _sentenceOutcome;
    private int _sentenceQuantified;
    private WordRing _ring;
    private bool _leadSlot;
    private int _wordIndex;
    private int _pendingAuxiliary;
    private uint _previousHash;
    private int _lastWordEnd;
    private WordClass _lastWordClasses;
    private bool _lastWordInitial;
    private int _pendingLookahead;
    private bool _pendingMultiplier;
    private double _pendingValue;
    private bool _pendingAfterTech;
    private bool _previousFrom;
    private bool _previousTo;
    private bool _fromNumber;
    private ForwardFinder _gt;
    private ForwardFinder _linkMiddle;
    private ForwardFinder _closeParen;
    private ForwardFinder _backtick;
    private ForwardFinder _newline;
    private ForwardFinder _commentEnd;

    private TextScanner(ReadOnlySpan<char> text, WordTable table)
    {
        _text = text;
        _table = table;
        _stats = default;
        _ring = default;
        _atLineStart = true;
        _paragraphPending = true;
        _leadSlot = true;
        _gt = new ForwardFinder();
        _linkMiddle = new ForwardFinder();
        _closeParen = new ForwardFinder();
        _backtick = new ForwardFinder();
        _newline = new ForwardFinder();
        _commentEnd = new ForwardFinder();
    }

    /// <summary>Scans a text.</summary>
    /// <param name="text">The text; any length.</param>
    /// <param name="keywordClasses">The word classes that count as the section's keywords.</param>
    /// <param name="keywordRepeats">How often one keyword may occur before further occurrences count as stuffing.</param>
    /// <returns>The counts.</returns>
    public static TextStats Scan(ReadOnlySpan<char> text, WordClass keywordClasses, int keywordRepeats)
    {
        var size = WordTable.SizeFor(text.Length);
        WordTable.Entry[]? rented = null;
        Span<WordTable.Entry> buffer = size <= StackTableSize
            ? stackalloc WordTable.Entry[StackTableSize]
            : (rented = ArrayPool<WordTable.Entry>.Shared.Rent(size));
        try
        {
            var scanner = new TextScanner(text, new WordTable(buffer[..size]));
            scanner.Run();
            scanner._table.Summarize(ref scanner._stats, keywordClasses, keywordRepeats);
            return scanner._stats;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<WordTable.Entry>.Shared.Return(rented);
            }
        }
    }

    private void Run()
    {
        var text = _text;
        var i = 0;
        while (i < text.Length)
        {
            if (_atLineStart)
            {
                i = BeginLine(i);
                continue;
            }

            if (text[i] == '\n')
            {
                EndLine();
                i++;
                continue;
            }

            if (text[i] == ' ')
            {
                i++; // what ScanSymbol does with a space, without asking whether a token starts here
                continue;
            }

            i = IsTokenStart(i) ? ScanToken(i) : ScanSymbol(i);
        }

        EndLine();
        EndSentence();
    }
}
