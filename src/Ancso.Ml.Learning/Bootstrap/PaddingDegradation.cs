using Ancso.Ml.Reasons;


namespace Ancso.Ml.Learning.Bootstrap;

/// <summary>
/// Adds filler: throat-clearing openers ("In today's fast-paced world,", "It is worth noting that") before some
/// sentences and empty filler sentences between them. Lengthens the text without adding information.
/// </summary>
internal sealed class PaddingDegradation() : TextDegradation(ReasonTags.Padding)
{
    private static readonly string[] Openers =
    [
        "In today's fast-paced and ever-changing world, ", "It is worth noting that ", "At the end of the day, ",
        "Needless to say, ", "As a matter of fact, ", "I would like to take this opportunity to mention that ",
        "For what it's worth, ", "Generally speaking, ", "In terms of the work that I do, ",
    ];

    private static readonly string[] Fillers =
    [
        "This is something that I think is very important.",
        "I believe that this says a lot about me as a professional.",
        "There are many things that could be said about this.",
        "All in all, it has been quite a journey so far.",
        "It goes without saying that this matters a great deal.",
        "This is, in many ways, what it is all about.",
        "More information about this may be added at some point in the future.",
    ];

    private static readonly string[] ShortFillers =
    [
        "This is basically, in a nutshell, what it is all about.", "More details will be added at some point in the future.",
        "Please feel free to have a look around at the various things here.", "That is pretty much it, more or less.",
    ];

    public override DegradationResult Apply(string text, string section, Random random)
    {
        if (TextTools.IsShortSection(section))
        {
            var opener = TextTools.Pick(random, Openers);
            return DegradationResult.Degraded($"{opener}{TextTools.Decapitalize(text.Trim())} {TextTools.Pick(random, ShortFillers)}");
        }

        var sentences = TextTools.SplitSentences(text);
        var padded = new List<Sentence>(sentences.Count * 2);
        var added = 0;
        foreach (var sentence in sentences)
        {
            var s = sentence.Text;
            var prose = s.Length > 25 && !TextTools.IsMarkdownStructure(s) && !s.TrimStart().StartsWith('-') && !s.TrimStart().StartsWith('*');
            if (prose && random.Next(3) == 0)
            {
                s = TextTools.Pick(random, Openers) + TextTools.Decapitalize(s);
                added++;
            }

            padded.Add(sentence with { Text = s });
            if (prose && (added == 0 || random.Next(3) == 0))
            {
                padded[^1] = padded[^1] with { Separator = " " };
                padded.Add(new Sentence(TextTools.Pick(random, Fillers), sentence.Separator));
                added++;
            }
        }

        if (added == 0)
        {
            padded.Add(new Sentence(TextTools.Pick(random, Fillers), string.Empty));
            padded[^2] = padded[^2] with { Separator = padded[^2].Separator.Length == 0 ? " " : padded[^2].Separator };
        }

        return DegradationResult.Degraded(TextTools.Join(padded));
    }
}
