using System.Text.Json;
using Ancso.Ml.Metrics;
using Ancso.Ml.Reasons;

namespace Ancso.Ml.Cli.Tests;

/// <summary>The reasons of a comparison through the CLI: compare's <c>reasons</c>, evaluate's <c>reason_tag_top2</c>.</summary>
public class CliReasonTests
{
    private const string Vague = "did some work on stuff";
    private const string Concrete = "Staff Engineer at Shopify: cut checkout p99 latency 45% for 12M users";

    [Test]
    public async Task Compare_NoModelJson_ReasonsAreMetricDifferencesOfTheWinner()
    {
        using var cli = new CliRunner("--embeddings", "hashing");

        var run = await cli.RunAsync("ranker", "compare", "--platform", "linkedin", "--section", "headline", "--a", Vague, "--b", Concrete, "--json");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        var analyzer = new ContentMetricsAnalyzer();
        var winner = analyzer.Analyze("linkedin", "headline", Concrete);
        var loser = analyzer.Analyze("linkedin", "headline", Vague);
        var reasons = root.GetProperty("reasons").EnumerateArray().Select(r => (Tag: r.GetProperty("tag").GetString()!, Strength: r.GetProperty("strength").GetDouble())).ToList();
        Assert.That(root.GetProperty("preference").GetString(), Is.EqualTo("b"));
        Assert.That(root.GetProperty("reason_source").GetString(), Is.EqualTo("metric_differences"));
        Assert.That(reasons, Has.Count.InRange(1, 3));
        Assert.That(reasons.Select(r => r.Strength), Is.Ordered.Descending);
        foreach (var (tag, strength) in reasons)
        {
            Assert.That(MetricNames.All, Does.Contain(tag));
            Assert.That(strength, Is.EqualTo((double)winner[tag] - loser[tag]).Within(1e-4), tag);
        }

        var text = await cli.RunAsync("ranker", "compare", "--platform", "linkedin", "--section", "headline", "--a", Vague, "--b", Concrete);
        Assert.That(text.ExitCode, Is.Zero, text.ToString());
        var line = text.Out.Split('\n').Single(l => l.StartsWith("reasons: ", StringComparison.Ordinal));
        Assert.That(line, Does.StartWith($"reasons: {reasons[0].Tag} (").And.EndWith("[from the metric differences]"));
        Assert.That(reasons.Select(r => r.Tag), Is.All.Matches<string>(tag => line.Contains(tag + " (", StringComparison.Ordinal)), line);
    }

    [Test]
    public async Task Compare_SameTextTwice_ReasonsNone()
    {
        using var cli = new CliRunner("--embeddings", "hashing");

        var run = await cli.RunAsync("ranker", "compare", "--platform", "github", "--section", "bio", "--a", Concrete, "--b", Concrete);
        var json = await cli.RunAsync("ranker", "compare", "--platform", "github", "--section", "bio", "--a", Concrete, "--b", Concrete, "--json");

        Assert.That(run.Out, Does.Contain("preference: tie").And.Contain("reasons: none"));
        using var document = JsonDocument.Parse(json.Out);
        Assert.That(document.RootElement.GetProperty("reasons").GetArrayLength(), Is.Zero);
        Assert.That(document.RootElement.GetProperty("reason_source").GetString(), Is.EqualTo("none"));
    }

    [Test]
    public async Task Evaluate_ModelTrainedOnBootstrapFlaws_ReportsHowOftenItsFirstTwoReasonsNameThePairsFlaw()
    {
        using var cli = new CliRunner("--embeddings", "hashing");
        Assert.That((await cli.RunAsync("ranker", "bootstrap", "--n-pairs", "40")).ExitCode, Is.Zero);
        Assert.That((await cli.RunAsync("ranker", "export")).ExitCode, Is.Zero);
        var train = await cli.RunAsync("ranker", "train", "--epochs", "4");
        Assert.That(train.ExitCode, Is.Zero, train.ToString());
        (string Platform, string Section, string A, string B, int Label, string[] Tags)[] judged =
        [
            ("linkedin", "headline", "Backend Engineer · Payment reconciliation in Java and PostgreSQL", "Java | Java Developer | Java Engineer | Spring | Spring Boot | Microservices | AWS | Docker", 1, ["keyword_wall", "principle:polish"]),
            ("linkedin", "headline", "#1 Data Analyst in the World | 10x Insights | Increased Efficiency by 900%", "Data Analyst at a regional hospital trust | Waiting-list reporting in SQL", -1, ["inflated_metrics", "principle:credibility"]),
            ("linkedin", "headline", "Frontend developer building booking tools for physiotherapy clinics", "Passionate, results-driven rockstar developer | Thought leader | Synergy-focused innovator", 1, ["buzzword_wall"]),
            ("github", "bio", "Experienced professional with a proven track record and a wide range of skills across many areas", "Go developer; maintainer of a small CLI toolkit", -1, ["padded", "principle:concision"]),
            ("github", "bio", "Engineer", "Backend engineer: billing APIs in Go", -1, ["better_longer"]),
        ];
        var path = Path.Combine(cli.Root, "judged.jsonl");
        File.WriteAllLines(path, judged.Select(p => JsonSerializer.Serialize(new { platform = p.Platform, section = p.Section, a = p.A, b = p.B, label = p.Label, tags = p.Tags })));

        var run = await cli.RunAsync("ranker", "evaluate", "--pairs", path, "--json");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.That(root.GetProperty("provenance").GetString(), Does.StartWith("model"));

        // The same figures, from compare on each pair.
        int tagPairs = 0, tagHits = 0, principlePairs = 0, principleHits = 0, correct = 0, correctTagHits = 0;
        foreach (var pair in judged)
        {
            var compare = await cli.RunAsync("ranker", "compare", "--platform", pair.Platform, "--section", pair.Section, "--a", pair.A, "--b", pair.B, "--json");
            using var comparison = JsonDocument.Parse(compare.Out);
            Assert.That(comparison.RootElement.GetProperty("reason_source").GetString(), Is.EqualTo("model"), compare.ToString());
            var firstTwo = comparison.RootElement.GetProperty("reasons").EnumerateArray().Take(2).Select(r => r.GetProperty("tag").GetString()!).ToList();
            Assert.That(firstTwo, Is.Not.Empty.And.All.Matches<string>(t => ReasonTags.Contains(t)));
            var flaws = pair.Tags.Select(ReasonTags.Normalize).OfType<string>().ToList();
            var right = comparison.RootElement.GetProperty("preference").GetString() == (pair.Label > 0 ? "a" : "b");
            if (flaws.Count > 0)
            {
                var hit = firstTwo.Any(flaws.Contains);
                tagPairs++;
                tagHits += hit ? 1 : 0;
                correct += right ? 1 : 0;
                correctTagHits += right && hit ? 1 : 0;
            }

            if (pair.Tags.FirstOrDefault(t => t.StartsWith("principle:", StringComparison.Ordinal)) is { } principle)
            {
                principlePairs++;
                principleHits += firstTwo.Any(t => "principle:" + ReasonTags.PrincipleOf(t) == principle) ? 1 : 0;
            }
        }

        var tagMatch = root.GetProperty("reason_tag_match");
        var principleMatch = root.GetProperty("reason_principle_match");
        Assert.Multiple(() =>
        {
            Assert.That(tagMatch.GetProperty("pairs").GetInt32(), Is.EqualTo(4), "the four pairs whose tags name a reason");
            Assert.That(tagMatch.GetProperty("top2").GetDouble(), Is.EqualTo((double)tagHits / tagPairs).Within(1e-9));
            Assert.That(tagMatch.GetProperty("correct_pairs").GetInt32(), Is.EqualTo(correct));
            if (correct > 0)
            {
                Assert.That(tagMatch.GetProperty("top2_when_correct").GetDouble(), Is.EqualTo((double)correctTagHits / correct).Within(1e-9));
            }

            Assert.That(tagMatch.GetProperty("by_tag").EnumerateArray().Select(g => g.GetProperty("group").GetString()),
                Is.EqualTo(new[] { ReasonTags.Buzzwords, ReasonTags.ContextFreeNumbers, ReasonTags.KeywordStuffing, ReasonTags.Padding }));
            Assert.That(tagMatch.GetProperty("groups").EnumerateArray().Select(g => (g.GetProperty("group").GetString(), g.GetProperty("pairs").GetInt32())),
                Is.EqualTo(new[] { ("github/bio", 1), ("linkedin/headline", 3) }));
            Assert.That(principleMatch.GetProperty("pairs").GetInt32(), Is.EqualTo(principlePairs));
            Assert.That(principleMatch.GetProperty("top2").GetDouble(), Is.EqualTo((double)principleHits / principlePairs).Within(1e-9));
        });

        var text = await cli.RunAsync("ranker", "evaluate", "--pairs", path);
        Assert.That(text.Out, Does.Contain("reason_tag_top2: ").And.Contain("  pairs: 4  when_preferred_correctly: "));
        Assert.That(text.Out, Does.Contain("reason_tag_top2 tag: padding  pairs: 1  top2: ").And.Contain("reason_principle_top2 group: linkedin/headline  pairs: 2"));
    }
}
