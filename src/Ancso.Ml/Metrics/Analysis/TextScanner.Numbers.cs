using Ancso.Ml.Metrics.Lexicon;

namespace Ancso.Ml.Metrics.Analysis;

/// <summary>
/// Numbers and what they are about. A figure counts as quantified when a unit, currency, percentage or countable
/// object ties it to something ("480 ms", "$2M", "40%", "12 engineers"); as inflated when it is implausible (a
/// percentage over 300, a multiplier of 20 or more) or a multiplier of nothing concrete ("10x everything",
/// "10x engineer"); as a year when it looks like one; as a version right after a technology (".NET 8"); otherwise as bare.
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
        OnNumber(value, percent, multiplier, unit);
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

    private void OnNumber(double value, bool percent, bool multiplier, bool unit)
    {
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
                Pend(value, isMultiplier: true);
            }
        }
        else if (unit)
        {
            Judge(inflated: false);
        }
        else if (_segmentWords > 1 && (_lastWordClasses & (WordClass.Measure | WordClass.Outcome)) != 0)
        {
            Judge(inflated: false); // "latency 120", "users: 40"
        }
        else
        {
            Pend(value, isMultiplier: false);
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

    private void Pend(double value, bool isMultiplier)
    {
        _pendingAfterTech = _segmentWords > 1 && (_lastWordClasses & WordClass.Tech) != 0;
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
