namespace Ancso.Ml.Cli.Commands;

/// <summary>Built-in items the smoke test and the quick start score: a clearly better and a clearly worse text per section.</summary>
internal static class SampleItems
{
    public static IReadOnlyList<(ContentItem Better, ContentItem Worse)> Pairs { get; } =
    [
        Pair("li-headline", ContentPlatforms.LinkedIn, ContentSections.Headline,
            "Backend engineer at a payments startup | Go, PostgreSQL, Kafka | Cut settlement time from 2 days to 4 hours",
            "Results-driven passionate rockstar ninja | Synergy | Thought leader | Go-getter | Team player"),
        Pair("li-experience", ContentPlatforms.LinkedIn, ContentSections.Experience,
            "Led the migration of 40 services from a monolith to Kubernetes, reducing deploy time from 45 minutes to 6 and on-call pages by a third.",
            "Was responsible for various tasks related to infrastructure and other things as needed, etc."),
        Pair("gh-bio", ContentPlatforms.GitHub, ContentSections.Bio,
            "I build open-source tooling for PostgreSQL: query plan visualisers and migration linters. Maintainer of pgplan.",
            "coder 💻🔥🚀 | dev | tech | code code code | 10x developer | #1 programmer in the world"),
        Pair("gh-repo", ContentPlatforms.GitHub, ContentSections.RepoDescription,
            "Command-line tool that lints SQL migrations for locking hazards before they reach production.",
            "sql sql migrations sql linter sql tool postgres sql mysql sql database sql"),
    ];

    /// <summary>A better and a worse text of one section, with the ids <c>{id}-good</c> and <c>{id}-weak</c>.</summary>
    private static (ContentItem Better, ContentItem Worse) Pair(string id, string platform, string section, string better, string worse) =>
        (new ContentItem($"{id}-good", platform, section, better), new ContentItem($"{id}-weak", platform, section, worse));
}
