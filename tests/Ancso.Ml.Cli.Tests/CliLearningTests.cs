using System.Text.Json;

namespace Ancso.Ml.Cli.Tests;

/// <summary>The commands that make the model learn from people: train's weights, refit and warm start; suggest; the learning curve.</summary>
public class CliLearningTests
{
    private static readonly string JudgedFolder = Path.Combine(AppContext.BaseDirectory, "data", "judged");

    [Test]
    public async Task Train_SourceWeightNoRefitFromActive_SayWhatWasDone()
    {
        using var cli = new CliRunner();
        Assert.That((await cli.RunAsync("ranker", "bootstrap", "--n-pairs", "60", "--embeddings", "hashing")).ExitCode, Is.Zero);
        Assert.That((await cli.RunAsync("ranker", "export", "--embeddings", "hashing")).ExitCode, Is.Zero);

        var first = await cli.RunAsync("ranker", "train", "--epochs", "8", "--embeddings", "hashing", "--source-weight", "bootstrap=2", "--source-weight", "user_choice=7", "--from-active");
        Assert.That(first.ExitCode, Is.Zero, first.ToString());
        Assert.That(first.Out, Does.Contain("final_model: refit on all 120 pairs").And.Contain("source_weights: bootstrap=2.0").And.Contain("warm_start: no (no model is active)"));

        var kept = await cli.RunAsync("ranker", "train", "--epochs", "8", "--embeddings", "hashing", "--no-refit", "--from-active", "--json");
        Assert.That(kept.ExitCode, Is.Zero, kept.ToString());
        using var json = JsonDocument.Parse(kept.Out);
        var root = json.RootElement;
        Assert.That(root.GetProperty("refitted").GetBoolean(), Is.False);
        Assert.That(root.GetProperty("final_model_pairs").GetInt32(), Is.EqualTo(root.GetProperty("train_pairs").GetInt32()));
        Assert.That(root.GetProperty("warm_started_from").GetString(), Does.StartWith("ranker-").And.EndWith(".onnx"));
    }

    [TestCase("user_choice")]
    [TestCase("user_choice=lots")]
    [TestCase("=3")]
    [TestCase("user_choice=-1")]
    public async Task Train_BadSourceWeight_IsAUsageError(string value)
    {
        using var cli = new CliRunner();
        var run = await cli.RunAsync("ranker", "train", "--source-weight", value);
        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error, Does.Contain("--source-weight").And.Not.Contain("   at "));
    }

    [Test]
    public async Task Suggest_AfterTraining_PairsNotYetLabelledLeastCertainFirst()
    {
        using var cli = new CliRunner();
        Assert.That((await cli.RunAsync("ranker", "bootstrap", "--platform", "github", "--n-pairs", "60", "--embeddings", "hashing")).ExitCode, Is.Zero);
        Assert.That((await cli.RunAsync("ranker", "export", "--embeddings", "hashing")).ExitCode, Is.Zero);
        Assert.That((await cli.RunAsync("ranker", "train", "--epochs", "5", "--embeddings", "hashing")).ExitCode, Is.Zero);

        var suggest = await cli.RunAsync("ranker", "suggest", "--n", "4", "--section", "bio", "--embeddings", "hashing", "--json");
        Assert.That(suggest.ExitCode, Is.Zero, suggest.ToString());
        string a, b;
        using (var json = JsonDocument.Parse(suggest.Out))
        {
            var pairs = json.RootElement.GetProperty("pairs").EnumerateArray().ToList();
            Assert.That(pairs, Has.Count.EqualTo(4));
            Assert.That(json.RootElement.GetProperty("provenance").GetString(), Does.StartWith("model"));
            var confidences = pairs.Select(p => p.GetProperty("confidence").GetDouble()).ToList();
            Assert.That(confidences, Is.Ordered);
            Assert.That(confidences, Has.All.InRange(0.5, 1.0));
            Assert.That(pairs.SelectMany(p => new[] { p.GetProperty("a").GetString(), p.GetProperty("b").GetString() }), Is.Unique);
            Assert.That(pairs.Select(p => p.GetProperty("section").GetString()), Has.All.EqualTo("bio"));
            a = pairs[0].GetProperty("a").GetString()!;
            b = pairs[0].GetProperty("b").GetString()!;
        }

        Assert.That((await cli.RunAsync("ranker", "label", "--a", a, "--b", b, "--better", "a")).ExitCode, Is.Zero);
        var again = await cli.RunAsync("ranker", "suggest", "--n", "4", "--section", "bio", "--embeddings", "hashing", "--json");
        Assert.That(again.Out, Does.Not.Contain($"\"a\":\"{a}\",\"b\":\"{b}\""), "a labelled pair is not suggested again");

        var text = await cli.RunAsync("ranker", "suggest", "--n", "1", "--embeddings", "hashing");
        Assert.That(text.Out, Does.Contain("confidence: ").And.Contain("label with: ancso ranker label --a "));
    }

    [Test]
    public async Task Suggest_UnknownSection_IsAUsageError()
    {
        using var cli = new CliRunner();
        var run = await cli.RunAsync("ranker", "suggest", "--platform", "github", "--section", "headline", "--embeddings", "hashing");
        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error, Does.Contain("Unknown section 'headline'"));
    }

    [Test]
    public async Task EvaluateLearningCurve_JudgedFolder_ReportsAccuracyPerSizeOnHeldOutFolds()
    {
        using var cli = new CliRunner();
        Assert.That((await cli.RunAsync("ranker", "bootstrap", "--n-pairs", "40", "--embeddings", "hashing")).ExitCode, Is.Zero);

        var curve = await cli.RunAsync("ranker", "evaluate", "--pairs", JudgedFolder, "--learning-curve", "--folds", "2", "--sizes", "0,40",
            "--embeddings", "hashing", "--json");
        Assert.That(curve.ExitCode, Is.Zero, curve.ToString());
        using var json = JsonDocument.Parse(curve.Out);
        var root = json.RootElement;
        var judged = root.GetProperty("judged_pairs").GetInt32();
        Assert.That(judged, Is.GreaterThanOrEqualTo(300));
        Assert.That(root.GetProperty("base_pairs").GetInt32(), Is.EqualTo(80));
        Assert.That(root.GetProperty("embedding_generator").GetString(), Is.EqualTo("ancso:hashing-v1"));
        var points = root.GetProperty("points").EnumerateArray().ToList();
        Assert.That(points.Select(p => p.GetProperty("judged").GetInt32()), Is.EqualTo(new[] { 0, 40, judged - (judged + 1) / 2 }));
        Assert.That(points.Select(p => p.GetProperty("accuracy").GetDouble()), Has.All.InRange(0.0, 1.0));
        Assert.That(root.GetProperty("heuristic_accuracy").GetDouble(), Is.InRange(0.5, 1.0));
        Assert.That(root.GetProperty("raters").GetString(), Is.EqualTo("each"), "by default each judged pair comes from a rater of its own");
        var first = points[0];
        Assert.That(first.GetProperty("accuracy_by_section").EnumerateObject().Select(p => p.Name).ToList(), Has.Count.EqualTo(6).And.Contain("linkedin/headline"));
        Assert.That(first.GetProperty("accuracy_by_difficulty").EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "easy", "hard" }));
        Assert.That(first.GetProperty("accuracy_by_difficulty").EnumerateObject().Select(p => p.Value.GetDouble()), Has.All.InRange(0.0, 1.0));
    }

    [Test]
    public async Task Bootstrap_CrossTextShare_AddsHeuristicPairsOnlyWhenAsked()
    {
        using var cli = new CliRunner("--embeddings", "hashing");
        var plain = await cli.RunAsync("ranker", "bootstrap", "--platform", "github", "--n-pairs", "50");
        Assert.That(plain.ExitCode, Is.Zero, plain.ToString());
        Assert.That(plain.Out, Does.Contain("by_kind: degradation=50"));

        var cross = await cli.RunAsync("ranker", "bootstrap", "--platform", "linkedin", "--n-pairs", "50", "--cross-text-share", "0.2");
        Assert.That(cross.ExitCode, Is.Zero, cross.ToString());
        Assert.That(cross.Out, Does.Match(@"by_kind: cross_text=([1-9]|10), degradation="));
    }

    [Test]
    public async Task Evaluate_PlainRun_ReportsAccuracyPerDifficultyAndPerTag()
    {
        using var cli = new CliRunner("--embeddings", "hashing");
        var path = Path.Combine(cli.Root, "pairs.jsonl");

        // Two hard pairs (the worse text is longer, or has more digits) and two easy ones; the tags group them across.
        File.WriteAllLines(path,
        [
            """{"platform":"linkedin","section":"headline","a":"Ward sister, respiratory ward","b":"Registered Nurse | 15+ years | 4 hospitals | 30+ certifications | 10,000+ patients","label":1,"tags":["principle:credibility","outside_software"]}""",
            """{"platform":"linkedin","section":"headline","a":"Electrician and site lead for school refits","b":"Growing up on a farm I always loved fixing things, and after many years and moves I now work as an electrician","label":1,"tags":["principle:relevance","outside_software"]}""",
            """{"platform":"linkedin","section":"headline","a":"Teacher","b":"Year 6 teacher at a village primary; leads reading across the school","label":-1,"tags":["principle:specificity","outside_software"]}""",
            """{"platform":"github","section":"bio","a":"Backend engineer: billing APIs in Go","b":"Engineer","label":1,"tags":["principle:specificity"]}""",
        ]);

        var run = await cli.RunAsync("ranker", "evaluate", "--pairs", path, "--json");
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Dictionary<string, int> Counts(string name) =>
            root.GetProperty(name).EnumerateArray().ToDictionary(g => g.GetProperty("group").GetString()!, g => g.GetProperty("pairs").GetInt32());
        Assert.That(Counts("by_difficulty"), Is.EqualTo(new Dictionary<string, int> { ["easy"] = 2, ["hard"] = 2 }));
        Assert.That(Counts("by_tag"), Is.EqualTo(new Dictionary<string, int>
        {
            ["outside_software"] = 3, ["principle:credibility"] = 1, ["principle:relevance"] = 1, ["principle:specificity"] = 2,
        }));
        Assert.That(Counts("groups"), Is.EqualTo(new Dictionary<string, int> { ["github/bio"] = 1, ["linkedin/headline"] = 3 }));
        Assert.That(root.GetProperty("by_difficulty").EnumerateArray().Select(g => g.GetProperty("heuristic_accuracy").GetDouble()), Has.All.InRange(0.0, 1.0));

        var text = await cli.RunAsync("ranker", "evaluate", "--pairs", path);
        Assert.That(text.Out, Does.Contain("difficulty: hard  pairs: 2").And.Contain("tag: outside_software  pairs: 3").And.Contain("group: github/bio  pairs: 1"));
    }

    [Test]
    public async Task EvaluateLearningCurve_RatersNone_JudgedPairsUnattributedAndSaysSo()
    {
        using var cli = new CliRunner("--embeddings", "hashing");
        cli.UseConfig("""{"Ranker":{"Training":{"Epochs":2}}}""");
        Assert.That((await cli.RunAsync("ranker", "bootstrap", "--platform", "github", "--n-pairs", "20")).ExitCode, Is.Zero);
        var judged = RaterTestData.WriteJudgedFile(cli, 12);

        var none = await cli.RunAsync("ranker", "evaluate", "--pairs", judged, "--learning-curve", "--folds", "2", "--sizes", "0,3", "--raters", "None", "--json");
        Assert.That(none.ExitCode, Is.Zero, none.ToString());
        using (var json = JsonDocument.Parse(none.Out))
        {
            var root = json.RootElement;
            Assert.That(root.GetProperty("raters").GetString(), Is.EqualTo("none"));
            Assert.That(root.GetProperty("judged_pairs").GetInt32(), Is.EqualTo(12));
            var points = root.GetProperty("points").EnumerateArray().ToList();
            Assert.That(points.Select(p => p.GetProperty("judged").GetInt32()), Is.EqualTo(new[] { 0, 3, 6 }));
            Assert.That(points.Select(p => p.GetProperty("accuracy").GetDouble()), Has.All.InRange(0.0, 1.0));
        }

        var each = await cli.RunAsync("ranker", "evaluate", "--pairs", judged, "--learning-curve", "--folds", "2", "--sizes", "0", "--raters", "Each");
        Assert.That(each.ExitCode, Is.Zero, each.ToString());
        Assert.That(each.Out, Does.Contain("judged_pairs: 12  folds: 2  seeds: 1  order: random  raters: each"));
    }

    [Test]
    public async Task EvaluateLearningCurve_UnknownRaters_IsAUsageError()
    {
        using var cli = new CliRunner();
        var run = await cli.RunAsync("ranker", "evaluate", "--pairs", JudgedFolder, "--learning-curve", "--raters", "Some", "--embeddings", "hashing");
        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error, Does.StartWith("error: ").And.Contain("Some"));
    }

    [Test]
    public async Task EvaluateLearningCurve_EmptyStore_SaysToBootstrap()
    {
        using var cli = new CliRunner();
        var run = await cli.RunAsync("ranker", "evaluate", "--pairs", JudgedFolder, "--learning-curve", "--embeddings", "hashing");
        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Error, Does.Contain("ancso ranker bootstrap"));
    }

    [Test]
    public async Task EvaluateLearningCurve_BadSizes_IsAUsageError()
    {
        using var cli = new CliRunner();
        var run = await cli.RunAsync("ranker", "evaluate", "--pairs", JudgedFolder, "--learning-curve", "--sizes", "0,ten", "--embeddings", "hashing");
        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error, Does.Contain("'ten'"));
    }
}
