using System.Text.Json;
using Ancso.Ml.Content;
using Ancso.Ml.Learning.Bootstrap;

namespace Ancso.Ml.Tests.Pairs.Bootstrap;

public class HumanJudgementFileTests
{
    private static readonly Lazy<List<Judgement>> Judgements = new(Load);

    [Test]
    public void File_EveryLine_IsAValidJudgement()
    {
        var judgements = Judgements.Value;
        Assert.That(judgements, Has.Count.GreaterThanOrEqualTo(80));
        foreach (var j in judgements)
        {
            Assert.That(ContentPlatforms.All, Does.Contain(j.Platform), $"line {j.Line}");
            Assert.That(ContentSections.ForPlatform(j.Platform), Does.Contain(j.Section), $"line {j.Line}");
            Assert.That(j.A, Is.Not.Empty, $"line {j.Line}");
            Assert.That(j.B, Is.Not.Empty.And.Not.EqualTo(j.A), $"line {j.Line}");
            Assert.That(j.Label, Is.EqualTo(1).Or.EqualTo(-1), $"line {j.Line}");
        }
    }

    [Test]
    public void File_Pairs_CoverAllSixSectionsWithBalancedLabels()
    {
        var judgements = Judgements.Value;
        var bySection = judgements.GroupBy(j => j.Section).ToDictionary(g => g.Key, g => g.Count());
        var positive = judgements.Count(j => j.Label == 1);
        Assert.Multiple(() =>
        {
            Assert.That(bySection.Keys, Is.EquivalentTo(ContentSections.ForPlatform(ContentPlatforms.GitHub).Concat(ContentSections.ForPlatform(ContentPlatforms.LinkedIn))));
            Assert.That(bySection.Values, Has.All.GreaterThanOrEqualTo(12));
            Assert.That(Math.Abs((2 * positive) - judgements.Count), Is.LessThanOrEqualTo(2));
        });
    }

    [Test]
    public void File_Texts_AreNotBenchmarkTexts()
    {
        var corpus = BenchmarkProfiles.Embedded;
        var benchmark = corpus.Platforms.SelectMany(p => corpus.GetProfiles(p)).SelectMany(p => p.Sections.Values).SelectMany(t => t).ToHashSet();
        var texts = Judgements.Value.SelectMany(j => new[] { j.A, j.B }).ToList();
        Assert.That(texts.Where(benchmark.Contains), Is.Empty);
        Assert.That(Judgements.Value.Select(j => (j.A, j.B)), Is.Unique);
    }

    [TestCase("keyword_wall", 5)]
    [TestCase("inflated_metrics", 5)]
    [TestCase("badge_only", 3)]
    [TestCase("buzzword_wall", 5)]
    [TestCase("padded", 4)]
    [TestCase("better_longer", 15)]
    [TestCase("better_more_numbers", 8)]
    public void File_MisleadingKinds_ArePresent(string tag, int minimum)
    {
        Assert.That(Judgements.Value.Count(j => j.Tags.Contains(tag)), Is.GreaterThanOrEqualTo(minimum));
    }

    [Test]
    public void File_LengthAndDigitTags_AreTrueAndNotAShortcut()
    {
        var judgements = Judgements.Value;
        foreach (var j in judgements.Where(j => j.Tags.Contains("better_longer")))
        {
            Assert.That(j.Better.Length, Is.GreaterThan(j.Worse.Length), $"line {j.Line}");
        }

        foreach (var j in judgements.Where(j => j.Tags.Contains("better_more_numbers")))
        {
            Assert.That(TextTools.CountDigits(j.Better), Is.GreaterThan(TextTools.CountDigits(j.Worse)), $"line {j.Line}");
        }

        var longer = judgements.Count(j => j.Better.Length > j.Worse.Length) / (double)judgements.Count;
        var digitPairs = judgements.Where(j => TextTools.CountDigits(j.Better) != TextTools.CountDigits(j.Worse)).ToList();
        var moreDigits = digitPairs.Count(j => TextTools.CountDigits(j.Better) > TextTools.CountDigits(j.Worse)) / (double)digitPairs.Count;
        Assert.Multiple(() =>
        {
            Assert.That(longer, Is.InRange(0.35, 0.65), "always picking the longer text must not pass this set");
            Assert.That(moreDigits, Is.InRange(0.35, 0.65), "always picking the text with more digits must not pass this set");
        });
    }

    private static List<Judgement> Load()
    {
        var path = FindDataFile("human-judgement.jsonl");
        var result = new List<Judgement>();
        var line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            var tags = root.TryGetProperty("tags", out var t) ? t.EnumerateArray().Select(e => e.GetString()!).ToList() : [];
            result.Add(new Judgement(
                line,
                root.GetProperty("platform").GetString()!,
                root.GetProperty("section").GetString()!,
                root.GetProperty("a").GetString()!,
                root.GetProperty("b").GetString()!,
                root.GetProperty("label").GetInt32(),
                tags));
        }

        return result;
    }

    internal static string FindDataFile(string name)
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "data", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"tests/data/{name} was not found above {TestContext.CurrentContext.TestDirectory}.");
    }

    private sealed record Judgement(int Line, string Platform, string Section, string A, string B, int Label, List<string> Tags)
    {
        public string Better => Label == 1 ? A : B;

        public string Worse => Label == 1 ? B : A;
    }
}
