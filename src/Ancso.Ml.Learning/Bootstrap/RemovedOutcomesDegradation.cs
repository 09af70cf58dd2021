using Ancso.Ml.Reasons;

namespace Ancso.Ml.Learning.Bootstrap;

/// <summary>
/// Drops results and figures: outcome clauses (", cutting…", ", which…") are cut from sentences, sentences and bullet
/// lines that only report a result are removed, and in short sections the segments that hold a figure are removed.
/// Dates (years) are not outcomes and stay. Shortens the text and usually removes digits.
/// </summary>
internal sealed partial class RemovedOutcomesDegradation() : TextDegradation(ReasonTags.RemovedOutcomes)
{
    public override DegradationResult Apply(string text, string section, Random random)
    {
        var result = TextTools.IsShortSection(section) ? RemoveSegments(text) : RemoveSentences(text);
        result = ParentheticalFigureRegex().Replace(result, m => HasOutcome(m.Value) ? string.Empty : m.Value);
        result = result.Trim();
        return result.Length == 0 || string.Equals(result, text.Trim(), StringComparison.Ordinal)
            ? DegradationResult.NotApplicable("no results or figures to remove")
            : DegradationResult.Degraded(result);
    }

    private static string RemoveSegments(string text)
    {
        var parts = SegmentSeparatorRegex().Split(text);
        if (parts.Length > 1)
        {
            var separators = SegmentSeparatorRegex().Matches(text).Select(m => m.Value).ToList();
            var kept = new List<string>();
            var keptSeparators = new List<string>();
            for (var i = 0; i < parts.Length; i++)
            {
                if (!HasOutcome(parts[i]))
                {
                    kept.Add(parts[i]);
                    keptSeparators.Add(i > 0 ? separators[i - 1] : string.Empty);
                }
            }

            if (kept.Count > 0 && kept.Count < parts.Length)
            {
                return string.Concat(kept.Select((p, i) => (i == 0 ? string.Empty : keptSeparators[i]) + p));
            }
        }

        return CutClauses(text);
    }

    private static string RemoveSentences(string text)
    {
        var sentences = TextTools.SplitSentences(text);
        var kept = new List<Sentence>();
        foreach (var sentence in sentences)
        {
            if (!HasOutcome(sentence.Text) || TextTools.IsMarkdownStructure(sentence.Text))
            {
                kept.Add(sentence);
                continue;
            }

            var cut = CutClauses(sentence.Text);
            if (!string.Equals(cut, sentence.Text, StringComparison.Ordinal) && !HasOutcome(cut))
            {
                kept.Add(sentence with { Text = cut });
            }
            else if (kept.Count > 0 && sentence.Separator.Contains('\n', StringComparison.Ordinal))
            {
                kept[^1] = kept[^1] with { Separator = MergeSeparators(kept[^1].Separator, sentence.Separator) };
            }
        }

        return TextTools.Join(kept);
    }

    private static string MergeSeparators(string previous, string current) =>
        current.Length > previous.Length ? current : previous;

    private static string CutClauses(string sentence)
    {
        var match = OutcomeClauseRegex().Match(sentence);
        if (!match.Success || match.Index == 0 || !HasOutcome(match.Value))
        {
            return sentence;
        }

        var head = sentence[..match.Index].TrimEnd(' ', ',', ';', ':', '-', '–', '—');
        var terminal = sentence.TrimEnd().EndsWith('.') ? "." : string.Empty;
        return head + terminal;
    }

    internal static bool HasOutcome(string text)
    {
        if (OutcomeWordRegex().IsMatch(text))
        {
            return true;
        }

        foreach (Match m in FigureRegex().Matches(text))
        {
            if (!TextTools.IsYear(m.Groups["n"].Value))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"\s+[|·]\s+|\s+[—–]\s+|,\s+(?=[A-Z\d])", RegexOptions.CultureInvariant)]
    private static partial Regex SegmentSeparatorRegex();

    [GeneratedRegex(@"(?:,|;|\s[—–-])\s*(?:which|cutting|reducing|saving|giving|so that|so|resulting in|bringing|halving|doubling|now|and now|with|used by|processing|taking)\b.*$|\s+by\s+(?:about\s+|around\s+)?(?:\d|a\s+(?:third|half|quarter|fifth)|half|around|roughly)[^,;]*$", RegexOptions.CultureInvariant)]
    private static partial Regex OutcomeClauseRegex();

    [GeneratedRegex(@"\b(?:fell|dropped|rose|doubled|halved|faster|fewer|reduced|reducing|cutting|saved|saving|caught|improved|increased|decreased|went from|sharply|noticeably|within days|first time|no customer-facing|no loss|no failed|a third|a fifth|a half|about half|roughly half)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex OutcomeWordRegex();

    [GeneratedRegex(@"(?<![\w.#-])(?<!\b[A-Z][\w-]*\s)(?<n>\d[\d,.]*\d|\d)(?:\+|%|\s?(?:x|×|k|K|MB|GB|TB|ms)\b)?(?![\w-])", RegexOptions.CultureInvariant)]
    private static partial Regex FigureRegex();

    [GeneratedRegex(@"\s*\([^()]*\d[^()]*\)", RegexOptions.CultureInvariant)]
    private static partial Regex ParentheticalFigureRegex();
}
