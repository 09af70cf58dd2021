using Ancso.Ml.Reasons;

namespace Ancso.Ml.Learning.Bootstrap;

/// <summary>
/// Cuts the text off mid-thought: at a word boundary between 40% and 70% of its words, never right after the end of a
/// sentence; a dangling separator or comma is kept, and sometimes an ellipsis is added. Needs at least six words. Shortens the text.
/// </summary>
internal sealed partial class TruncationDegradation() : TextDegradation(ReasonTags.Truncation)
{
    private const int MinimumWords = 6;

    public override DegradationResult Apply(string text, string section, Random random)
    {
        var words = WordRegex().Matches(text);
        if (words.Count < MinimumWords)
        {
            return DegradationResult.NotApplicable($"fewer than {MinimumWords} words; nothing to cut mid-thought");
        }

        var low = (int)Math.Ceiling(words.Count * 0.4);
        var high = Math.Max(low, (int)Math.Floor(words.Count * 0.7));
        var cuts = Enumerable.Range(low, high - low + 1)
            .Where(i => i >= 1 && i < words.Count && !EndsThought(words[i - 1].Value))
            .ToList();
        if (cuts.Count == 0)
        {
            return DegradationResult.NotApplicable("every possible cut falls at the end of a sentence");
        }

        var lastKept = words[TextTools.Pick(random, cuts) - 1];
        var cut = text[..(lastKept.Index + lastKept.Length)];
        return DegradationResult.Degraded(random.Next(3) == 0 ? cut.TrimEnd(',', ';', ' ') + "..." : cut);
    }

    private static bool EndsThought(string word) => word.EndsWith('.') || word.EndsWith('!') || word.EndsWith('?') || word.EndsWith(':');

    [GeneratedRegex(@"\S+", RegexOptions.CultureInvariant)]
    private static partial Regex WordRegex();
}
