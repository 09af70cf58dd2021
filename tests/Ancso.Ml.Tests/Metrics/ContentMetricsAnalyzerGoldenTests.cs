using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ancso.Ml.Content;
using Ancso.Ml.Learning.Bootstrap;
using Ancso.Ml.Metrics;
using Ancso.Ml.Tests.Pairs.Bootstrap;

namespace Ancso.Ml.Tests.Metrics;

/// <summary>
/// Every metric of every text, bit for bit, against values recorded from the analyzer before it was made faster
/// (<c>tests/data/metrics-golden.txt</c>): the bootstrap corpus the Learning package ships, both sides of every judged
/// pair in <c>tests/data/judged/</c>, and seeded random and hostile strings, each analyzed for every section and an
/// unknown one. One line per text holds the first 64 bits of a SHA-256 over the 42 floats' bit patterns, so a failure
/// names the text. To re-record after an intended change of the metrics, run this test once with
/// <c>ANCSO_RECORD_METRICS_GOLDEN=1</c> (that run writes the file and fails on purpose), then without it, and commit the
/// file with the reason.
/// </summary>
public class ContentMetricsAnalyzerGoldenTests
{
    private const string GoldenFile = "metrics-golden.txt";

    private static readonly string[] Sections =
    [
        ContentSections.Headline, ContentSections.About, ContentSections.Experience, ContentSections.Bio,
        ContentSections.Readme, ContentSections.RepoDescription, "unknown",
    ];

    private static readonly string[] Pieces =
    [
        " ", "  ", "\n", "\n\n", "\t", "\r\n", ".", "!", "?", ",", ":", ";", "|", "/", "-", " - ", "…", "。", "،", "'s",
        "’s", "#", "## ", "- ", "* ", "1. ", "> ", "```", "`", "~~~", "[", "]", "(", ")", "](", "![", "<", ">", "</",
        "<!--", "-->", "<img src=\"x\">", "<a href=", "http://", "https://a.b/c", "www.", "@", "$", "€", "£", "%", "x",
        "+", "~", "≈", "±", "0", "7", "42", "1,000", "3.14", "2019", "1000%", "10x", "3×", "e.g.", "etc.", "J.", "I",
        "we", "We", "led", "built", "was", "is not", "been", "rebuilt", "the", "The", "from", "to", "ms", "users",
        "latency", "revenue", "Kafka", "KAFKA", "C#", "F#", ".NET", "C++", "team player", "in order to", "think outside the box",
        "passionate", "results-driven", "HIRE", "AWS", "Stripe", "engineer", "Engineer", "Senior", "cut", "reduced",
        "increased", "by", "%", "percent", "🚀", "👍🏽", "‍", "\uFE0F", "\uD83D", "\uDE80", "\u0301", "\u200B", "\u00A0",
        "中文", "日本語", "カタカナ", "مرحبا", "привет", "Ωμέγα", "İ", "ß", "Ǆ", "ǅ", "١٢٣", "४२", "１２", "Ⅻ", "½",
        "naïve", "café", "résumé", "Straße", "ÉCOLE", "supercalifragilisticexpialidocious", "pneumonoultramicroscopic",
        "a-b-c-d", "well-known", "don't", "O'Brien", "**bold**", "_it_", "|a|b|", "---", "***", "\\", "&amp;", "&",
    ];

    [Test]
    public void Analyze_Corpus_MatchesRecordedBitsForEverySection()
    {
        var texts = Corpus();
        var analyzer = new ContentMetricsAnalyzer();
        var actual = texts.Select(t => Fingerprint(analyzer, t)).ToList();
        var path = HumanJudgementFileTests.FindDataFile(Path.Combine("judged", "linkedin-headline.jsonl"));
        var goldenPath = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(path))!, GoldenFile);
        if (Environment.GetEnvironmentVariable("ANCSO_RECORD_METRICS_GOLDEN") == "1")
        {
            // Recording never passes: a run with the variable set fails, so it cannot stand in for the comparison.
            File.WriteAllLines(goldenPath, actual);
            Assert.Fail($"recorded {actual.Count} texts to {goldenPath}; unset ANCSO_RECORD_METRICS_GOLDEN, run again and commit the file with the reason");
        }

        var expected = File.ReadAllLines(goldenPath);
        Assert.That(texts, Has.Count.GreaterThan(2000), "the corpus must stay broad");
        Assert.That(actual, Has.Count.EqualTo(expected.Length), "corpus size changed; re-record only for an intended change");
        for (var i = 0; i < actual.Count; i++)
        {
            Assert.That(actual[i], Is.EqualTo(expected[i]), $"text {i} changed: {JsonSerializer.Serialize(texts[i])}");
        }
    }

    private static string Fingerprint(ContentMetricsAnalyzer analyzer, string text)
    {
        var bits = new byte[Sections.Length * 6 * sizeof(uint)];
        var offset = 0;
        foreach (var section in Sections)
        {
            var m = analyzer.Analyze(ContentPlatforms.GitHub, section, text);
            foreach (var value in new[] { m.Clarity, m.Impact, m.Relevance, m.KeywordScore, m.Specificity, m.Readability })
            {
                BitConverter.TryWriteBytes(bits.AsSpan(offset), BitConverter.SingleToUInt32Bits(value));
                offset += sizeof(uint);
            }
        }

        return Convert.ToHexString(SHA256.HashData(bits), 0, 8);
    }

    private static List<string> Corpus()
    {
        var texts = new List<string>();
        var assembly = typeof(BootstrapPairGenerator).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var doc = JsonDocument.Parse(stream);
            foreach (var profile in doc.RootElement.GetProperty("profiles").EnumerateArray())
            {
                foreach (var section in profile.GetProperty("sections").EnumerateObject())
                {
                    texts.AddRange(section.Value.EnumerateArray().Select(e => e.GetString()!));
                }
            }
        }

        var judged = Path.GetDirectoryName(HumanJudgementFileTests.FindDataFile(Path.Combine("judged", "linkedin-headline.jsonl")))!;
        foreach (var file in Directory.GetFiles(judged, "*.jsonl").Order(StringComparer.Ordinal))
        {
            foreach (var line in File.ReadLines(file).Where(l => !string.IsNullOrWhiteSpace(l)))
            {
                using var doc = JsonDocument.Parse(line);
                texts.Add(doc.RootElement.GetProperty("a").GetString()!);
                texts.Add(doc.RootElement.GetProperty("b").GetString()!);
            }
        }

        texts.AddRange(["", " ", "\n\n\t ", "1000%", "10x", "10x everything", "x", "I", new string('a', 5000),
            string.Concat(Enumerable.Repeat("word ", 3000)), string.Concat(Enumerable.Repeat("Kafka ", 400))]);
        var random = new Random(20261206);
        for (var i = 0; i < 400; i++)
        {
            var builder = new StringBuilder();
            var pieces = random.Next(0, i < 350 ? 120 : 1500);
            for (var p = 0; p < pieces; p++)
            {
                if (random.Next(8) == 0)
                {
                    builder.Append((char)random.Next(0x20, 0x3000)); // any character of the common planes
                }
                else
                {
                    builder.Append(Pieces[random.Next(Pieces.Length)]);
                }
            }

            texts.Add(builder.ToString());
        }

        // Word salads drawn from the corpus, so lexicon words and phrases meet each other in new orders.
        var words = texts.Take(1000).SelectMany(t => t.Split(' ')).ToArray();
        for (var i = 0; i < 200; i++)
        {
            texts.Add(string.Join(' ', Enumerable.Range(0, random.Next(1, 80)).Select(_ => words[random.Next(words.Length)])));
        }

        return texts;
    }
}
