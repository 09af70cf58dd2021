using System.Text.Json;
using Ancso.Ml.Content;
using Ancso.Ml.Learning.Bootstrap;

namespace Ancso.Ml.Tests.Pairs.Bootstrap;

/// <summary>
/// <c>tests/data/judged/</c>: the judged pairs the learning curves are measured on (docs/judged-pairs.md). Each file is
/// checked on its own, so that no section can be passed by "pick the longer text" or "pick the text with more numbers".
/// </summary>
public class JudgedPairsFolderTests
{
    private static readonly Lazy<List<Judged>> Pairs = new(Load);

    [Test]
    public void Folder_EveryLine_IsAValidJudgementOfItsFilesSection()
    {
        Assert.That(Pairs.Value, Has.Count.GreaterThanOrEqualTo(300));
        foreach (var p in Pairs.Value)
        {
            var where = $"{p.File}:{p.Line}";
            Assert.That(p.File, Is.EqualTo($"{p.Platform}-{p.Section}.jsonl"), where);
            Assert.That(ContentSections.ForPlatform(p.Platform), Does.Contain(p.Section), where);
            Assert.That(p.A, Is.Not.Empty, where);
            Assert.That(p.B, Is.Not.Empty.And.Not.EqualTo(p.A), where);
            Assert.That(p.Label, Is.EqualTo(1).Or.EqualTo(-1), where);
            Assert.That(p.Tags, Is.Not.Empty, where);
        }
    }

    [Test]
    public void Folder_EachSection_HasFiftyPairsWithBalancedLabels()
    {
        foreach (var file in Pairs.Value.GroupBy(p => p.File))
        {
            var positive = file.Count(p => p.Label == 1);
            Assert.That(file.Count(), Is.GreaterThanOrEqualTo(50), file.Key);
            Assert.That(Math.Abs((2 * positive) - file.Count()), Is.LessThanOrEqualTo(2), file.Key);
        }

        Assert.That(Pairs.Value.Select(p => p.File).Distinct().Count(), Is.EqualTo(6));
    }

    [Test]
    public void Folder_LengthAndDigits_AreNoShortcutInAnySection()
    {
        foreach (var file in Pairs.Value.GroupBy(p => p.File))
        {
            var longer = file.Count(p => p.Better.Length > p.Worse.Length) / (double)file.Count();
            var differing = file.Where(p => TextTools.CountDigits(p.Better) != TextTools.CountDigits(p.Worse)).ToList();
            var moreDigits = differing.Count(p => TextTools.CountDigits(p.Better) > TextTools.CountDigits(p.Worse)) / (double)differing.Count;
            Assert.That(longer, Is.InRange(0.4, 0.6), $"{file.Key}: always picking the longer text must not pass");
            Assert.That(moreDigits, Is.InRange(0.4, 0.6), $"{file.Key}: always picking the text with more digits must not pass");
        }
    }

    [Test]
    public void Folder_LengthAndDigitTags_AreTrue()
    {
        foreach (var p in Pairs.Value)
        {
            Assert.That(p.Tags.Contains("better_longer"), Is.EqualTo(p.Better.Length > p.Worse.Length), $"{p.File}:{p.Line} better_longer");
            Assert.That(p.Tags.Contains("better_more_numbers"), Is.EqualTo(TextTools.CountDigits(p.Better) > TextTools.CountDigits(p.Worse)), $"{p.File}:{p.Line} better_more_numbers");
        }
    }

    [Test]
    public void Folder_EveryPair_NamesOnePrincipleAndItsComputedDifficulty()
    {
        string[] principles = ["principle:credibility", "principle:specificity", "principle:relevance", "principle:clarity", "principle:concision", "principle:polish"];
        foreach (var p in Pairs.Value)
        {
            var where = $"{p.File}:{p.Line}";
            Assert.That(p.Tags.Count(t => t.StartsWith("principle:", StringComparison.Ordinal)), Is.EqualTo(1), where);
            Assert.That(p.Tags.Single(t => t.StartsWith("principle:", StringComparison.Ordinal)), Is.AnyOf(principles), where);
            var hard = p.Worse.Length > p.Better.Length || TextTools.CountDigits(p.Worse) > TextTools.CountDigits(p.Better);
            Assert.That(p.Tags.Contains("hard"), Is.EqualTo(hard), $"{where} hard: the worse text is longer or has more digits");
        }

        foreach (var principle in principles)
        {
            Assert.That(Pairs.Value.Count(p => p.Tags.Contains(principle) && p.Tags.Contains("hard")), Is.GreaterThanOrEqualTo(20), $"{principle} has hard pairs");
        }
    }

    [Test]
    public void Folder_OutsideSoftware_IsAtLeastFortyPercentAndInEverySection()
    {
        Assert.That(Pairs.Value.Count(p => p.Tags.Contains("outside_software")) / (double)Pairs.Value.Count, Is.GreaterThanOrEqualTo(0.4));
        foreach (var file in Pairs.Value.GroupBy(p => p.File))
        {
            Assert.That(file.Count(p => p.Tags.Contains("outside_software")), Is.GreaterThanOrEqualTo(30), file.Key);
        }
    }

    [Test]
    public void Folder_Texts_AreNewToTheCorpusTheHeldOutSetAndEachOther()
    {
        var corpus = BenchmarkProfiles.Embedded;
        var benchmark = corpus.Platforms.SelectMany(p => corpus.GetProfiles(p)).SelectMany(p => p.Sections.Values).SelectMany(t => t).ToHashSet();
        var heldOut = File.ReadLines(HumanJudgementFileTests.FindDataFile("human-judgement.jsonl")).Select(l => JsonDocument.Parse(l).RootElement)
            .SelectMany(r => new[] { r.GetProperty("a").GetString()!, r.GetProperty("b").GetString()! }).ToHashSet();
        var texts = Pairs.Value.SelectMany(p => new[] { p.A, p.B }).ToList();
        Assert.That(texts.Where(benchmark.Contains), Is.Empty, "no bootstrap corpus text");
        Assert.That(texts.Where(heldOut.Contains), Is.Empty, "no text of human-judgement.jsonl");
        Assert.That(texts, Is.Unique);
    }

    [Test]
    public void Folder_SubtlePairs_AreAboutHalf()
    {
        var subtle = Pairs.Value.Count(p => p.Tags.Contains("both_decent")) / (double)Pairs.Value.Count;
        Assert.That(subtle, Is.InRange(0.35, 0.65), "half the pairs are two plausible texts, not an obvious defect");
    }

    private static List<Judged> Load()
    {
        var folder = Path.GetDirectoryName(HumanJudgementFileTests.FindDataFile(Path.Combine("judged", "linkedin-headline.jsonl")))!;
        var result = new List<Judged>();
        foreach (var path in Directory.GetFiles(folder, "*.jsonl").Order(StringComparer.Ordinal))
        {
            var line = 0;
            foreach (var text in File.ReadLines(path))
            {
                line++;
                using var doc = JsonDocument.Parse(text);
                var root = doc.RootElement;
                result.Add(new Judged(
                    Path.GetFileName(path),
                    line,
                    root.GetProperty("platform").GetString()!,
                    root.GetProperty("section").GetString()!,
                    root.GetProperty("a").GetString()!,
                    root.GetProperty("b").GetString()!,
                    root.GetProperty("label").GetInt32(),
                    [.. root.GetProperty("tags").EnumerateArray().Select(e => e.GetString()!)]));
            }
        }

        return result;
    }

    private sealed record Judged(string File, int Line, string Platform, string Section, string A, string B, int Label, List<string> Tags)
    {
        public string Better => Label == 1 ? A : B;

        public string Worse => Label == 1 ? B : A;
    }
}
