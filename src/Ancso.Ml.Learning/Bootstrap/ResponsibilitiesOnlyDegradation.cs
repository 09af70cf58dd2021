using Ancso.Ml.Reasons;

namespace Ancso.Ml.Learning.Bootstrap;

/// <summary>
/// Rewrites achievements as duties, the classic CV mistake: "Rebuilt checkout as a multi-step form; abandonment fell
/// from 71% to 64%" becomes "Responsible for rebuilding checkout as a multi-step form." The result clause is dropped.
/// Applies to sentences and list items that open with an action verb, in experience entries, about sections and READMEs.
/// Usually shortens the text.
/// </summary>
internal sealed partial class ResponsibilitiesOnlyDegradation() : TextDegradation(ReasonTags.ResponsibilitiesOnly)
{
    private static readonly string[] Duties = ["Responsible for", "Duties included", "Tasked with", "In charge of"];

    public override bool AppliesTo(string section) => section is ContentSections.Experience or ContentSections.About or ContentSections.Readme;

    public override DegradationResult Apply(string text, string section, Random random)
    {
        var sentences = TextTools.SplitSentences(text);
        var converted = 0;
        for (var i = 0; i < sentences.Count; i++)
        {
            var m = AchievementRegex().Match(sentences[i].Text);
            if (!m.Success || !Vocabulary.VerbsByPast.TryGetValue(m.Groups["verb"].Value, out var forms)
                || !string.Equals(forms.Past, m.Groups["verb"].Value, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var duty = $"{m.Groups["lead"].Value}{TextTools.Pick(random, Duties)} {forms.Gerund} {m.Groups["object"].Value.Trim()}.";
            sentences[i] = sentences[i] with { Text = duty };
            converted++;
        }

        return converted == 0
            ? DegradationResult.NotApplicable("no achievement opens with an action verb to rewrite as a duty")
            : DegradationResult.Degraded(TextTools.Join(sentences));
    }

    [GeneratedRegex(@"^(?<lead>\s*(?:[-*]\s+|\d+\.\s+)?)(?:I\s+)?(?<verb>[A-Za-z][a-z-]+)\s+(?<object>[^,;:.!?()]{6,}?)(?:\s+(?:which|so|so that|by|from|and now|with)\b[^.!?]*|[,;:(].*)?[.!?]?$", RegexOptions.CultureInvariant)]
    private static partial Regex AchievementRegex();
}
