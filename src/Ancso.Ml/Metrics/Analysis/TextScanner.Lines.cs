namespace Ancso.Ml.Metrics.Analysis;

/// <summary>Lines, paragraphs, code fences, headings, bullets, sentences and list segments.</summary>
internal ref partial struct TextScanner
{
    // At the start of a line: skips indentation, handles blank lines, fences and rules, and reads list and heading
    // markers. Returns where the line's content starts, or the next line's start for a line consumed whole.
    private int BeginLine(int i)
    {
        var text = _text;
        var j = i;
        while (j < text.Length && text[j] is ' ' or '\t' or '\r' or '\f' or '\v' or '\u00A0' or '\u3000')
        {
            j++;
        }

        if (j >= text.Length)
        {
            _atLineStart = false;
            return j;
        }

        var c = text[j];
        if (c == '\n')
        {
            EndSentence();
            _paragraphPending = true;
            return j + 1;
        }

        if (IsFence(j) || _inFence)
        {
            if (IsFence(j))
            {
                _inFence = !_inFence;
                EndSentence();
            }

            var end = _newline.Find(text, j, '\n');
            _stats.CodeChars += end - j;
            return Math.Min(end + 1, text.Length);
        }

        if (IsRule(j))
        {
            var end = _newline.Find(text, j, '\n');
            _stats.MarkupChars += end - j;
            EndSentence();
            return Math.Min(end + 1, text.Length);
        }

        _atLineStart = false;
        _lineIsBlock = false;
        var k = ReadLineMarker(j);
        if (_lineIsBlock)
        {
            EndSentence();
        }
        else if (_sentenceWords > 0 && k < text.Length && !char.IsLower(text[k]))
        {
            EndSentence(); // a line that does not continue the previous one in lower case starts a new sentence
        }

        if (_paragraphPending)
        {
            _stats.Paragraphs++;
            _paragraphPending = false;
        }

        _stats.Lines++;
        return k;
    }

    private int ReadLineMarker(int j)
    {
        var text = _text;
        var c = text[j];
        var next = j + 1 < text.Length ? text[j + 1] : '\n';
        if (c == '#')
        {
            var k = j;
            while (k < text.Length && text[k] == '#' && k - j < 6)
            {
                k++;
            }

            if (k >= text.Length || text[k] is ' ' or '\t' or '\n')
            {
                _stats.HeadingLines++;
                _stats.MarkupChars += k - j;
                _lineIsBlock = true;
                return k;
            }

            return j;
        }

        if (c is '-' or '*' or '+' or '•' or '–' or '—' or '▪' or '►' or '‣' or '◦' or '→' or '·' or '✓' or '✔' or '➤' or '▸'
            && next is ' ' or '\t')
        {
            _stats.BulletLines++;
            _lineIsBlock = true;
            return j + 1;
        }

        if (char.IsAsciiDigit(c))
        {
            var k = j;
            while (k < text.Length && char.IsAsciiDigit(text[k]) && k - j < 2)
            {
                k++;
            }

            if (k + 1 < text.Length && text[k] is '.' or ')' && text[k + 1] is ' ' or '\t')
            {
                _stats.BulletLines++;
                _lineIsBlock = true;
                return k + 1;
            }

            return j;
        }

        if (c == '>')
        {
            _stats.MarkupChars++;
            return j + 1;
        }

        return j;
    }

    private readonly bool IsFence(int j) =>
        j + 2 < _text.Length && ((_text[j] == '`' && _text[j + 1] == '`' && _text[j + 2] == '`')
            || (_text[j] == '~' && _text[j + 1] == '~' && _text[j + 2] == '~'));

    private readonly bool IsRule(int j)
    {
        var c = _text[j];
        if (c is not ('-' or '*' or '_' or '='))
        {
            return false;
        }

        var count = 0;
        for (var k = j; k < _text.Length && _text[k] != '\n'; k++)
        {
            if (_text[k] == c)
            {
                count++;
            }
            else if (_text[k] is not (' ' or '\t' or '\r'))
            {
                return false;
            }
        }

        return count >= 3;
    }

    private void EndLine()
    {
        EndSegment();
        if (_lineIsBlock)
        {
            EndSentence();
        }

        _lineIsBlock = false;
        _atLineStart = true;
    }

    private void EndSegment()
    {
        if (_segmentWords > 0)
        {
            _stats.Segments++;
            if (_segmentWords <= 3)
            {
                _shortRun++;
                _stats.MaxShortSegmentRun = Math.Max(_stats.MaxShortSegmentRun, _shortRun);
            }
            else
            {
                _shortRun = 0;
            }
        }

        _segmentWords = 0;
        _ring.Clear();
        _leadSlot = true;
        _pendingAuxiliary = 0;
    }

    private void EndSentence()
    {
        EndSegment();
        ResolvePendingNumber();
        if (_sentenceWords > 0)
        {
            _stats.Sentences++;
            if (_sentenceWords > 30)
            {
                _stats.LongSentences++;
            }

            _stats.MaxSentenceWords = Math.Max(_stats.MaxSentenceWords, _sentenceWords);
            if (_sentenceQuantified > 0 && (_sentenceAction || _sentenceOutcome))
            {
                _stats.Outcomes += Math.Min(_sentenceQuantified, 2);
            }
        }

        _sentenceWords = 0;
        _sentenceAction = false;
        _sentenceOutcome = false;
        _sentenceQuantified = 0;
        _wordIndex = 0;
        _fromNumber = false;
        _previousFrom = false;
        _previousTo = false;
    }
}
