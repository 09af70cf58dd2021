using Ancso.Ml.Reasons;

namespace Ancso.Ml.Learning.Bootstrap;

/// <summary>
/// Adds numbers with no context, or beyond belief, that would fit anyone in any job (<see cref="ContextFreeNumbers"/>):
/// headlines and bios get " | "-separated counts ("15+ years of experience | 6 employers | 98% customer satisfaction");
/// about sections and READMEs a sentence of counts; experience entries and repository descriptions a short clause.
/// In longer texts a concrete result clause ("; abandonment fell from 71% to 64% over the quarter") may instead be
/// replaced by bigger figures with nothing to compare against ("; 300% efficiency gains and 97% customer satisfaction").
/// The worse text looks stronger on the surface: usually longer, always with more digits.
/// </summary>
internal sealed partial class ContextFreeNumbersDegradation() : TextDegradation(ReasonTags.ContextFreeNumbers)
{
    private static readonly string[] Sentences =
    [
        "By the numbers: {0}.", "{0} so far.", "Over my career: {0}.", "In total: {0}.", "A quick summary: {0}.",
    ];

    public override DegradationResult Apply(string text, string section, Random random)
    {
        if (!text.Any(char.IsLetter))
        {
            return NoWords;
        }

        var result = section switch
        {
            ContentSections.Headline or ContentSections.Bio =>
                TextTools.WithoutFinalStop(text) + " | " + string.Join(" | ", ContextFreeNumbers.Pick(ContextFreeNumbers.Career, random.Next(2, 4), random)),
            ContentSections.RepoDescription =>
                TextTools.WithoutFinalStop(text) + " — " + ContextFreeNumbers.JoinList(ContextFreeNumbers.Pick(ContextFreeNumbers.Repository, 3, random)) + ".",
            _ => DegradeLongText(text, section, random),
        };
        return TextTools.CountDigits(result) > TextTools.CountDigits(text)
            ? DegradationResult.Degraded(result)
            : DegradationResult.NotApplicable("the context-free figures would not add numbers to the text");
    }

    /// <summary>Replaces result clauses or adds counts, or both when the bare figures alone would not add digits.</summary>
    private static string DegradeLongText(string text, string section, Random random)
    {
        var replaced = ReplaceResults(text, random);
        return replaced is not null && TextTools.CountDigits(replaced) > TextTools.CountDigits(text)
            ? replaced
            : AddCounts(replaced ?? text, section, random);
    }

    private static string AddCounts(string text, string section, Random random)
    {
        if (section == ContentSections.Experience)
        {
            return TextTools.WithoutFinalStop(text) + "; " + ContextFreeNumbers.JoinList(ContextFreeNumbers.Pick(ContextFreeNumbers.Career, 3, random)) + ".";
        }

        var counts = ContextFreeNumbers.JoinList(ContextFreeNumbers.Pick(ContextFreeNumbers.Career, 4, random));
        var sentence = TextTools.Capitalize(string.Format(CultureInfo.InvariantCulture, TextTools.Pick(random, Sentences), counts));
        return TextTools.AddParagraph(text, sentence, random.Next(2) == 0);
    }

    /// <summary>Replaces the result clauses of about half the sentences that end in one; null when none was replaced.</summary>
    private static string? ReplaceResults(string text, Random random)
    {
        if (random.Next(2) == 0)
        {
            return null;
        }

        var sentences = TextTools.SplitSentences(text);
        var replaced = 0;
        foreach (var i in TextTools.ProseSentences(sentences, 4))
        {
            var m = ResultClauseRegex().Match(sentences[i].Text);
            if (!m.Success || !HasFigure(m.Groups["tail"].Value) || (replaced > 0 && random.Next(2) == 0))
            {
                continue;
            }

            var figures = ContextFreeNumbers.JoinList(ContextFreeNumbers.Pick(ContextFreeNumbers.Outcomes, 2, random));
            sentences[i] = sentences[i] with { Text = m.Groups["head"].Value + "; " + figures + (m.Groups["end"].Value.Length > 0 ? m.Groups["end"].Value : ".") };
            replaced++;
        }

        return replaced == 0 ? null : TextTools.Join(sentences);
    }

    /// <summary>Whether a clause states a result: a figure that is not a year, and a percentage, multiplier or change verb.</summary>
    private static bool HasFigure(string clause) =>
        NumberRegex().Matches(clause).Any(n => !TextTools.IsYear(n.Value))
        && ResultRegex().IsMatch(clause);

    [GeneratedRegex(@"^(?<head>(?:[-*]\s+)?[^;]{12,}?)(?:;\s+|,\s+(?:which|so|and|cutting|reducing|saving|bringing|taking|raising|lifting)\s+|\s+[—–]\s+)(?<tail>[^;]+?)(?<end>[.!?]?)$", RegexOptions.CultureInvariant)]
    private static partial Regex ResultClauseRegex();

    [GeneratedRegex(@"\d\s*(?:%|x\b|×)|\bfrom\b.+\bto\b|\b(?:cut|cuts|fell|falls|rose|rises|grew|grows|halved|doubled|tripled|reduc\w*|increas\w*|sav\w*|drop\w*|improv\w*|lower\w*|rais\w*|boost\w*)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ResultRegex();

    [GeneratedRegex(@"(?<![\w.#-])(?<!\b[A-Z][\w-]*\s)\d+", RegexOptions.CultureInvariant)]
    private static partial Regex NumberRegex();
}
