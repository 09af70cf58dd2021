using Ancso.Ml.Reasons;

namespace Ancso.Ml.Learning.Bootstrap;

/// <summary>
/// Shouts: a short text goes entirely into capitals; in a longer text most sentences do. Shouted sentences end in "!"
/// instead of ".", so the length barely changes. Needs letters that are not already capitals.
/// </summary>
internal sealed partial class AllCapsDegradation() : TextDegradation(ReasonTags.AllCaps)
{
    public override DegradationResult Apply(string text, string section, Random random)
    {
        if (!text.Any(char.IsLower))
        {
            return DegradationResult.NotApplicable("the text has no lower-case letters to shout");
        }

        if (TextTools.IsShortSection(section))
        {
            return DegradationResult.Degraded(Shout(text));
        }

        var sentences = TextTools.SplitSentences(text);
        var shoutedAny = false;
        for (var i = 0; i < sentences.Count; i++)
        {
            if ((!shoutedAny && i == sentences.Count - 1) || random.Next(10) < 7)
            {
                sentences[i] = sentences[i] with { Text = Shout(sentences[i].Text) };
                shoutedAny = true;
            }
        }

        return DegradationResult.Degraded(TextTools.Join(sentences));
    }

    private static string Shout(string sentence)
    {
        var upper = LinkTargetRegex().Replace(sentence.ToUpperInvariant(), m => m.Value.ToLowerInvariant());
        return upper.EndsWith('.') ? upper[..^1] + "!" : upper;
    }

    [GeneratedRegex(@"\(HTTPS?://[^)]*\)", RegexOptions.CultureInvariant)]
    private static partial Regex LinkTargetRegex();
}
