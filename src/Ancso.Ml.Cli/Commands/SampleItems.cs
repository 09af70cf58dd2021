using Ancso.Ml.Content;

namespace Ancso.Ml.Cli.Commands;

/// <summary>Built-in items the smoke test and the quick start score: a clearly better and a clearly worse text per section.</summary>
internal static class SampleItems
{
    public static IReadOnlyList<(ContentItem Better, ContentItem Worse)> Pairs { get; } =
    [
        (new ContentItem("li-headline-good", ContentPlatforms.LinkedIn, ContentSections.Headline,
            "Backend engineer at a payments startup | Go, PostgreSQL, Kafka | Cut settlement time from 2 days to 4 hours"),
         new ContentItem("li-headline-weak", ContentPlatforms.LinkedIn, ContentSections.Headline,
            "Results-driven passionate rockstar ninja | Synergy | Thought leader | Go-getter | Team player")),
        (new ContentItem("li-experience-good", ContentPlatforms.LinkedIn, ContentSections.Experience,
            "Led the migration of 40 services from a monolith to Kubernetes, reducing deploy time from 45 minutes to 6 and on-call pages by a third."),
         new ContentItem("li-experience-weak", ContentPlatforms.LinkedIn, ContentSections.Experience,
            "Was responsible for various tasks related to infrastructure and other things as needed, etc.")),
        (new ContentItem("gh-bio-good", ContentPlatforms.GitHub, ContentSections.Bio,
            "I build open-source tooling for PostgreSQL: query plan visualisers and migration linters. Maintainer of pgplan."),
         new ContentItem("gh-bio-weak", ContentPlatforms.GitHub, ContentSections.Bio,
            "coder 💻🔥🚀 | dev | tech | code code code | 10x developer | #1 programmer in the world")),
        (new ContentItem("gh-repo-good", ContentPlatforms.GitHub, ContentSections.RepoDescription,
            "Command-line tool that lints SQL migrations for locking hazards before they reach production."),
         new ContentItem("gh-repo-weak", ContentPlatforms.GitHub, ContentSections.RepoDescription,
            "sql sql migrations sql linter sql tool postgres sql mysql sql database sql")),
    ];
}
