using Ancso.Ml.Reasons;

namespace Ancso.Ml.Learning.Bootstrap;

/// <summary>
/// Inflates claims: existing figures are blown up (40% becomes 4,000%, 3 becomes 300) and unsupported superlatives with
/// numbers are added ("#1 engineer in the world", "10x developer", "1000% ROI"). The worse text has more numbers.
/// </summary>
internal sealed partial class InflatedClaimsDegradation() : TextDegradation(ReasonTags.InflatedClaims)
{
    private static readonly string[] ShortClaims =
    [
        "#1 {0} in the world", "10x developer", "Top 0.1% talent", "1000% ROI guaranteed", "100% success rate",
        "Ranked #1 by everyone", "50+ years of experience in everything",
    ];

    private static readonly string[] LongClaims =
    [
        "Widely recognised as the #1 engineer in the world.",
        "I consistently deliver 10x results and a 500% return on every project.",
        "Single-handedly increased company revenue by 1000% in 3 months.",
        "Top 0.1% talent with a 100% success rate on 200+ projects.",
        "My code has 0 bugs and 100% uptime, guaranteed.",
        "Personally responsible for 10 million happy users and $50M in savings.",
    ];

    private static readonly string[] RepoClaims =
    [
        "The fastest {0} ever written: 1000x faster than every alternative.",
        "Used by 10 million developers in 150 countries.",
        "100% bug-free, 0 dependencies, 10x productivity.",
        "Benchmarked 500% faster than anything else.",
    ];

    public override DegradationResult Apply(string text, string section, Random random)
    {
        var inflated = FigureRegex().Replace(text, m => Inflate(m, random));
        var result = section switch
        {
            Content.ContentSections.RepoDescription => inflated.TrimEnd() + " " + string.Format(CultureInfo.InvariantCulture, TextTools.Pick(random, RepoClaims), "tool"),
            Content.ContentSections.Headline or Content.ContentSections.Bio =>
                inflated.TrimEnd().TrimEnd('.') + " | " + string.Join(" | ", ShortClaims.OrderBy(_ => random.Next()).Take(2)
                    .Select(c => string.Format(CultureInfo.InvariantCulture, c, "engineer"))),
            _ => AddSentences(inflated, random),
        };
        return DegradationResult.Degraded(result);
    }

    private static string AddSentences(string text, Random random)
    {
        var first = TextTools.Pick(random, LongClaims);
        var second = TextTools.Pick(random, LongClaims);
        var claims = first == second ? first : first + " " + second;
        var paragraphs = text.Split("\n\n");
        var prose = Array.FindIndex(paragraphs, p => p.Length > 0 && !TextTools.IsMarkdownStructure(p));
        if (paragraphs.Length > 1 && prose >= 0)
        {
            paragraphs[prose] = paragraphs[prose].TrimEnd() + " " + claims;
            return string.Join("\n\n", paragraphs);
        }

        return text.TrimEnd() + " " + claims;
    }

    private static string Inflate(Match m, Random random)
    {
        var digits = m.Groups["n"].Value.Replace(",", string.Empty, StringComparison.Ordinal);
        if (!double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || (digits.Length == 4 && value is >= 1950 and <= 2099))
        {
            return m.Value;
        }

        var factor = random.Next(2) == 0 ? 100 : 50;
        var unit = m.Groups["unit"].Value;
        var scaled = (value * factor).ToString(value * factor >= 10000 ? "N0" : "0.##", CultureInfo.InvariantCulture);
        return scaled + unit;
    }

    [GeneratedRegex(@"(?<![\w.#-])(?<!\b[A-Z][\w-]*\s)(?<n>\d[\d,]*(?:\.\d+)?)(?<unit>%|x\b|×)?(?![\w-])", RegexOptions.CultureInvariant)]
    private static partial Regex FigureRegex();
}
