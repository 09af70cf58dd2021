using Ancso.Ml.Reasons;

namespace Ancso.Ml.Learning.Bootstrap;

/// <summary>
/// Mixes tenses: about half of the action verbs are flipped (past to present or "-ing", present to past) while the rest
/// stay, so the text no longer keeps one tense. Needs at least two action verbs.
/// </summary>
internal sealed partial class MixedTensesDegradation() : TextDegradation(ReasonTags.MixedTenses)
{
    public override DegradationResult Apply(string text, string section, Random random)
    {
        var verbs = VerbRegex().Matches(text).Where(IsActionVerb).ToList();
        if (verbs.Count < 2)
        {
            return DegradationResult.NotApplicable("fewer than two action verbs; tenses cannot be mixed");
        }

        var flipCount = Math.Max(1, verbs.Count / 2);
        var flipped = verbs.OrderBy(_ => random.Next()).Take(flipCount).Select(m => m.Index).ToHashSet();
        var result = VerbRegex().Replace(text, m => flipped.Contains(m.Index) && IsActionVerb(m) ? Flip(m, random) : m.Value);
        return DegradationResult.Degraded(result);
    }

    private static bool IsActionVerb(Match m)
    {
        var word = m.Groups["verb"].Value;
        var hasSubject = m.Groups["subject"].Success;
        return Vocabulary.VerbsByPast.ContainsKey(word) || (hasSubject && Vocabulary.VerbsByBase.ContainsKey(word));
    }

    private static string Flip(Match m, Random random)
    {
        var word = m.Groups["verb"].Value;
        var subject = m.Groups["subject"].Value;
        string replacement;
        if (Vocabulary.VerbsByPast.TryGetValue(word, out var past) && string.Equals(word, past.Past, StringComparison.OrdinalIgnoreCase))
        {
            replacement = subject.Length > 0
                ? (random.Next(2) == 0 ? past.Base : (subject.Trim() is "I" ? "am " : "are ") + past.Gerund)
                : (random.Next(2) == 0 ? past.ThirdPerson : past.Gerund);
        }
        else
        {
            replacement = Vocabulary.VerbsByBase[word].Past;
        }

        return subject + Vocabulary.MatchCase(word, replacement);
    }

    [GeneratedRegex(@"(?<![\w-])(?<subject>(?:I|We|we)\s+)?(?<verb>[A-Za-z][a-z-]+)\b(?!-)", RegexOptions.CultureInvariant)]
    private static partial Regex VerbRegex();
}
