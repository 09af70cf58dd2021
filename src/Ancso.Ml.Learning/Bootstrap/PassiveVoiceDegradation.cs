using Ancso.Ml.Reasons;

namespace Ancso.Ml.Learning.Bootstrap;

/// <summary>
/// Turns active statements into passive ones: "Built the checkout as…" becomes "The checkout as… was built by me",
/// "I maintain X" becomes "X is maintained by me". Applies to sentences (and list items) that open with an action verb,
/// optionally after "I" or "We". Slightly lengthens the text.
/// </summary>
internal sealed partial class PassiveVoiceDegradation() : TextDegradation(ReasonTags.PassiveVoice)
{
    public override DegradationResult Apply(string text, string section, Random random)
    {
        var sentences = TextTools.SplitSentences(text);
        var converted = 0;
        for (var i = 0; i < sentences.Count; i++)
        {
            var passive = ToPassive(sentences[i].Text);
            if (passive is not null && (converted == 0 || random.Next(4) != 0))
            {
                sentences[i] = sentences[i] with { Text = passive };
                converted++;
            }
        }

        return converted == 0
            ? DegradationResult.NotApplicable("no sentence opens with an action verb to turn passive")
            : DegradationResult.Degraded(TextTools.Join(sentences));
    }

    private static string? ToPassive(string sentence)
    {
        var m = ActiveRegex().Match(sentence);
        if (!m.Success)
        {
            return null;
        }

        var verb = m.Groups["verb"].Value;
        var subject = m.Groups["subject"].Value;
        bool past;
        VerbForms? forms;
        if (Vocabulary.VerbsByPast.TryGetValue(verb, out forms) && string.Equals(verb, forms.Past, StringComparison.OrdinalIgnoreCase))
        {
            past = true;
        }
        else if (subject.Length > 0 && Vocabulary.VerbsByBase.TryGetValue(verb, out forms))
        {
            past = false;
        }
        else
        {
            return null;
        }

        var obj = m.Groups["object"].Value.Trim();
        if (obj.Split(' ').Length < 2)
        {
            return null;
        }

        var plural = IsPlural(obj);
        var be = past ? (plural ? "were" : "was") : (plural ? "are" : "is");
        var agent = subject.StartsWith("We", StringComparison.OrdinalIgnoreCase) ? "us" : "me";
        var rest = m.Groups["rest"].Value;
        var gap = rest.StartsWith('(') ? " " : string.Empty;
        return $"{m.Groups["lead"].Value}{TextTools.Capitalize(obj)} {be} {forms.Participle} by {agent}{gap}{rest}";
    }

    private static bool IsPlural(string nounPhrase)
    {
        var words = nounPhrase.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words[0] is "a" or "an" or "A" or "An")
        {
            return false;
        }

        var end = Array.FindIndex(words, 1, w => Prepositions.Contains(w));
        var head = words[(end < 0 ? words.Length : end) - 1];
        return head.EndsWith('s') && !head.EndsWith("ss", StringComparison.Ordinal);
    }

    private static readonly HashSet<string> Prepositions = new(StringComparer.Ordinal)
    {
        "with", "for", "of", "in", "at", "to", "from", "on", "into", "across", "between", "and", "that", "which", "as", "by", "over", "under",
    };

    [GeneratedRegex(@"^(?<lead>\s*(?:[-*]\s+|\d+\.\s+)?(?:\*\*[^*]+\*\*\s*[:–—-]\s*)?)(?<subject>(?:I|We)\s+)?(?<verb>[A-Za-z][a-z-]+)\s+(?<object>[^,;:.!?()]+?)(?<rest>(?:[,;:(].*)?[.!?]?)$", RegexOptions.CultureInvariant)]
    private static partial Regex ActiveRegex();
}
