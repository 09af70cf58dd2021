using Ancso.Ml.Content;

namespace Ancso.Ml.Tests.Pairs.Bootstrap;

/// <summary>
/// Profile texts from outside software, one per section, for checking that a degradation reads naturally for any
/// profession, plus awkward inputs (a one-word headline, a Markdown README with fenced code).
/// </summary>
internal static class NonSoftwareTexts
{
    public const string NurseHeadline = "Registered Nurse, Paediatric Intensive Care | Caring for critically ill children and their families";

    public const string TeacherAbout = "I teach maths to students aged 11 to 16 at a comprehensive school in Leeds. Most of my work is helping students who think they are bad at maths discover they are not. Over the last three years I led the department's switch to mastery teaching, and our GCSE pass rate rose from 61% to 78%. I also run the school's chess club and mentor two trainee teachers each year.";

    public const string AccountantExperience = "Senior Accountant, Harbour & Finch (2019–present). Closed the monthly books for twelve subsidiaries in five working days instead of nine. Introduced a reconciliation checklist that cut audit adjustments by 40%.";

    public const string ElectricianBio = "Electrician in Bristol. Domestic rewiring, EV chargers and solar installations.";

    public const string KnittingReadme = "# Knitting patterns\n\nI design knitting patterns for beginners and test every one with a local group.\n\n## What's here\n- **cosy-socks** — a sock pattern with photos for every step.\n- **first-scarf** — a scarf you can finish in a weekend.\n\n```\nCO 40 sts, K2 P2 rib for 10 rows and with care\n```";

    public const string ScientistRepoDescription = "Analysis scripts for soil moisture measurements from twelve field stations, with plots and a cleaning pipeline.";

    public const string OneWordHeadline = "Nurse";

    public const string Fence = "```\nCO 40 sts, K2 P2 rib for 10 rows and with care\n```";

    /// <summary>Gets one text per section: (section, text).</summary>
    public static IReadOnlyList<(string Section, string Text)> BySection { get; } =
    [
        (ContentSections.Headline, NurseHeadline), (ContentSections.About, TeacherAbout), (ContentSections.Experience, AccountantExperience),
        (ContentSections.Bio, ElectricianBio), (ContentSections.Readme, KnittingReadme), (ContentSections.RepoDescription, ScientistRepoDescription),
    ];

    /// <summary>Gets words that would show a text had been written for a software job.</summary>
    public static IReadOnlyList<string> SoftwareWords { get; } =
        ["developer", "engineer", "software", "code", "coding", "API", "GitHub", "deploy", "programming", "tech stack"];

    /// <summary>Returns whether a text has a visible slip: doubled punctuation, a space before punctuation, an empty segment.</summary>
    public static bool HasPunctuationSlip(string text) =>
        (text.Contains("..", StringComparison.Ordinal) && !text.Contains("...", StringComparison.Ordinal))
        || text.Contains(" .", StringComparison.Ordinal) || text.Contains(" ,", StringComparison.Ordinal)
        || text.Contains(".;", StringComparison.Ordinal) || text.Contains(",.", StringComparison.Ordinal)
        || text.Contains("| |", StringComparison.Ordinal) || text.Contains("||", StringComparison.Ordinal)
        || text.StartsWith('|') || text.TrimEnd().EndsWith('|');
}
