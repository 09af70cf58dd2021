using Ancso.Ml.Reasons;

namespace Ancso.Ml.Learning.Bootstrap;

/// <summary>
/// Reduces a headline, bio or repository description to a bare generic title ("Software Engineer", "Developer.",
/// "My project."), keeping only a seniority word from the original. Needs more than four words to begin with. Shortens
/// the text and removes its figures.
/// </summary>
internal sealed class GenericDegradation() : TextDegradation(ReasonTags.Generic)
{
    private static readonly string[] Titles =
    [
        "Software Engineer", "Engineer", "Developer", "IT Professional", "Tech Professional", "Software Developer",
        "Experienced Professional", "Tech Enthusiast", "Professional", "Engineer | Tech | Innovation",
    ];

    private static readonly string[] Seniority = ["Senior", "Lead", "Principal", "Staff", "Junior", "Head of"];

    private static readonly string[] Bios =
    [
        "Developer.", "Software engineer.", "I write code.", "Coder. Learner.", "Just a developer.", "Tech enthusiast.",
        "Engineer. Coffee lover.", "Building things.", "Developer from Earth.", "Code, coffee, repeat.",
    ];

    private static readonly string[] RepoDescriptions =
    [
        "My project.", "A project I made.", "Some code.", "Work in progress.", "A repository.", "Various scripts.",
        "Project files.", "A tool.", "Code for stuff.", "Misc.",
    ];

    public override bool AppliesTo(string section) => section is ContentSections.Headline or ContentSections.Bio or ContentSections.RepoDescription;

    public override DegradationResult Apply(string text, string section, Random random)
    {
        if (TextTools.CountWords(text) <= 4)
        {
            return DegradationResult.NotApplicable("the text is already four words or fewer");
        }

        var generic = section switch
        {
            ContentSections.Headline => HeadlineTitle(text, random),
            ContentSections.Bio => TextTools.Pick(random, Bios),
            _ => TextTools.Pick(random, RepoDescriptions),
        };
        return DegradationResult.Degraded(generic);
    }

    private static string HeadlineTitle(string text, Random random)
    {
        var title = TextTools.Pick(random, Titles);
        var level = Seniority.FirstOrDefault(s => text.Contains(s, StringComparison.Ordinal));
        return level is null || title.Contains('|', StringComparison.Ordinal) ? title : level + " " + title;
    }
}
