using Ancso.Ml.Metrics.Lexicon;

namespace Ancso.Ml.Metrics.Analysis;

/// <summary>
/// Numbers and what they are about. A figure counts as quantified when a unit, currency, percentage or countable
/// object ties it to something ("480 ms", "$2M", "40%", "12 engineers"); as inflated when it is implausible (a
/// percentage over 300, a multiplier of 20 or more) or a multiplier of nothing concrete ("10x everything",
/// "10x engineer"); as a year when it looks like one; as a version right after a technology (".NET 8"); otherwise as bare.
/// What ties a figure is the word right after it (a scale word and one other word may stand between: "2M monthly
/// active users", "12 backend engineers", but not a function word: "34 for merchants" is bare) or, for a value after
/// its label, the word right before it: a measured result ("latency 120", "uptime: 99.9") or, with a colon, a countable
/// object ("users: 40"). A label ties only the figure that directly follows it, so "merchants 56 78" ties neither.
/// </summary>
internal ref partial struct TextScanner
{
    private const double ImplausiblePercent = 300;
    private const double ImplausibleMultiplier = 20;

    private const WordClass PlainObject = WordClass.Measure | WordClass.Unit | WordClass.Outcome;
    private const WordClass MultiplierObject = WordClass.Comparative | WordClass.Outcome | WordClass.Measure
        | WordClass.Unit | WordClass.Tech | WordClass.Domain;

    private int ScanNumber(int i, bool currency)
    {
        var text = _text;
        var start = i;
        double value = 0;
        var fraction = 0.0;
        var j = i;
        while (j < text.Length)
        {
            var c = text[j];
            if (char.IsAsciiDigit(c))
            {
                if (fraction == 0)
                {
                    value = Math.Min((value * 10) + (c - '0'), 1e18);
                }
                else
                {
                    value += (c - '0') * fraction;
                    fraction /= 10;
                }

                j++;
            }
            else if (c == ',' && fraction == 0 && IsThousandsGroup(j))
            {
                j++;
            }
            else if (c == '.' && fraction == 0 && j + 1 < text.Length && char.IsAsciiDigit(text[j + 1]))
            {
                fraction = 0.1;
                j++;
            }
            else
            {
                break;
            }
        }

        var percent = false;
        var multiplier = false;
        var unit = currency;
        if (j < text.Length)
        {
            var c = text[j];
            if (c == '%')
            {
                percent = true;
                j++;
            }
            else if (c is 'x' or 'X' or '×' && (j + 1 >= text.Length || !char.IsLetterOrDigit(text[j + 1])))
            {
                multiplier = true;
                j++;
            }
            else if (char.IsLetter(c) && !IsIdeograph(c))
            {
                var k = j;
                while (k < text.Length && char.IsLetter(text[k]))
                {
                    k++;
                }

                var suffix = WordLexicon.Find(text[j..k])?.Classes ?? WordClass.None;
                if ((suffix & (WordClass.Unit | WordClass.Scale)) == 0)
                {
                    var end = ScanWordEnd(start); // "3D", "2FA", "1st": a word, not a figure
                    OnWord(start, end - start, hashtag: false, mention: false);
                    return end;
                }

                unit = true;
                j = k;
            }

            if (j < text.Length && text[j] == '+')
            {
                j++; // "10+", "5k+"
            }
        }

        _stats.VisibleChars += j - start;
        OnNumber(start, value, percent, multiplier, unit);
        return j;
    }

    private readonly bool IsThousandsGroup(int comma)
    {
        var text = _text;
        for (var k = comma + 1; k <= comma + 3; k++)
        {
            if (k >= text.Length || !char.IsAsciiDigit(text[k]))
            {
                return false;
            }
        }

        return comma + 4 >= text.Length || !char.IsAsciiDigit(text[comma + 4]);
    }

    private void OnNumber(int start, double value, bool percent, bool multiplier, bool unit)
    {
        var label = LabelBefore(start, out var colon);
        ResolvePendingNumber();
        _stats.Numbers++;
        _stats.Words++;
        _stats.Syllables++;
        _sentenceWords++;
        _segmentWords++;
        if (_previousTo && _fromNumber)
        {
            _stats.Comparisons++;
            _fromNumber = false;
        }
        else if (_previousFrom)
        {
            _fromNumber = true;
        }

        if (percent)
        {
            Judge(value > ImplausiblePercent);
        }
        else if (multiplier)
        {
            if (value >= ImplausibleMultiplier)
            {
                Judge(inflated: true);
            }
            else
            {
                Pend(value, isMultiplier: true, afterTech: false);
            }
        }
        else if (unit)
        {
            Judge(inflated: false);
        }
        else if ((label & WordClass.Outcome) != 0 || (colon && (label & WordClass.Measure) != 0))
        {
            Judge(inflated: false); // "latency 120", "users: 40"
        }
        else
        {
            Pend(value, isMultiplier: false, afterTech: (label & WordClass.Tech) != 0);
        }

        _previousFrom = false;
        _previousTo = false;
        _leadSlot = false;
        _previousHash = 0;
        _wordIndex++;
    }

    private void Judge(bool inflated)
    {
        if (inflated)
        {
            _stats.Inflated++;
        }
        else
        {
            _stats.Quantified++;
            _sentenceQuantified++;
        }
    }

    // The classes of the word a figure directly follows, with nothing but spaces, a sign or currency symbol and at most
    // one colon between them; None when anything else (another figure, a line break, punctuation) stands between.
    // Scans back from the figure, so it stops at the previous token and the pass stays linear.
    private readonly WordClass LabelBefore(int start, out bool colon)
    {
        colon = false;
        if (_lastWordEnd <= 0 || _lastWordEnd >= start)
        {
            return WordClass.None;
        }

        for (var k = start - 1; k >= _lastWordEnd; k--)
        {
            var c = _text[k];
            if (c == ':' && !colon)
            {
                colon = true;
            }
            else if (c is not (' ' or '\t' or '\u00A0' or '+' or '~' or '≈' or '-' or '±' or '$' or '€' or '£' or '¥' or '₹'))
            {
                colon = false;
                return WordClass.None;
            }
        }

        return _lastWordClasses;
    }

    private void Pend(double value, bool isMultiplier, bool afterTech)
    {
        _pendingAfterTech = afterTech;
        _pendingLookahead = 2;
        _pendingMultiplier = isMultiplier;
        _pendingValue = value;
    }

    // Called for each word after a figure: the figure is judged by the first word that tells what it counts.
    private void ResolvePendingNumber(WordClass next)
    {
        if (_pendingLookahead == 0)
        {
            return;
        }

        if (_pendingMultiplier)
        {
            if ((next & (WordClass.VagueObject | WordClass.Role)) != 0)
            {
                _pendingLookahead = 0;
                Judge(inflated: true);
                return;
            }

            if ((next & MultiplierObject) != 0)
            {
                _pendingLookahead = 0;
                Judge(inflated: false);
                return;
            }
        }
        else if ((next & PlainObject) != 0)
        {
            _pendingLookahead = 0;
            Judge(inflated: false);
            return;
        }
        else if ((next & (WordClass.Stop | WordClass.Scale)) == WordClass.Stop)
        {
            ResolvePendingNumber(); // "34 for merchants": a function word ends what the figure can count
            return;
        }

        if ((next & WordClass.Scale) == 0 && --_pendingLookahead == 0)
        {
            _pendingLookahead = 1;
            ResolvePendingNumber();
        }
    }

    // Called when nothing more can tell what a pending figure counts.
    private void ResolvePendingNumber()
    {
        if (_pendingLookahead == 0)
        {
            return;
        }

        _pendingLookahead = 0;
        if (!_pendingMultiplier && _pendingAfterTech)
        {
            _stats.Versions++;
        }
        else if (!_pendingMultiplier && _pendingValue is >= 1950 and <= 2039 && _pendingValue == Math.Floor(_pendingValue))
        {
            _stats.Years++;
        }
        else
        {
            _stats.BareNumbers++;
        }
    }
}
