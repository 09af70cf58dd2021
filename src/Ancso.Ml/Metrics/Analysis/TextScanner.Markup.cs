using Ancso.Ml.Metrics.Lexicon;

namespace Ancso.Ml.Metrics.Analysis;

/// <summary>Punctuation, markdown and HTML constructs, URLs and emoji.</summary>
internal ref partial struct TextScanner
{
    private const int MaxTagLength = 2000;
    private const int MaxLinkTextLength = 500;
    private const int MaxUrlLength = 2000;
    private const int MaxInlineCodeLength = 200;

    private int ScanSymbol(int i)
    {
        var text = _text;
        var c = text[i];
        var next = i + 1 < text.Length ? text[i + 1] : '\0';
        switch (c)
        {
            case '.':
                _stats.VisibleChars++;
                if (IsSentenceEndingPeriod(i))
                {
                    EndSentence();
                }

                return i + 1;
            case '!' when next == '[':
                return ScanImage(i);
            case '!' or '！' or '‼':
                _stats.VisibleChars++;
                _stats.Exclamations++;
                EndSentence();
                return i + 1;
            case '?' or '。' or '？' or '؟' or '…' or '۔' or '।':
                _stats.VisibleChars++;
                EndSentence();
                return i + 1;
            case ',' or ';' or ':' or '|' or '•' or '·' or '/' or '\\' or '、' or '，' or '；' or '：' or '–' or '—' or '،':
                _stats.VisibleChars++;
                EndSegment();
                return i + 1;
            case '-':
                _stats.VisibleChars++;
                if (i > 0 && char.IsWhiteSpace(text[i - 1]) && (next == '\0' || char.IsWhiteSpace(next)))
                {
                    EndSegment();
                }

                return i + 1;
            case '<':
                return ScanTag(i);
            case ']' when next == '(':
                return ScanLinkTarget(i);
            case '`':
                return ScanInlineCode(i);
            case '*' or '_' or '~' or '[' or ']' or '#' or '>' or '=':
                _stats.MarkupChars++;
                return i + 1;
        }

        if (char.IsHighSurrogate(c))
        {
            if (char.IsSurrogatePair(c, next))
            {
                var codePoint = char.ConvertToUtf32(c, next);
                if (codePoint is >= 0x1F000 and <= 0x1FAFF)
                {
                    _stats.Emoji++;
                }

                _stats.VisibleChars++;
                return i + 2;
            }

            return i + 1;
        }

        if (c is >= '\u2600' and <= '\u27BF' or >= '\u2B00' and <= '\u2BFF' or >= '\u231A' and <= '\u23FF')
        {
            _stats.Emoji++;
            _stats.VisibleChars++;
        }
        else if (!char.IsWhiteSpace(c) && char.GetUnicodeCategory(c) != UnicodeCategory.Format && !char.IsLowSurrogate(c))
        {
            _stats.VisibleChars++;
        }

        return i + 1;
    }

    // A period ends a sentence unless it follows an abbreviation that introduces what comes next ("e.g. Terraform",
    // "Dr. Smith"), or an initial or another abbreviation and the text goes on in lower case or a digit ("etc. and",
    // "J. Smith", "No. 1").
    private readonly bool IsSentenceEndingPeriod(int i)
    {
        if (_lastWordEnd != i || ((_lastWordClasses & WordClass.Abbreviation) == 0 && !_lastWordInitial))
        {
            return true;
        }

        if ((_lastWordClasses & WordClass.LeadingAbbreviation) != 0)
        {
            return false;
        }

        var text = _text;
        var k = i + 1;
        while (k < text.Length && text[k] is ' ' or '\t')
        {
            k++;
        }

        if (k >= text.Length)
        {
            return true;
        }

        var c = text[k];
        return !(char.IsLower(c) || char.IsDigit(c) || c == ',' || (_lastWordInitial && char.IsUpper(c)));
    }

    private int ScanTag(int i)
    {
        var text = _text;
        var next = i + 1 < text.Length ? text[i + 1] : '\0';
        if (next == '!' && text[i..].StartsWith("<!--", StringComparison.Ordinal))
        {
            var close = _commentEnd.Find(text, i + 4, "-->");
            var end = Math.Min(close + 3, text.Length);
            _stats.MarkupChars += end - i;
            return end;
        }

        if (!(char.IsAsciiLetter(next) || next == '/'))
        {
            _stats.VisibleChars++;
            return i + 1;
        }

        var gt = _gt.Find(text, i + 1, '>');
        if (gt >= text.Length || gt - i > MaxTagLength)
        {
            _stats.VisibleChars++;
            return i + 1;
        }

        var tag = text[i..(gt + 1)];
        var closing = next == '/';
        var nameStart = closing ? 2 : 1;
        var nameEnd = nameStart;
        while (nameEnd < tag.Length && char.IsAsciiLetterOrDigit(tag[nameEnd]))
        {
            nameEnd++;
        }

        var name = tag[nameStart..nameEnd];
        _stats.HtmlTags++;
        _stats.MarkupChars += tag.Length;
        if (name.Equals("img", StringComparison.OrdinalIgnoreCase))
        {
            CountImage(tag);
        }
        else if (!closing && name.Equals("a", StringComparison.OrdinalIgnoreCase))
        {
            _stats.Links++;
        }
        else if (name.Length == 2 && name[0] is 'h' or 'H' && name[1] is >= '1' and <= '6')
        {
            _stats.HeadingLines += closing ? 0 : 1;
            EndSentence();
        }
        else if (IsBlockTag(name))
        {
            EndSentence();
        }

        return gt + 1;
    }

    private static bool IsBlockTag(ReadOnlySpan<char> name) =>
        name.Equals("p", StringComparison.OrdinalIgnoreCase) || name.Equals("br", StringComparison.OrdinalIgnoreCase)
        || name.Equals("div", StringComparison.OrdinalIgnoreCase) || name.Equals("li", StringComparison.OrdinalIgnoreCase)
        || name.Equals("tr", StringComparison.OrdinalIgnoreCase) || name.Equals("td", StringComparison.OrdinalIgnoreCase)
        || name.Equals("table", StringComparison.OrdinalIgnoreCase) || name.Equals("hr", StringComparison.OrdinalIgnoreCase);

    // ![alt](url): the alt text is not prose; a shields.io-style URL makes it a badge.
    private int ScanImage(int i)
    {
        var text = _text;
        var lineEnd = _newline.Find(text, i, '\n');
        var middle = _linkMiddle.Find(text, i + 2, "](");
        if (middle >= lineEnd || middle - i > MaxLinkTextLength)
        {
            _stats.VisibleChars++;
            _stats.Exclamations++;
            EndSentence();
            return i + 1;
        }

        var close = _closeParen.Find(text, middle + 2, ')');
        if (close >= lineEnd || close - middle > MaxUrlLength)
        {
            _stats.VisibleChars++;
            _stats.Exclamations++;
            EndSentence();
            return i + 1;
        }

        CountImage(text[(middle + 2)..close]);
        _stats.MarkupChars += close + 1 - i;
        return close + 1;
    }

    private void CountImage(ReadOnlySpan<char> source)
    {
        if (source.Contains("shields.io", StringComparison.OrdinalIgnoreCase) || source.Contains("badge", StringComparison.OrdinalIgnoreCase)
            || source.Contains("badgen", StringComparison.OrdinalIgnoreCase) || source.Contains("readme-stats", StringComparison.OrdinalIgnoreCase)
            || source.Contains("komarev", StringComparison.OrdinalIgnoreCase) || source.Contains("skillicons", StringComparison.OrdinalIgnoreCase))
        {
            _stats.Badges++;
        }
        else
        {
            _stats.Images++;
        }
    }

    // ](url) after link text: the link text was read as prose, the target is markup.
    private int ScanLinkTarget(int i)
    {
        var text = _text;
        var lineEnd = _newline.Find(text, i, '\n');
        var close = _closeParen.Find(text, i + 2, ')');
        if (close >= lineEnd || close - i > MaxUrlLength)
        {
            _stats.MarkupChars++;
            return i + 1;
        }

        _stats.Links++;
        _stats.MarkupChars += close + 1 - i;
        return close + 1;
    }

    private int ScanInlineCode(int i)
    {
        var text = _text;
        var lineEnd = _newline.Find(text, i, '\n');
        var close = _backtick.Find(text, i + 1, '`');
        if (close >= lineEnd || close - i > MaxInlineCodeLength)
        {
            _stats.MarkupChars++;
            return i + 1;
        }

        _stats.CodeSpans += close > i + 1 ? 1 : 0;
        _stats.CodeChars += close + 1 - i;
        return close + 1;
    }

    private readonly bool IsUrlAt(int i)
    {
        var rest = _text[i..];
        return rest.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            || rest.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || rest.StartsWith("www.", StringComparison.OrdinalIgnoreCase);
    }

    private int ScanUrl(int i)
    {
        var text = _text;
        var j = i;
        while (j < text.Length && !char.IsWhiteSpace(text[j]) && text[j] is not (')' or '>' or '<' or '"' or ']' or '\''))
        {
            j++;
        }

        while (j > i + 1 && text[j - 1] is '.' or ',' or ';' or ':' or '!' or '?')
        {
            j--;
        }

        _stats.Links++;
        _stats.MarkupChars += j - i;
        return j;
    }
}
