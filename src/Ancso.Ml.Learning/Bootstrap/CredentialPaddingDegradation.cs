using Ancso.Ml.Reasons;

namespace Ancso.Ml.Learning.Bootstrap;

/// <summary>
/// Pads the text with credentials nobody asked for (<see cref="Credentials"/>): degrees, certificates, courses and a
/// membership, each with its year ("Certified in Project Management (2014), First Aid (2016) and Data Protection (2019);
/// BSc (2008), MSc (2011); member since 2012 of …"). Headlines get them as " | " segments; bios and repository
/// descriptions a sentence; experience entries a sentence after the job line or at the end; about sections a paragraph;
/// READMEs a "Certifications and courses" list. Profession-neutral. Lengthens the text and adds digits (years).
/// </summary>
internal sealed class CredentialPaddingDegradation() : TextDegradation(ReasonTags.CredentialPadding)
{
    public override DegradationResult Apply(string text, string section, Random random)
    {
        if (!text.Any(char.IsLetter))
        {
            return NoWords;
        }

        var c = Credentials.Create(random);
        var core = TextTools.WithoutFinalStop(text);
        var result = section switch
        {
            ContentSections.Headline =>
                $"{core} | {string.Join(", ", c.Degrees)} | Certified in {ContextFreeNumbers.JoinList(c.Certificates)}",
            ContentSections.Bio => $"{core}. {string.Join(", ", c.Degrees)}; certified in {ContextFreeNumbers.JoinList(c.Certificates)}.",
            ContentSections.RepoDescription =>
                $"{core}. By a {string.Join(", ", c.Degrees)} graduate certified in {ContextFreeNumbers.JoinList(c.Certificates.Take(2).ToList())}.",
            ContentSections.Experience => Experience(text, c, random),
            ContentSections.Readme => TextTools.AddParagraph(text, ReadmeList(c), atStart: false),
            _ => TextTools.AddParagraph(text, Paragraph(c), random.Next(2) == 0),
        };
        return DegradationResult.Degraded(result);
    }

    private static string Paragraph(Credentials c) =>
        $"Certified in {ContextFreeNumbers.JoinList(c.Certificates)}; {string.Join(", ", c.Degrees)}; {c.Membership}. "
        + $"Completed courses: {ContextFreeNumbers.JoinList(c.Courses)}.";

    private static string ReadmeList(Credentials c) =>
        "## Certifications and courses\n\n"
        + string.Join('\n', c.Certificates.Select(x => "- Certified in " + x)
            .Append("- " + string.Join(", ", c.Degrees))
            .Append("- " + TextTools.Capitalize(c.Membership))
            .Append("- Courses: " + string.Join(", ", c.Courses)));

    private static string Experience(string text, Credentials c, Random random)
    {
        var padding = $"Certified in {ContextFreeNumbers.JoinList(c.Certificates)}; completed courses in {ContextFreeNumbers.JoinList(c.Courses)}.";
        var sentences = TextTools.SplitSentences(text.Trim());
        if (sentences.Count < 2 || random.Next(2) == 0)
        {
            return TextTools.AddParagraph(text, padding, atStart: false);
        }

        sentences.Insert(1, new Sentence(padding, sentences[0].Separator));
        return TextTools.Join(sentences);
    }
}
