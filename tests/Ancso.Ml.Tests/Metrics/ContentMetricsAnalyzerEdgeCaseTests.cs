using System.Text;
using Ancso.Ml.Content;
using Ancso.Ml.Metrics;

namespace Ancso.Ml.Tests.Metrics;

public class ContentMetricsAnalyzerEdgeCaseTests
{
    private static readonly string[] Sections =
        [.. ContentSections.ForPlatform(ContentPlatforms.LinkedIn), .. ContentSections.ForPlatform(ContentPlatforms.GitHub), "cover_letter", ""];

    private static readonly string[] EdgeTexts =
    [
        "",
        " ",
        "\n\n\t  \r\n",
        "🚀🔥💯🎉👍🏽👨‍👩‍👧",
        "我是一名后端工程师，在支付基础设施方面工作了六年。我用Go构建了账本系统，把对账时间从6小时缩短到20分钟。",
        "أنا مهندس برمجيات أعمل في البنية التحتية للمدفوعات منذ ست سنوات.",
        "Я инженер-программист. Шесть лет я работаю над платёжной инфраструктурой.",
        "バックエンドエンジニアです。決済基盤を作っています。",
        "<div align=\"center\"><img src=\"https://img.shields.io/badge/x-y-z\"/></div><!-- unclosed",
        "# \n## \n- \n* \n1. \n> \n```\ncode only\n```",
        "![](https://img.shields.io/badge/a)[![b](c)](d)](((((]]]]<<<<>>>>``````",
        "...!!!???,,,;;;|||///---",
        "1 2 3 4 5 6 7 8 9 10 1000% 10x $5B 2019 3.14159 1,000,000",
        "A",
        "I",
        "e.g. i.e. etc. vs. Inc. J. Smith",
        "\u200B\u200D\uFE0F\u00A0\u3000",
        "\uD83D",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "https://example.com/a/very/long/url?with=query&and=params www.example.org mail@example.com",
    ];

    private readonly ContentMetricsAnalyzer _analyzer = new();

    private static IEnumerable<TestCaseData> EdgeCases()
    {
        foreach (var section in Sections)
        {
            for (var i = 0; i < EdgeTexts.Length; i++)
            {
                yield return new TestCaseData(section, EdgeTexts[i]).SetArgDisplayNames(section.Length == 0 ? "(empty section)" : section, $"text {i}");
            }
        }
    }

    [TestCaseSource(nameof(EdgeCases))]
    public void Analyze_EdgeCaseText_AllMetricsFiniteInUnitRange(string section, string text)
    {
        var metrics = _analyzer.Analyze(ContentPlatforms.GitHub, section, text);

        MetricAssertions.AllInUnitRange(metrics, $"'{text}' as {section}");
    }

    [TestCaseSource(nameof(EdgeCases))]
    public void Analyze_EdgeCaseTextTwice_SameMetrics(string section, string text)
    {
        var first = _analyzer.Analyze(ContentPlatforms.GitHub, section, text);
        var second = new ContentMetricsAnalyzer().Analyze(ContentPlatforms.GitHub, section, text);

        Assert.That(second, Is.EqualTo(first));
    }

    [TestCase("")]
    [TestCase("   \n\t ")]
    [TestCase("\u00A0\u3000\u200B\r\n")]
    [TestCase("🚀🚀🚀")]
    [TestCase("👍🏽👨‍👩‍👧 ❤️ ✨")]
    [TestCase("![badge](https://img.shields.io/badge/a-b-c)")]
    public void Analyze_TextWithoutWords_AllMetricsZero(string text)
    {
        var metrics = _analyzer.Analyze(ContentPlatforms.LinkedIn, ContentSections.About, text);

        Assert.That(metrics, Is.EqualTo(default(ContentMetrics)));
    }

    [TestCase("我是一名后端工程师，在支付基础设施方面工作了六年。我用Go构建了账本系统。")]
    [TestCase("バックエンドエンジニアです。決済基盤を作っています。")]
    [TestCase("أنا مهندس برمجيات أعمل في البنية التحتية للمدفوعات منذ ست سنوات.")]
    [TestCase("Я инженер-программист. Шесть лет я работаю над платёжной инфраструктурой.")]
    public void Analyze_NonLatinScript_ReadAsWords(string text)
    {
        var metrics = _analyzer.Analyze(ContentPlatforms.LinkedIn, ContentSections.About, text);

        Assert.Multiple(() =>
        {
            MetricAssertions.AllInUnitRange(metrics, text);
            Assert.That(metrics.Clarity, Is.GreaterThan(0.3f), "words and sentences are found");
            Assert.That(metrics.Relevance, Is.GreaterThan(0f));
            Assert.That(metrics.Readability, Is.GreaterThan(0f));
        });
    }

    [Test]
    public void Analyze_NullArguments_TreatedAsEmptyAndGeneric()
    {
        var empty = _analyzer.Analyze(null!, null!, null!);
        var generic = _analyzer.Analyze(null!, null!, "Backend engineer building payment APIs in Go.");
        var named = _analyzer.Analyze("unknown", "unknown", "Backend engineer building payment APIs in Go.");

        Assert.Multiple(() =>
        {
            Assert.That(empty, Is.EqualTo(default(ContentMetrics)));
            Assert.That(generic, Is.EqualTo(named));
            MetricAssertions.AllInUnitRange(generic, "null platform and section");
        });
    }

    [TestCase(ContentSections.About)]
    [TestCase(ContentSections.Readme)]
    [TestCase(ContentSections.Headline)]
    public void Analyze_OneMegabyteOfText_FinishesWithFiniteMetrics(string section)
    {
        var text = BuildLargeText(1 << 20, seed: 7);

        var metrics = _analyzer.Analyze(ContentPlatforms.GitHub, section, text);

        MetricAssertions.AllInUnitRange(metrics, "1 MB of text");
    }

    [TestCase("a ")]
    [TestCase("<a")]
    [TestCase("![x](")]
    [TestCase("`")]
    [TestCase("Java, ")]
    [TestCase("10x ")]
    [TestCase("e.g. ")]
    [TestCase("\n")]
    [TestCase(" ")]
    [TestCase("x")]
    [TestCase("1 ")]
    [TestCase("latency      1 ")]
    [TestCase("users: 1 2 ")]
    [TestCase("🚀")]
    [TestCase("👨‍👩‍👧 ")]
    [TestCase("中")]
    [TestCase("я ")]
    [TestCase("ب ")]
    public void Analyze_OneMegabyteOfRepeatedPattern_FinishesWithFiniteMetrics(string pattern)
    {
        var text = new StringBuilder(1 << 20).Insert(0, pattern, (1 << 20) / pattern.Length).ToString();

        var metrics = _analyzer.Analyze(ContentPlatforms.GitHub, ContentSections.Readme, text);

        MetricAssertions.AllInUnitRange(metrics, $"1 MB of '{pattern}'");
    }

    [Test]
    public void Analyze_SameInputTwice_SameMetrics()
    {
        var text = BuildLargeText(5000, seed: 3);

        var first = _analyzer.Analyze(ContentPlatforms.LinkedIn, ContentSections.About, text);
        var second = new ContentMetricsAnalyzer().Analyze(ContentPlatforms.LinkedIn, ContentSections.About, text);

        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Analyze_ConcurrentCallsOnOneInstance_MatchSequentialResults()
    {
        var texts = LinkedInPairs.All.Concat(GitHubPairs.All).SelectMany(p => new[] { (p.Section, p.Better), (p.Section, p.Worse) }).ToArray();
        var expected = texts.Select(t => _analyzer.Analyze("x", t.Section, t.Item2)).ToArray();
        var actual = new ContentMetrics[texts.Length];

        Parallel.For(0, texts.Length * 20, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var index = i % texts.Length;
            actual[index] = _analyzer.Analyze("x", texts[index].Section, texts[index].Item2);
        });

        Assert.That(actual, Is.EqualTo(expected));
    }

    [Test]
    public void Analyze_DifferentCurrentCulture_SameMetrics()
    {
        const string text = "Led 12 engineers. Cut p99 latency from 480 ms to 120 ms and saved $2.5M a year. İSTANBUL office.";
        var invariant = _analyzer.Analyze(ContentPlatforms.LinkedIn, ContentSections.Experience, text);
        var original = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("tr-TR");
            var turkish = _analyzer.Analyze(ContentPlatforms.LinkedIn, ContentSections.Experience, text);
            Assert.That(turkish, Is.EqualTo(invariant));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = original;
        }
    }

    [Test]
    public void Analyze_SectionNameCaseAndSpaces_SameAsCanonical()
    {
        const string text = "Senior Backend Engineer | Payments infrastructure in Go";

        Assert.That(
            _analyzer.Analyze("linkedin", "  HeadLine ", text),
            Is.EqualTo(_analyzer.Analyze("linkedin", ContentSections.Headline, text)));
    }

    private static string BuildLargeText(int length, int seed)
    {
        string[] parts =
        [
            "I led the migration of 40 services to Kubernetes.", "Cut p99 latency from 480 ms to 120 ms.",
            "Passionate team player who thinks outside the box!", "Java, Spring, Kafka, AWS, Docker.",
            "## Projects\n", "- Built a CLI in Go\n", "![badge](https://img.shields.io/badge/a-b)", "增加了收入",
            "Increased revenue 1000%.", "The system was rebuilt by the team.", "🚀🔥", "<p align=\"center\">hello</p>",
            "\n\n", "e.g. various things, etc.", "[link](https://example.com)", "`code`", "```\nfenced\n```\n",
        ];
        var random = new Random(seed);
        var builder = new StringBuilder(length + 100);
        while (builder.Length < length)
        {
            builder.Append(parts[random.Next(parts.Length)]).Append(' ');
        }

        return builder.ToString(0, length);
    }
}
