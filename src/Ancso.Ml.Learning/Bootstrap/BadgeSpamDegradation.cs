using Ancso.Ml.Reasons;

namespace Ancso.Ml.Learning.Bootstrap;

/// <summary>
/// Replaces a profile README's content with badges: a shields.io badge per technology it named plus generic ones,
/// and stats, streak, trophy and visitor-counter images. Only the first heading survives. READMEs only.
/// </summary>
internal sealed class BadgeSpamDegradation() : TextDegradation(ReasonTags.BadgeSpam)
{
    private static readonly string[] Colors = ["00ADD8", "3776AB", "F7DF1E", "61DAFB", "2496ED", "326CE5", "FF6F00", "4169E1", "E34F26", "239120"];

    private static readonly string[] GenericBadges = ["Open to work", "Coffee", "Linux", "VS Code", "Git", "Docker", "Markdown", "Stack Overflow", "Twitter", "Discord"];

    private static readonly string[] Images =
    [
        "![GitHub stats](https://github-readme-stats.vercel.app/api?username={0}&show_icons=true&theme=radical)",
        "![Top languages](https://github-readme-stats.vercel.app/api/top-langs/?username={0}&layout=compact&theme=tokyonight)",
        "![GitHub streak](https://streak-stats.demolab.com?user={0}&theme=dark)",
        "![Trophies](https://github-profile-trophy.vercel.app/?username={0}&theme=onedark&row=1&column=7)",
        "![Profile views](https://komarev.com/ghpvc/?username={0}&color=blueviolet&style=flat-square)",
        "![Typing SVG](https://readme-typing-svg.demolab.com?lines=Welcome+to+my+profile!;Thanks+for+visiting!)",
        "![Snake animation](https://github.com/{0}/{0}/blob/output/github-contribution-grid-snake.svg)",
    ];

    public override bool AppliesTo(string section) => section == ContentSections.Readme;

    public override DegradationResult Apply(string text, string section, Random random)
    {
        var user = "dev" + random.Next(100, 1000).ToString(CultureInfo.InvariantCulture);
        var terms = Vocabulary.TechTerm.Matches(text).Select(m => m.Value).Distinct(StringComparer.Ordinal).Take(8)
            .Concat(GenericBadges.OrderBy(_ => random.Next()).Take(random.Next(3, 7)))
            .ToList();
        var badges = terms.Select(t =>
        {
            var label = Uri.EscapeDataString(t).Replace("-", "--", StringComparison.Ordinal);
            var logo = new string(t.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());
            return $"![{t}](https://img.shields.io/badge/{label}-{TextTools.Pick(random, Colors)}?style=for-the-badge&logo={logo}&logoColor=white)";
        });

        var lines = new List<string>();
        var firstLine = text.Split('\n', 2)[0];
        if (firstLine.StartsWith('#'))
        {
            lines.Add(firstLine);
            lines.Add(string.Empty);
        }

        lines.Add(string.Join(' ', badges));
        lines.Add(string.Empty);
        foreach (var image in Images.OrderBy(_ => random.Next()).Take(random.Next(2, 5)))
        {
            lines.Add(string.Format(CultureInfo.InvariantCulture, image, user));
        }

        return DegradationResult.Degraded(string.Join('\n', lines));
    }
}
