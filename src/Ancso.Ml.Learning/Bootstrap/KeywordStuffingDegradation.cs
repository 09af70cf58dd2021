using Ancso.Ml.Reasons;

namespace Ancso.Ml.Learning.Bootstrap;

/// <summary>
/// Stuffs keywords: the technologies the text names are repeated in every variant ("Go | Go developer | Go engineer |
/// expert Go") and followed by a wall of generic search terms, sometimes with version-number spam ("Java 8 Java 11
/// Java 17"). Headlines and bios get the wall appended with separators or hashtags; longer texts get a keyword block.
/// </summary>
internal sealed class KeywordStuffingDegradation() : TextDegradation(ReasonTags.KeywordStuffing)
{
    private static readonly string[] Generic =
    [
        "Software Engineer", "Developer", "Agile", "Scrum", "Cloud", "Microservices", "DevOps", "AI", "Machine Learning",
        "Big Data", "Full Stack", "Leadership", "Innovation", "Blockchain", "SaaS", "API", "Data", "Digital Transformation",
        "Problem Solving", "Team Player",
    ];

    private static readonly string[] Versions = ["Java 8", "Java 11", "Java 17", "HTML5", "CSS3", "ES6", "Python 3", "Web 3.0", "Angular 2+", "C# 12"];

    public override DegradationResult Apply(string text, string section, Random random)
    {
        var found = Vocabulary.TechTerm.Matches(text).Select(m => m.Value).Distinct(StringComparer.Ordinal).Take(4).ToList();
        var wall = new List<string>();
        foreach (var term in found)
        {
            wall.AddRange([term, term + " developer", term + " engineer", "expert " + term]);
        }

        wall.AddRange(Generic.OrderBy(_ => random.Next()).Take(random.Next(6, 11)));
        if (random.Next(2) == 0)
        {
            wall.AddRange(Versions.OrderBy(_ => random.Next()).Take(random.Next(3, 6)));
        }

        var result = section switch
        {
            ContentSections.Headline => text.TrimEnd() + " | " + string.Join(" | ", wall),
            ContentSections.Bio or ContentSections.RepoDescription =>
                text.TrimEnd() + " " + string.Join(' ', wall.Select(w => "#" + w.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant())),
            _ => text.TrimEnd() + "\n\nKeywords: " + string.Join(", ", wall) + ", " + string.Join(", ", found.Concat(found)),
        };
        return DegradationResult.Degraded(result.TrimEnd(',', ' '));
    }
}
