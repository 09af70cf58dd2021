using Ancso.Ml.Reasons;

namespace Ancso.Ml.Learning.Bootstrap;

/// <summary>
/// Adds clichés: a buzzword opener and closer ("results-driven, passionate self-starter", "thinks outside the box",
/// "gives 110%") and swaps some plain verbs for hype ("led" → "spearheaded"). Lengthens the text; some clichés carry
/// numbers ("110%", "24/7", "10x").
/// </summary>
internal sealed partial class BuzzwordsDegradation() : TextDegradation(ReasonTags.Buzzwords)
{
    private static readonly string[] ShortPrefixes =
    [
        "Results-driven rockstar", "Passionate, highly motivated self-starter", "Dynamic thought leader and ninja",
        "Visionary go-getter", "Detail-oriented team player and guru", "Hard-working, results-oriented change agent",
    ];

    private static readonly string[] ShortSuffixes =
    [
        "Thinks outside the box", "Synergy-focused game-changer", "Passionate about disruption", "Always giving 110%",
        "24/7 hustle", "10x mindset", "Best-in-class innovator", "Moving the needle every day",
    ];

    private static readonly string[] Openers =
    [
        "I am a results-driven, passionate self-starter and rockstar team player who loves to think outside the box.",
        "Highly motivated, dynamic and detail-oriented professional with a proven track record of driving synergy.",
        "As a passionate visionary and go-getter, I thrive in fast-paced environments and hit the ground running.",
        "Results-oriented thought leader, ninja problem solver and true game-changer.",
    ];

    private static readonly string[] Closers =
    [
        "I always give 110% and bring a can-do attitude to everything I touch.",
        "I am a 24/7 learner who leverages synergies to move the needle and pick the low-hanging fruit.",
        "Passionate about disruption, innovation and best-in-class excellence, with a 10x mindset.",
        "Let's connect and create synergy together!",
    ];

    private static readonly Dictionary<string, string> Hype = new(StringComparer.OrdinalIgnoreCase)
    {
        ["led"] = "spearheaded", ["built"] = "pioneered", ["improved"] = "supercharged", ["worked on"] = "drove synergies on",
        ["helped"] = "empowered", ["made"] = "crafted world-class", ["wrote"] = "masterminded", ["introduced"] = "championed",
    };

    public override DegradationResult Apply(string text, string section, Random random)
    {
        if (TextTools.IsShortSection(section))
        {
            var core = text.Trim().TrimEnd('.');
            var result = random.Next(2) == 0
                ? $"{TextTools.Pick(random, ShortPrefixes)} | {core} | {TextTools.Pick(random, ShortSuffixes)}"
                : $"{TextTools.Pick(random, ShortPrefixes)}. {core}. {TextTools.Pick(random, ShortSuffixes)}!";
            return DegradationResult.Degraded(result);
        }

        var hyped = HypeRegex().Replace(text, m => random.Next(2) == 0 ? Vocabulary.MatchCase(m.Value, Hype[m.Value]) : m.Value);
        var opener = TextTools.Pick(random, Openers);
        var closer = TextTools.Pick(random, Closers);
        var lines = hyped.Split('\n', 2);
        var body = lines[0].StartsWith('#') && lines.Length == 2
            ? lines[0] + "\n\n" + opener + "\n" + lines[1].TrimEnd()
            : opener + " " + hyped.TrimEnd();
        return DegradationResult.Degraded(body + (body.Contains('\n', StringComparison.Ordinal) ? "\n\n" : " ") + closer);
    }

    [GeneratedRegex(@"\b(?:led|built|improved|worked on|helped|made|wrote|introduced)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex HypeRegex();
}
