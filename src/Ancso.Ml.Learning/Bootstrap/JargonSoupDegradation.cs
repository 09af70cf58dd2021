using Ancso.Ml.Reasons;

namespace Ancso.Ml.Learning.Bootstrap;

/// <summary>
/// Replaces plain words with corporate jargon ("use" → "leverage", "team" → "cross-functional pod", "tool" → "solution")
/// and tacks jargon phrases onto some sentences ("driving holistic synergies across the value chain"). Lengthens the text.
/// </summary>
internal sealed partial class JargonSoupDegradation() : TextDegradation(ReasonTags.JargonSoup)
{
    private static readonly Dictionary<string, string> Jargon = new(StringComparer.OrdinalIgnoreCase)
    {
        ["build"] = "architect", ["built"] = "architected", ["building"] = "architecting", ["use"] = "leverage",
        ["used"] = "leveraged", ["using"] = "leveraging", ["help"] = "enable", ["helps"] = "enables", ["helped"] = "enabled",
        ["improve"] = "optimise", ["improved"] = "optimised", ["team"] = "cross-functional pod", ["teams"] = "cross-functional pods",
        ["customers"] = "stakeholders", ["users"] = "end-user personas", ["product"] = "value proposition", ["data"] = "data assets",
        ["plan"] = "roadmap", ["problem"] = "pain point", ["problems"] = "pain points", ["change"] = "paradigm shift",
        ["changes"] = "paradigm shifts", ["tool"] = "solution", ["tools"] = "solutions", ["app"] = "digital experience platform",
        ["make"] = "operationalise", ["fix"] = "remediate", ["fixed"] = "remediated", ["simple"] = "frictionless",
        ["fast"] = "high-velocity", ["faster"] = "higher-velocity", ["goal"] = "north star", ["results"] = "deliverables",
        ["ideas"] = "ideation", ["people"] = "human capital", ["work"] = "bandwidth", ["talk"] = "touch base",
        ["code"] = "codebase assets", ["write"] = "author", ["wrote"] = "authored", ["care"] = "am laser-focused",
        ["small"] = "lean", ["tests"] = "quality gates", ["services"] = "service offerings", ["started"] = "kicked off",
    };

    private static readonly string[] Phrases =
    [
        ", driving holistic synergies across the value chain", ", unlocking 360-degree visibility at scale",
        ", enabling a best-of-breed, cloud-native paradigm", ", moving the needle on mission-critical KPIs",
        " in an end-to-end, data-driven, customer-centric way", ", leveraging bleeding-edge thought leadership",
        ", operationalising omnichannel value streams",
    ];

    public override DegradationResult Apply(string text, string section, Random random)
    {
        var result = WordRegex().Replace(text, m =>
            Jargon.TryGetValue(m.Value, out var jargon) && random.Next(4) != 0 ? Vocabulary.MatchCase(m.Value, jargon) : m.Value);

        var sentences = TextTools.SplitSentences(result);
        var prose = Enumerable.Range(0, sentences.Count)
            .Where(i => sentences[i].Text.Length > 15 && !TextTools.IsMarkdownStructure(sentences[i].Text))
            .ToList();
        if (prose.Count == 0)
        {
            return DegradationResult.Degraded(result.TrimEnd() + TextTools.Pick(random, Phrases));
        }

        var count = Math.Max(1, prose.Count / 3);
        foreach (var i in prose.OrderBy(_ => random.Next()).Take(count))
        {
            var s = sentences[i].Text;
            var end = s.EndsWith('.') || s.EndsWith('!') || s.EndsWith('?') ? s[^1..] : string.Empty;
            sentences[i] = sentences[i] with { Text = s[..(s.Length - end.Length)] + TextTools.Pick(random, Phrases) + end };
        }

        return DegradationResult.Degraded(TextTools.Join(sentences));
    }

    [GeneratedRegex(@"(?<![\w/.`@#-])[A-Za-z]+(?![\w/`@#-])", RegexOptions.CultureInvariant)]
    private static partial Regex WordRegex();
}
