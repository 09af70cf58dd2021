using System.Text.Json;
using Ancso.Ml.Learning.Export;
using Ancso.Ml.Learning.Dataset;

namespace Ancso.Ml.Cli.Tests;

/// <summary>
/// <c>export --format</c> and <c>train --from-store</c>: <c>export</c> writes the original system's <c>dataset.jsonl</c> and
/// <c>metadata.json</c> unless asked for the compact layout, both layouts train, and the store trains as its compact export does.
/// </summary>
public class CliDatasetTests
{
    // export wrote the compact dataset.bin by default; the original system's guide and Python tools read dataset.jsonl.
    [Test]
    public async Task Export_NoFormat_WritesJsonlAndMetadataIntoOut()
    {
        using var cli = new CliRunner("--embeddings", "hashing");
        Assert.That((await cli.RunAsync("ranker", "bootstrap", "--platform", "github", "--n-pairs", "30")).ExitCode, Is.Zero);
        var folder = Path.Combine(cli.Root, "out", "ranker");

        var export = await cli.RunAsync("ranker", "export", "--out", folder);

        Assert.That(export.ExitCode, Is.Zero, export.ToString());
        var metadata = await PairDatasetReader.ReadMetadataAsync(Path.Combine(folder, "metadata.json"));
        Assert.Multiple(() =>
        {
            Assert.That(export.Out, Does.Contain("format: jsonl").And.Contain($"dataset: {Path.Combine(folder, "dataset.jsonl")}"), export.ToString());
            Assert.That(File.ReadLines(Path.Combine(folder, "dataset.jsonl")).Count(), Is.EqualTo(30));
            Assert.That(File.Exists(Path.Combine(folder, "dataset.bin")), Is.False);
            Assert.That(metadata.Format, Is.EqualTo(PairDatasetFormat.Jsonl));
            Assert.That(metadata.DatasetFile ?? "dataset.jsonl", Is.EqualTo("dataset.jsonl"), "the metadata names the JSON Lines file (or leaves it to the default)");
            Assert.That(metadata.PairCount, Is.EqualTo(30));
        });
    }

    [Test]
    public async Task ExportCompact_ReplacesTheJsonl_MetadataNamesTheBin_TrainReadsIt()
    {
        using var cli = new CliRunner("--embeddings", "hashing");
        Assert.That((await cli.RunAsync("ranker", "bootstrap", "--platform", "github", "--n-pairs", "30")).ExitCode, Is.Zero);
        Assert.That((await cli.RunAsync("ranker", "export")).ExitCode, Is.Zero);
        Assert.That(File.Exists(Path.Combine(cli.DataDirectory, "dataset.jsonl")), Is.True);

        var export = await cli.RunAsync("ranker", "export", "--format", "compact");

        Assert.That(export.ExitCode, Is.Zero, export.ToString());
        var metadata = await PairDatasetReader.ReadMetadataAsync(Path.Combine(cli.DataDirectory, "metadata.json"));
        Assert.Multiple(() =>
        {
            Assert.That(export.Out, Does.Contain("format: compact"), export.ToString());
            Assert.That(File.Exists(Path.Combine(cli.DataDirectory, "dataset.bin")), Is.True);
            Assert.That(File.Exists(Path.Combine(cli.DataDirectory, "dataset.jsonl")), Is.False, "one dataset in the folder");
            Assert.That(metadata.DatasetFile, Is.EqualTo("dataset.bin"));
        });

        var train = await cli.RunAsync("ranker", "train", "--epochs", "2", "--json");
        Assert.That(train.ExitCode, Is.Zero, train.ToString());
        using var json = JsonDocument.Parse(train.Out);
        Assert.That(json.RootElement.GetProperty("pairs_read").GetInt32(), Is.EqualTo(30));
    }

    [Test]
    public async Task Export_Help_SaysJsonlIsTheDefaultAndCompactIsOneFlagAway()
    {
        using var cli = new CliRunner();
        var help = await cli.RunAsync("ranker", "export", "--help");
        Assert.That(help.ExitCode, Is.Zero, help.ToString());
        Assert.That(help.Out, Does.Contain("--format <compact|jsonl>").Or.Contain("--format <jsonl|compact>"), help.ToString());
        Assert.That(help.Out, Does.Contain("[default: jsonl]"), help.ToString());
    }

    // quickstart trains straight from its export, which nothing else reads: it keeps the compact layout, for speed.
    [Test]
    public async Task Quickstart_Small_ExportsCompactTrainsAndCompares()
    {
        using var cli = new CliRunner("--embeddings", "hashing");
        var run = await cli.RunAsync("ranker", "quickstart", "--n-pairs", "30", "--epochs", "2");
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Out, Does.Contain("format: compact").And.Contain("activated: yes").And.Contain("the model preferred the stronger text in"), run.ToString());
            Assert.That(File.Exists(Path.Combine(cli.DataDirectory, "dataset.bin")), Is.True);
            Assert.That(File.Exists(Path.Combine(cli.DataDirectory, "dataset.jsonl")), Is.False);
        });
    }

    [Test]
    public async Task ExportJsonl_ThenTrain_ReadsTheJsonLines()
    {
        using var cli = new CliRunner("--embeddings", "hashing");
        Assert.That((await cli.RunAsync("ranker", "bootstrap", "--platform", "github", "--n-pairs", "40")).ExitCode, Is.Zero);

        var export = await cli.RunAsync("ranker", "export", "--format", "jsonl");
        Assert.That(export.ExitCode, Is.Zero, export.ToString());
        Assert.That(export.Out, Does.Contain("format: jsonl"));
        Assert.That(File.ReadLines(Path.Combine(cli.DataDirectory, "dataset.jsonl")).Count(), Is.EqualTo(40));
        Assert.That(File.Exists(Path.Combine(cli.DataDirectory, "dataset.bin")), Is.False);

        var train = await cli.RunAsync("ranker", "train", "--epochs", "3", "--json");
        Assert.That(train.ExitCode, Is.Zero, train.ToString());
        using var json = JsonDocument.Parse(train.Out);
        Assert.That(json.RootElement.GetProperty("pairs_read").GetInt32(), Is.EqualTo(40));
    }

    [Test]
    public async Task TrainFromStore_GivesTheModelItsCompactExportGives()
    {
        using var cli = new CliRunner("--embeddings", "hashing");
        Assert.That((await cli.RunAsync("ranker", "bootstrap", "--platform", "linkedin", "--n-pairs", "40")).ExitCode, Is.Zero);

        var storeModels = Path.Combine(cli.ModelsDirectory, "from-store");
        var fileModels = Path.Combine(cli.ModelsDirectory, "from-file");
        var fromStore = await cli.RunAsync("ranker", "train", "--from-store", "--epochs", "3", "--output", storeModels, "--json");
        Assert.That(fromStore.ExitCode, Is.Zero, fromStore.ToString());
        Assert.That(Directory.Exists(cli.DataDirectory) ? Directory.GetFiles(cli.DataDirectory).Select(Path.GetFileName).Where(n => n!.StartsWith("dataset.", StringComparison.Ordinal) || n == "metadata.json") : [], Is.Empty, "no file in between");
        var export = await cli.RunAsync("ranker", "export", "--format", "compact");
        Assert.That(export.ExitCode, Is.Zero, export.ToString());
        var fromFile = await cli.RunAsync("ranker", "train", "--epochs", "3", "--output", fileModels, "--json");
        Assert.That(fromFile.ExitCode, Is.Zero, fromFile.ToString());

        var exportHash = (await PairDatasetReader.ReadMetadataAsync(Path.Combine(cli.DataDirectory, "metadata.json"))).DatasetHash;
        using var store = JsonDocument.Parse(fromStore.Out);
        using var file = JsonDocument.Parse(fromFile.Out);
        var storeModel = store.RootElement.GetProperty("model").GetString()!;
        var fileModel = file.RootElement.GetProperty("model").GetString()!;
        Assert.That(storeModel, Is.Not.EqualTo(fileModel));
        Assert.That(await File.ReadAllBytesAsync(storeModel), Is.EqualTo(await File.ReadAllBytesAsync(fileModel)), "same pairs, same features, same seed: the same ONNX bytes");
        Assert.That(Path.GetDirectoryName(storeModel), Is.EqualTo(storeModels));
        Assert.That(await File.ReadAllTextAsync(storeModel[..^".onnx".Length] + ".metadata.json"), Does.Contain(exportHash));
    }

    [Test]
    public async Task TrainFromStoreWithInput_IsAUsageError()
    {
        using var cli = new CliRunner("--embeddings", "hashing");

        var run = await cli.RunAsync("ranker", "train", "--from-store", "--input", "somewhere");

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error, Does.Contain("--from-store"));
    }
}
