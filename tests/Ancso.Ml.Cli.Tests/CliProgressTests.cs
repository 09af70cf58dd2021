using System.Text.Json;
using System.Text.RegularExpressions;
using Ancso.Ml.Cli.Infrastructure;

namespace Ancso.Ml.Cli.Tests;

/// <summary>
/// Progress in phases: training's validated fit, then its refit on every pair, each labelled and each from 0 to 100%.
/// Early stopping left the fit at the share of <c>--epochs</c> it ran (50%), then the refit started again from 0%.
/// </summary>
public partial class CliProgressTests
{
    [Test]
    public async Task Train_StoppedEarlyThenRefit_EachPhaseLabelledAndEndsAt100()
    {
        using var cli = new CliRunner("--embeddings", "hashing");
        Assert.That((await cli.RunAsync("ranker", "bootstrap", "--n-pairs", "60")).ExitCode, Is.Zero);
        Assert.That((await cli.RunAsync("ranker", "export", "--format", "compact")).ExitCode, Is.Zero);

        var train = await cli.RunAsync("ranker", "train", "--epochs", "200", "--patience", "1", "--json");

        Assert.That(train.ExitCode, Is.Zero, train.ToString());
        using (var json = JsonDocument.Parse(train.Out))
        {
            Assert.That(json.RootElement.GetProperty("stopped_early").GetBoolean(), Is.True, "the case in question: " + train);
            Assert.That(json.RootElement.GetProperty("refitted").GetBoolean(), Is.True, train.ToString());
        }

        var lines = ProgressLines(train.Error);
        Assert.Multiple(() =>
        {
            Assert.That(lines.Select(l => l.Phase).Distinct(), Is.EqualTo(new[] { "validated fit", "refit on all pairs" }), train.Error);
            foreach (var phase in lines.GroupBy(l => l.Phase))
            {
                var percents = phase.Select(l => l.Percent).ToList();
                Assert.That(percents, Is.Ordered, $"{phase.Key} never goes back: {train.Error}");
                Assert.That(percents[^1], Is.EqualTo(100), $"{phase.Key} ends at 100%: {train.Error}");
            }

            Assert.That(lines.Last(l => l.Phase == "validated fit").Detail, Does.StartWith("stopped early at epoch "), train.Error);
            Assert.That(train.Error, Does.Not.Contain("train: "), "every line names its phase");
        });
    }

    [Test]
    public async Task Train_NoRefitRunsEveryEpoch_OnePhaseEndsAt100()
    {
        using var cli = new CliRunner("--embeddings", "hashing");
        Assert.That((await cli.RunAsync("ranker", "bootstrap", "--platform", "github", "--n-pairs", "40")).ExitCode, Is.Zero);

        var train = await cli.RunAsync("ranker", "train", "--from-store", "--epochs", "3", "--no-refit");

        Assert.That(train.ExitCode, Is.Zero, train.ToString());
        var lines = ProgressLines(train.Error);
        Assert.Multiple(() =>
        {
            Assert.That(lines.Select(l => l.Phase).Distinct(), Is.EqualTo(new[] { "validated fit" }), train.Error);
            Assert.That(lines.Select(l => l.Percent), Is.Ordered, train.Error);
            Assert.That(lines[^1].Percent, Is.EqualTo(100), train.Error);
            Assert.That(lines[^1].Detail, Does.StartWith("epoch 3/3"), train.Error);
        });
    }

    [Test]
    public async Task PlainProgress_NewPhaseBeforeTheLastEnded_FinishesItFirst()
    {
        var stderr = new StringWriter();
        var output = new CliOutput(new StringWriter(), stderr, json: false, interactive: false);

        await output.WithProgressAsync("train", progress =>
        {
            progress.Report(new ProgressUpdate(0.25, "epoch 1/4", Phase: "one"));
            progress.Report(new ProgressUpdate(0.5, "epoch 2/4", Phase: "one"));
            progress.Report(new ProgressUpdate(0.5, "epoch 1/2", Phase: "two"));
            return Task.FromResult(0);
        });

        Assert.That(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), Is.EqualTo(new[]
        {
            "train (one): 20%  epoch 1/4",
            "train (one): 50%  epoch 2/4",
            "train (one): 100%  epoch 2/4",
            "train (two): 50%  epoch 1/2",
            "train (two): 100%  epoch 1/2",
        }));
    }

    [Test]
    public async Task PlainProgress_NoPhase_AsBefore()
    {
        var stderr = new StringWriter();
        var output = new CliOutput(new StringWriter(), stderr, json: false, interactive: false);

        await output.WithProgressAsync("export", progress =>
        {
            progress.Report(new ProgressUpdate(0.5, "5/10 pairs"));
            progress.Report(new ProgressUpdate(1, "10/10 pairs"));
            return Task.FromResult(0);
        });

        Assert.That(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), Is.EqualTo(new[]
        {
            "export: 50%  5/10 pairs",
            "export: 100%  10/10 pairs",
        }));
    }

    private static List<(string Phase, int Percent, string Detail)> ProgressLines(string stderr) =>
        [.. stderr.Split('\n', StringSplitOptions.TrimEntries)
            .Select(l => ProgressLine().Match(l))
            .Where(m => m.Success)
            .Select(m => (m.Groups["phase"].Value, int.Parse(m.Groups["percent"].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups["detail"].Value))];

    [GeneratedRegex(@"^train \((?<phase>[^)]+)\): (?<percent>\d+)%(  (?<detail>.*))?$")]
    private static partial Regex ProgressLine();
}
