using System.Text.Json;
using Ancso.Ml.Pairs.Export;

namespace Ancso.Ml.Cli.Tests;

/// <summary><c>export --format</c> and <c>train --from-store</c>: both layouts train, and the store trains as its compact export does.</summary>
public class CliDatasetTests
{
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
        Assert.That(File.Exists(Path.Combine(cli.DataDirectory, "dataset.bin")) || File.Exists(Path.Combine(cli.DataDirectory, "metadata.json")), Is.False, "no file in between");
        var export = await cli.RunAsync("ranker", "export");
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
