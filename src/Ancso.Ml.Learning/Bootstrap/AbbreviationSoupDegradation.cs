using System.Text;
using Ancso.Ml.Reasons;

namespace Ancso.Ml.Learning.Bootstrap;

/// <summary>
/// Turns prose into a dense code (<see cref="Abbreviations"/>): most abbreviable words become abbreviations or acronyms
/// ("management" → "mgmt", "with" → "w/", "responsible for" → "resp. for", "and" → "&amp;"), rates and figures are
/// shortened ("a week" → "/wk", 2019 → '19, 150,000 → 150k), lower-case articles are dropped, and acronyms are tacked on
/// ("CRM/ERP, SME, KPIs/OKRs"; one short one in headlines, bios and repository descriptions) so the keyword count does
/// not drop. Fenced code and link targets are left alone. Needs at least two replacements in a headline, bio or
/// repository description and three elsewhere. Usually shortens the text and drops digits.
/// </summary>
internal sealed partial class AbbreviationSoupDegradation() : TextDegradation(ReasonTags.AbbreviationSoup)
{
    public override DegradationResult Apply(string text, string section, Random random)
    {
        if (!text.Any(char.IsLetter))
        {
            return NoWords;
        }

        var cluster = TextTools.IsShortSection(section)
            ? TextTools.Pick(random, Abbreviations.KeywordTags.Where(t => t.Length <= 5).ToList())
            : string.Join(", ", Abbreviations.ShorthandTags.OrderBy(_ => random.Next()).Take(random.Next(1, 3))
                .Append(TextTools.Pick(random, Abbreviations.KeywordTags)).OrderBy(_ => random.Next()));
        var tagged = section switch
        {
            ContentSections.Headline or ContentSections.Bio => TextTools.WithoutFinalStop(text) + " | " + cluster,
            ContentSections.RepoDescription => TextTools.WithoutFinalStop(text) + " (" + cluster + ")",
            _ => TagASentence(text, cluster, random),
        };
        var needed = TextTools.IsShortSection(section) ? 2 : 3;
        var (result, replaced) = Abbreviate(tagged, needed, random);
        if (replaced < needed)
        {
            return DegradationResult.NotApplicable($"fewer than {needed} words or phrases to abbreviate");
        }

        return DegradationResult.Degraded(result);
    }

    /// <summary>Abbreviates every match, except that once <paramref name="certain"/> are replaced, about one in seven is left.</summary>
    private static (string Text, int Replaced) Abbreviate(string text, int certain, Random random)
    {
        var builder = new StringBuilder(text.Length);
        var replaced = 0;
        var inFence = false;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (i > 0)
            {
                builder.Append('\n');
            }

            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
            }

            if (inFence)
            {
                builder.Append(line);
                continue;
            }

            line = Abbreviations.Pattern.Replace(line, m =>
            {
                if (replaced >= certain && random.Next(20) < 3)
                {
                    return m.Value;
                }

                replaced++;
                var abbreviation = Abbreviations.Phrases[m.Value];
                return abbreviation.Any(char.IsUpper) || !char.IsLetter(abbreviation[0]) ? abbreviation : Vocabulary.MatchCase(m.Value, abbreviation);
            });
            line = RateRegex().Replace(line, m =>
            {
                replaced++;
                return m.Groups["unit"].Value.ToLowerInvariant() switch { "week" => "/wk", "month" => "/mo", "year" => "/yr", "hour" => "/hr", _ => "/day" };
            });
            line = ArticleRegex().Replace(line, m =>
            {
                if (replaced >= certain && random.Next(20) < 3)
                {
                    return m.Value;
                }

                replaced++;
                return string.Empty;
            });
            line = YearRegex().Replace(line, m =>
            {
                replaced++;
                return "'" + m.Value[2..];
            });
            builder.Append(ThousandsRegex().Replace(line, m =>
            {
                replaced++;
                var rest = m.Groups["rest"].Value.TrimEnd('0');
                return m.Groups["lead"].Value + (rest.Length > 0 ? "." + rest[..1] : string.Empty) + "k";
            }));
        }

        return (builder.ToString(), replaced);
    }

    private static string TagASentence(string text, string cluster, Random random)
    {
        var sentences = TextTools.SplitSentences(text);
        var prose = TextTools.ProseSentences(sentences, 5).Where(i => !sentences[i].Text.TrimEnd('.').EndsWith(')')).ToList();
        if (prose.Count == 0)
        {
            return text.TrimEnd() + " (" + cluster + ")";
        }

        var index = TextTools.Pick(random, prose);
        var s = sentences[index].Text;
        var end = s.EndsWith('.') || s.EndsWith('!') || s.EndsWith('?') ? s[^1..] : string.Empty;
        sentences[index] = sentences[index] with { Text = s[..(s.Length - end.Length)] + " (" + cluster + ")" + end };
        return TextTools.Join(sentences);
    }

    [GeneratedRegex(@"\s+(?:a|per|each)\s+(?<unit>week|day|month|year|hour)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex RateRegex();

    [GeneratedRegex(@"(?<![\w/.@#&'’-])(?:the|a|an)\s+(?=[\w(""'])", RegexOptions.CultureInvariant)]
    private static partial Regex ArticleRegex();

    [GeneratedRegex(@"(?<![\w.,'’/#-])(?:19[5-9]\d|20\d\d)(?![\w%]|[.,]\d)", RegexOptions.CultureInvariant)]
    private static partial Regex YearRegex();

    [GeneratedRegex(@"(?<![\w.,/#-])(?<lead>\d{1,3}),(?<rest>\d{3})(?![\w,%]|\.\d)", RegexOptions.CultureInvariant)]
    private static partial Regex ThousandsRegex();
}
