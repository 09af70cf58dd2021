using Ancso.Ml.Reasons;

namespace Ancso.Ml.Learning.Bootstrap;

/// <summary>
/// Replaces concrete wording with vague wording: before/after figures become "noticeably", named technologies become
/// "various technologies", other figures become "a lot"/"many", strong action verbs become "worked on"/"helped with".
/// Years and version-like numbers after a name ("ISO 26262", "Godot 4") are kept. Usually shortens the text and removes digits.
/// </summary>
internal sealed partial class VagueDegradation() : TextDegradation(ReasonTags.Vague)
{
    private static readonly string[] VagueTech = ["various technologies", "modern tools", "several technologies", "the usual tools", "different tools"];
    private static readonly string[] VagueAmounts = ["a lot", "some", "a good amount"];
    private static readonly string[] VagueVerbs = ["worked on", "helped with", "was involved in", "did some work on", "contributed to"];

    public override DegradationResult Apply(string text, string section, Random random)
    {
        var replacements = 0;
        var result = FromToRegex().Replace(text, _ =>
        {
            replacements++;
            return "noticeably";
        });
        result = Vocabulary.TechRun.Replace(result, _ =>
        {
            replacements++;
            return TextTools.Pick(random, VagueTech);
        });
        result = CountedNounRegex().Replace(result, m =>
        {
            if (TextTools.IsYear(m.Groups["n"].Value))
            {
                return m.Value;
            }

            replacements++;
            return "many " + m.Groups["noun"].Value;
        });
        result = NumberRegex().Replace(result, m =>
        {
            if (TextTools.IsYear(m.Groups["n"].Value))
            {
                return m.Value;
            }

            replacements++;
            return TextTools.Pick(random, VagueAmounts);
        });
        result = PeopleRegex().Replace(result, _ =>
        {
            replacements++;
            return "people";
        });
        result = ThingsRegex().Replace(result, _ =>
        {
            replacements++;
            return "things";
        });
        result = StrongVerbRegex().Replace(result, m =>
        {
            replacements++;
            return Vocabulary.MatchCase(m.Value, TextTools.Pick(random, VagueVerbs));
        });

        var needed = TextTools.IsShortSection(section) ? 1 : 2;
        return replacements < needed
            ? DegradationResult.NotApplicable($"fewer than {needed} concrete terms (figures, named tools, people, artefacts, strong verbs) to make vague")
            : DegradationResult.Degraded(result);
    }

    [GeneratedRegex(@"\bfrom\s+(?:about\s+|around\s+)?[$€£]?\d[\d,.]*\s*(?:%|\w+)?\s+to\s+(?:about\s+|around\s+)?[$€£]?\d[\d,.]*(?:\s*%|\s+(?:minutes|hours|days|weeks|seconds|MB|GB|ms|percent))?", RegexOptions.CultureInvariant)]
    private static partial Regex FromToRegex();

    [GeneratedRegex(@"(?<![\w.#-])(?<!\b[A-Z][\w-]*\s)(?:(?:about|around|over|under|nearly|roughly|more than|up to|almost)\s+)?(?<n>\d[\d,]*)\+?\s+(?<noun>[a-z][a-z-]+)\b", RegexOptions.CultureInvariant)]
    private static partial Regex CountedNounRegex();

    [GeneratedRegex(@"(?<![\w.#-])(?<!\b[A-Z][\w-]*\s)(?:(?:about|around|over|under|nearly|roughly|more than|up to|almost)\s+)?[$€£~]?(?<n>\d[\d,.]*\d|\d)(?:\+|%|\s?(?:x|×|k|K|MB|GB|TB|ms)\b)?(?![\w-])", RegexOptions.CultureInvariant)]
    private static partial Regex NumberRegex();

    [GeneratedRegex(@"\b(?:Built|Designed|Led|Rewrote|Introduced|Shipped|Migrated|Launched|Implemented|Created|Delivered|Automated|Reduced|Grew|Replaced|Redesigned|Restructured|Developed|Founded|Co-founded)\b|(?<=\bI\s)(?:built|designed|led|rewrote|introduced|shipped|migrated|launched|created)\b", RegexOptions.CultureInvariant)]
    private static partial Regex StrongVerbRegex();

    [GeneratedRegex(@"\b(?:customers|users|students|farmers|players|developers|engineers|researchers|clinicians|radiologists|planners|growers|investigators|lawyers|translators|volunteers|teachers|merchants|readers|patients|designers|scientists|forecasters|operators|carers)\b", RegexOptions.CultureInvariant)]
    private static partial Regex PeopleRegex();

    [GeneratedRegex(@"\b(?:services|APIs|pipelines|models|apps|libraries|components|dashboards|sensors|meters|servers|clusters|queries|forms|benchmarks|datasets|plugins|shaders|extensions|notebooks|runbooks|reports)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ThingsRegex();
}
