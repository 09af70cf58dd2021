using System.Text;
using Ancso.Ml.Content;
using Ancso.Ml.Metrics;

namespace Ancso.Ml.Tests.Metrics;

/// <summary>Seeded random texts built from the characters the scanner treats specially; reproducible by seed.</summary>
public class ContentMetricsAnalyzerFuzzTests
{
    private static readonly string[] Pieces =
    [
        " ", "  ", "\n", "\n\n", "\t", "\r\n", ".", "!", "?", ",", ":", ";", "|", "/", "-", " - ", "…", "。", "،",
        "#", "## ", "- ", "* ", "1. ", "> ", "```", "`", "~~~", "[", "]", "(", ")", "](", "![", "<", ">", "</", "<!--",
        "-->", "<img src=\"x\">", "<a href=", "http://", "https://a.b/c", "www.", "@", "$", "€", "%", "x", "+", "~",
        "0", "7", "42", "1,000", "3.14", "2019", "1000%", "10x", "e.g.", "etc.", "J.", "I", "we", "led", "built",
        "the", "from", "to", "ms", "users", "latency", "revenue", "Kafka", "C#", ".NET", "C++", "team player",
        "in order to", "passionate", "HIRE", "AWS", "Stripe", "engineer", "was", "rebuilt", "🚀", "👍🏽", "‍", "\uFE0F",
        "\uD83D", "\uDE80", "\u0301", "\u200B", "\u00A0", "中文", "日本語", "مرحبا", "привет", "Ωμέγα", "İ", "ß",
    ];

    private readonly ContentMetricsAnalyzer _analyzer = new();

    private static IEnumerable<int> Seeds() => Enumerable.Range(1, 40);

    [TestCaseSource(nameof(Seeds))]
    public void Analyze_RandomText_NeverThrowsAndStaysInUnitRange(int seed)
    {
        var random = new Random(seed);
        var sections = ContentSections.ForPlatform(ContentPlatforms.LinkedIn).Concat(ContentSections.ForPlatform(ContentPlatforms.GitHub))
            .Append("unknown").ToArray();
        for (var round = 0; round < 25; round++)
        {
            var text = RandomText(random, random.Next(0, 600));
            var section = sections[random.Next(sections.Length)];

            var first = _analyzer.Analyze(ContentPlatforms.GitHub, section, text);
            var second = _analyzer.Analyze(ContentPlatforms.GitHub, section, text);

            MetricAssertions.AllInUnitRange(first, $"seed {seed}, round {round}, section {section}");
            Assert.That(second, Is.EqualTo(first), $"seed {seed}, round {round}: not deterministic");
        }
    }

    private static string RandomText(Random random, int pieces)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < pieces; i++)
        {
            builder.Append(Pieces[random.Next(Pieces.Length)]);
        }

        return builder.ToString();
    }
}
