using System.Text.Json;

namespace Ancso.Ml.Cli.Tests;

/// <summary>The whole job through the CLI, in a temporary folder: bootstrap, export, train, status, smoke, label, evaluate; then without a model.</summary>
public class CliEndToEndTests
{
    private static readonly string JudgementFile = Path.Combine(AppContext.BaseDirectory, "data", "human-judgement.jsonl");

    [Test]
    public async Task WholeJob_BootstrapExportTrainStatusSmokeLabelEvaluate_ThenHeuristicWithoutModel()
    {
        using var cli = new CliRunner();

        var bootstrap = await cli.RunAsync("ranker", "bootstrap", "--n-pairs", "120");
        Assert.That(bootstrap.ExitCode, Is.Zero, bootstrap.ToString());
        Assert.That(bootstrap.Out, Does.Contain("platform: github  requested: 120  produced: 120  added: 120"));
        Assert.That(bootstrap.Out, Does.Contain("platform: linkedin  requested: 120  produced: 120  added: 120"));

        var again = await cli.RunAsync("ranker", "bootstrap", "--platform", "github", "--n-pairs", "120");
        Assert.That(again.Out, Does.Contain("added: 0  already_stored: 120"), again.ToString());

        var export = await cli.RunAsync("ranker", "export");
        Assert.That(export.ExitCode, Is.Zero, export.ToString());
        Assert.That(export.Out, Does.Contain("pairs: 240").And.Contain("by_source: bootstrap=240").And.Contain("by_platform: github=120, linkedin=120"));
        Assert.That(export.Out, Does.Contain("format: jsonl"));
        Assert.That(File.Exists(Path.Combine(cli.DataDirectory, "dataset.jsonl")), Is.True);
        Assert.That(File.Exists(Path.Combine(cli.DataDirectory, "metadata.json")), Is.True);

        var stats = await cli.RunAsync("ranker", "export", "--stats", "--platform", "linkedin", "--json");
        Assert.That(stats.ExitCode, Is.Zero, stats.ToString());
        using (var json = JsonDocument.Parse(stats.Out))
        {
            Assert.That(json.RootElement.GetProperty("pairs").GetInt32(), Is.EqualTo(120));
            Assert.That(json.RootElement.GetProperty("statistics_only").GetBoolean(), Is.True);
        }

        var train = await cli.RunAsync("ranker", "train", "--epochs", "20");
        Assert.That(train.ExitCode, Is.Zero, train.ToString());
        Assert.That(train.Out, Does.Contain("epoch   1  train_loss: ").And.Contain("activated: yes").And.Contain("validation_accuracy: "));
        Assert.That(train.Error, Does.Contain("train (validated fit): ").And.Contain("train (refit on all pairs): 100%"), "plain progress lines, by phase, when the output is not a terminal");

        var status = await cli.RunAsync("ranker", "status", "--json");
        Assert.That(status.ExitCode, Is.Zero, status.ToString());
        using (var json = JsonDocument.Parse(status.Out))
        {
            var root = json.RootElement;
            Assert.Multiple(() =>
            {
                Assert.That(root.GetProperty("provenance").GetString(), Is.EqualTo("model"));
                Assert.That(root.GetProperty("model_version").GetString(), Is.Not.Empty);
                Assert.That(root.GetProperty("onnx_runtime_loaded").GetBoolean(), Is.True);
                Assert.That(root.GetProperty("pairs").GetInt32(), Is.EqualTo(240));
                Assert.That(root.GetProperty("pairs_by_source").GetProperty("bootstrap").GetInt32(), Is.EqualTo(240));
                Assert.That(root.GetProperty("cached_embeddings")[0].GetProperty("generator").GetString(), Is.EqualTo("local:arctic-embed-xs-int8"), "the default embedder");
                Assert.That(root.GetProperty("cached_embeddings")[0].GetProperty("count").GetInt32(), Is.GreaterThan(100));
            });
        }

        var smoke = await cli.RunAsync("ranker", "smoke");
        Assert.That(smoke.ExitCode, Is.Zero, smoke.ToString());
        Assert.That(smoke.Out, Does.Contain("provenance: model").And.Contain("latency_us_per_item: "));

        var items = await cli.RunAsync("ranker", "items", "--platform", "github", "--section", "bio", "--limit", "2", "--json");
        Assert.That(items.ExitCode, Is.Zero, items.ToString());
        string[] ids;
        using (var json = JsonDocument.Parse(items.Out))
        {
            ids = [.. json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];
        }

        Assert.That(ids, Has.Length.EqualTo(2));
        var label = await cli.RunAsync("ranker", "label", "--a", ids[0], "--b", ids[1], "--better", "b", "--tags", "clarity,impact");
        Assert.That(label.ExitCode, Is.Zero, label.ToString());
        Assert.That(label.Out, Does.Contain("label: -1  source: manual").And.Contain("stored: new"));
        var afterLabel = await cli.RunAsync("ranker", "status");
        Assert.That(afterLabel.Out, Does.Contain("pairs: 241").And.Contain("manual=1"));

        var evaluate = await cli.RunAsync("ranker", "evaluate", "--pairs", JudgementFile, "--json");
        Assert.That(evaluate.ExitCode, Is.Zero, evaluate.ToString());
        using (var json = JsonDocument.Parse(evaluate.Out))
        {
            var root = json.RootElement;
            Assert.That(root.GetProperty("pairs").GetInt32(), Is.EqualTo(File.ReadLines(JudgementFile).Count(l => l.Trim().Length > 0)));
            Assert.That(root.GetProperty("model_accuracy").GetDouble(), Is.InRange(0.0, 1.0));
            Assert.That(root.GetProperty("heuristic_accuracy").GetDouble(), Is.InRange(0.0, 1.0));
        }

        foreach (var file in Directory.GetFiles(cli.ModelsDirectory))
        {
            File.Delete(file);
        }

        var fallback = await cli.RunAsync("ranker", "smoke");
        Assert.That(fallback.ExitCode, Is.Zero, fallback.ToString());
        Assert.That(fallback.Out, Does.Contain("provenance: heuristic (no_model"));
    }
}
