using System.Text.Json;

namespace Ancso.Ml.Cli.Tests;

/// <summary><c>evaluate --flood-check</c>: can a flood of flipped choices steer the model, with the influence limits on and off.</summary>
public class CliFloodCheckTests
{
    private static readonly string[] ArmNames =
    [
        "bootstrap only",
        "honest",
        "honest + flood from one rater",
        "honest + flood unattributed",
        "honest + flood from one rater, limits off",
        "honest + flood unattributed, limits off",
    ];

    /// <summary>Two epochs per model: the experiment trains six models per fold and seed.</summary>
    private const string FewEpochs = ""","Training":{"Epochs":2}""";

    [Test]
    public async Task EvaluateFloodCheck_TinyJudgedFile_SixArmsWithAccuracies()
    {
        using var cli = new CliRunner("--embeddings", "hashing");
        cli.UseConfig(RaterTestData.Config(rankerExtra: FewEpochs));
        Assert.That((await cli.RunAsync("ranker", "bootstrap", "--platform", "github", "--n-pairs", "20")).ExitCode, Is.Zero);
        var judged = RaterTestData.WriteJudgedFile(cli, 20);

        var run = await cli.RunAsync("ranker", "evaluate", "--pairs", judged, "--flood-check", "--folds", "2", "--honest", "5", "--honest-raters", "2",
            "--flood", "20", "--seeds", "1", "--json");
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("embedding_generator").GetString(), Is.EqualTo("ancso:hashing-v1"));
            Assert.That(root.GetProperty("base_pairs").GetInt32(), Is.EqualTo(20));
            Assert.That(root.GetProperty("judged_pairs").GetInt32(), Is.EqualTo(20));
            Assert.That(root.GetProperty("folds").GetInt32(), Is.EqualTo(2));
            Assert.That(root.GetProperty("seeds").GetInt32(), Is.EqualTo(1));
            Assert.That(root.GetProperty("honest_choices").GetInt32(), Is.EqualTo(5));
            Assert.That(root.GetProperty("honest_raters").GetInt32(), Is.EqualTo(2));
            Assert.That(root.GetProperty("flood_choices").GetInt32(), Is.EqualTo(20));
            Assert.That(root.GetProperty("max_rater_share").GetDouble(), Is.EqualTo(0.05));
            Assert.That(root.GetProperty("trust_unattributed").GetBoolean(), Is.False);
        });

        var arms = root.GetProperty("arms").EnumerateArray().ToList();
        Assert.That(arms.Select(a => a.GetProperty("arm").GetString()), Is.EqualTo(ArmNames));
        Assert.That(arms.Select(a => a.GetProperty("limits").GetString()), Is.EqualTo(new[] { "on", "on", "on", "on", "off", "off" }));
        Assert.That(arms.Select(a => a.GetProperty("accuracy").GetDouble()), Has.All.InRange(0.0, 1.0));
        Assert.That(arms.Select(a => a.GetProperty("minimum").GetDouble()), Has.All.InRange(0.0, 1.0));
        Assert.That(arms.Select(a => a.GetProperty("maximum").GetDouble()), Has.All.InRange(0.0, 1.0));
        Assert.That(arms.Select(a => a.GetProperty("standard_error").GetDouble()), Has.All.GreaterThanOrEqualTo(0.0));
        Assert.That(arms[1].GetProperty("versus_honest").GetDouble(), Is.Zero, "the honest arm is the reference");
        foreach (var arm in arms)
        {
            Assert.That(arm.GetProperty("versus_honest").GetDouble(),
                Is.EqualTo(arm.GetProperty("accuracy").GetDouble() - arms[1].GetProperty("accuracy").GetDouble()).Within(1e-12));
        }
    }

    [Test]
    public async Task EvaluateFloodCheck_TextOutput_OneLinePerArmWithVersusHonest()
    {
        using var cli = new CliRunner("--embeddings", "hashing");
        cli.UseConfig(RaterTestData.Config(rankerExtra: FewEpochs));
        Assert.That((await cli.RunAsync("ranker", "bootstrap", "--platform", "github", "--n-pairs", "20")).ExitCode, Is.Zero);
        var judged = RaterTestData.WriteJudgedFile(cli, 8);

        var run = await cli.RunAsync("ranker", "evaluate", "--pairs", judged, "--flood-check", "--folds", "2", "--honest", "2", "--flood", "4",
            "--max-rater-share", "0.5", "--trust-unattributed");
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Out, Does.Contain("honest_choices: 2 from 2 raters  flood: 4 flipped near-copies")
            .And.Contain("limits: max_rater_share 0.5, unattributed trusted"));
        var armLines = run.Out.Split('\n').Where(l => l.Contains("  accuracy: ", StringComparison.Ordinal)).ToList();
        Assert.That(armLines.Select(l => l[..l.IndexOf("  accuracy: ", StringComparison.Ordinal)].Trim()), Is.EqualTo(ArmNames));
        Assert.That(armLines, Has.All.Contain("  se: ").And.All.Contain("  range: ").And.All.Contain("  vs_honest: "));
        Assert.That(armLines[1], Does.EndWith("vs_honest: +0.000"));
    }

    [Test]
    public async Task Evaluate_LearningCurveAndFloodCheck_IsAUsageError()
    {
        using var cli = new CliRunner("--embeddings", "hashing");
        var judged = RaterTestData.WriteJudgedFile(cli, 20);
        var run = await cli.RunAsync("ranker", "evaluate", "--pairs", judged, "--learning-curve", "--flood-check");
        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error, Does.StartWith("error: ").And.Contain("--learning-curve").And.Contain("--flood-check"));
        Assert.That(run.Out, Is.Empty);
    }

    [TestCase("1", "50")]
    [TestCase("2", "99")]
    public async Task EvaluateFloodCheck_FloodOver49TimesHonest_UsageErrorSayingWhy(string honest, string flood)
    {
        using var cli = new CliRunner("--embeddings", "hashing");
        var judged = RaterTestData.WriteJudgedFile(cli, 20);
        var run = await cli.RunAsync("ranker", "evaluate", "--pairs", judged, "--flood-check", "--folds", "2", "--honest", honest, "--flood", flood);
        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error, Does.StartWith("error: --flood " + flood).And.Contain("at most 49").And.Contain("--honest"), run.ToString());
        Assert.That(run.Out, Is.Empty);
    }

    [Test]
    public async Task EvaluateFloodCheck_MoreHonestThanOutsideAFold_UsageError()
    {
        using var cli = new CliRunner("--embeddings", "hashing");
        Assert.That((await cli.RunAsync("ranker", "bootstrap", "--platform", "github", "--n-pairs", "10")).ExitCode, Is.Zero);
        var judged = RaterTestData.WriteJudgedFile(cli, 20);
        var run = await cli.RunAsync("ranker", "evaluate", "--pairs", judged, "--flood-check", "--folds", "2", "--honest", "11", "--flood", "11");
        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error, Does.Contain("--honest 11").And.Contain("10 judged pairs outside a fold"), run.ToString());
    }

    [TestCase("--max-rater-share", "0")]
    [TestCase("--max-rater-share", "1.5")]
    [TestCase("--flood", "0")]
    [TestCase("--honest", "0")]
    [TestCase("--honest-raters", "0")]
    public async Task EvaluateFloodCheck_OptionOutOfRange_UsageErrorNamingTheOption(string option, string value)
    {
        using var cli = new CliRunner("--embeddings", "hashing");
        var judged = RaterTestData.WriteJudgedFile(cli, 20);
        var run = await cli.RunAsync("ranker", "evaluate", "--pairs", judged, "--flood-check", option, value);
        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error, Does.StartWith("error: " + option).And.Contain($"'{value}'"), run.ToString());
    }
}
