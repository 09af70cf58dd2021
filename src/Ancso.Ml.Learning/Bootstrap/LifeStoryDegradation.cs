using Ancso.Ml.Reasons;

namespace Ancso.Ml.Learning.Bootstrap;

/// <summary>
/// Tells a life story instead of the point (<see cref="LifeStories"/>): in about sections, experience entries and
/// READMEs, personal history is either put before the substance (after a heading, or after an experience entry's job
/// line) or replaces some of its sentences; in headlines, bios and repository descriptions an off-topic clause pushes
/// out everything after the first segment ("Registered Nurse | Dog person, coffee lover and proud aunt of three").
/// Adds no digits; a replaced sentence may take its figures with it.
/// </summary>
internal sealed partial class LifeStoryDegradation() : TextDegradation(ReasonTags.LifeStory)
{
    public override DegradationResult Apply(string text, string section, Random random)
    {
        if (!text.Any(char.IsLetter))
        {
            return NoWords;
        }

        if (TextTools.IsShortSection(section))
        {
            var head = Head(text, section);
            var result = section switch
            {
                ContentSections.Headline => $"{head} | {TextTools.Pick(random, LifeStories.Asides)}",
                ContentSections.Bio => random.Next(2) == 0
                    ? $"{TextTools.Pick(random, LifeStories.Asides)}. {head}."
                    : $"{head}. {TextTools.Pick(random, LifeStories.Asides)}.",
                _ => $"{head}, {TextTools.Pick(random, LifeStories.ProjectAsides)}.",
            };
            return DegradationResult.Degraded(result);
        }

        var story = LifeStories.Sentences.OrderBy(_ => random.Next()).Take(3).ToList();
        return DegradationResult.Degraded(random.Next(2) == 0 ? Replace(text, story, random) ?? Prepend(text, section, story) : Prepend(text, section, story));
    }

    /// <summary>
    /// The text's first segment: up to the first separator; in a repository description up to the first separator other
    /// than a comma (which may be inside a list) or the first "with", "that", "for"….
    /// </summary>
    private static string Head(string text, string section)
    {
        var core = text.Trim().TrimEnd('.', '!', '?').TrimEnd();
        var regex = section == ContentSections.RepoDescription ? RepoBreakRegex() : BreakRegex();
        var m = regex.Match(core);
        return m.Success && TextTools.CountWords(core[..m.Index]) >= 2 ? core[..m.Index].TrimEnd() : core;
    }

    private static string Prepend(string text, string section, List<string> story)
    {
        var sentences = TextTools.SplitSentences(text.Trim());
        if (section != ContentSections.Experience || sentences.Count < 2)
        {
            return TextTools.AddParagraph(text, string.Join(' ', story.Take(2)), atStart: true);
        }

        sentences.Insert(1, new Sentence(string.Join(' ', story.Take(2)), sentences[0].Separator));
        return TextTools.Join(sentences);
    }

    /// <summary>Replaces about half the prose sentences after the first (at most three) with story sentences; null when there are none.</summary>
    private static string? Replace(string text, List<string> story, Random random)
    {
        var sentences = TextTools.SplitSentences(text.Trim());
        var prose = TextTools.ProseSentences(sentences, 5).Where(i => i > 0).ToList();
        if (prose.Count == 0)
        {
            return null;
        }

        var count = Math.Min(story.Count, Math.Max(1, (prose.Count + 1) / 2));
        var chosen = prose.OrderBy(_ => random.Next()).Take(count).Order().ToList();
        for (var k = 0; k < count; k++)
        {
            var i = chosen[k];
            var bullet = BulletRegex().Match(sentences[i].Text).Value;
            sentences[i] = sentences[i] with { Text = bullet + story[k] };
        }

        return TextTools.Join(sentences);
    }

    [GeneratedRegex(@"\s*(?:[|·•;,]|\.\s|\s[—–-]\s)", RegexOptions.CultureInvariant)]
    private static partial Regex BreakRegex();

    [GeneratedRegex(@"\s*(?:[|·•;:(]|\.\s|\s[—–-]\s)|\s(?:with|that|which|using|for|from|in|on|to)\s", RegexOptions.CultureInvariant)]
    private static partial Regex RepoBreakRegex();

    [GeneratedRegex(@"^\s*(?:[-*]\s+|\d+\.\s+)?", RegexOptions.CultureInvariant)]
    private static partial Regex BulletRegex();
}
