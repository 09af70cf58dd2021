using System.Diagnostics;
using System.Text.Json;
using Ancso.Ml.Metrics;
using Ancso.Ml.Models;
using Ancso.Ml.Training.Onnx;

namespace Ancso.Ml.Cli.Tests;

/// <summary>
/// The tool over a models folder a hostile or unlucky user left behind: each command answers at once, in one line or
/// its usual output, with the heuristic and the reason where no model can serve, and never a stack trace.
/// </summary>
public class CliModelFolderTests
{
    private const int Dimension = 1536;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [TestCase("status")]
    [TestCase("smoke")]
    public async Task Command_ModelFileIsAFifo_HeuristicModelCorruptWithoutHanging(string command)
    {
        using var cli = new CliRunner("--embeddings", "hashing");
        StoreModel(cli, "v1", activate: true);
        var model = Path.Combine(cli.ModelsDirectory, ModelFileNames.Model("v1"));
        File.Delete(model);
        MakeFifo(model);

        var run = await cli.RunAsync("ranker", command).WaitAsync(Bound);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Out, Does.Contain("provenance: heuristic (model_corrupt: The model file ranker-v1.onnx").And.Contain("not a regular file"));
        Assert.That(run.Error, Is.Empty, "no log, no stack trace without --verbose");
    }

    [Test]
    public async Task Smoke_ModelIsASymlinkToDevZero_FallsBackAtOnceWithoutStackTrace()
    {
        using var cli = new CliRunner("--embeddings", "hashing");
        StoreModel(cli, "v1", activate: true);
        var model = Path.Combine(cli.ModelsDirectory, ModelFileNames.Model("v1"));
        File.Delete(model);
        File.CreateSymbolicLink(model, "/dev/zero");

        var run = await cli.RunAsync("ranker", "smoke").WaitAsync(Bound);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Out, Does.Contain("provenance: heuristic (model_corrupt:").And.Contain("outside the models folder"));
        Assert.That(run.Out, Does.Not.Contain("not_initialized"));
        Assert.That(run.Error, Is.Empty, run.ToString());
    }

    [Test]
    public async Task Status_PointerModelFileHoldsNul_ModelCorruptWithoutStackTrace()
    {
        using var cli = new CliRunner("--embeddings", "hashing");
        StoreModel(cli, "v1", activate: true);
        await WritePointerAsync(cli, "v1", "\u0000");

        var run = await cli.RunAsync("ranker", "status");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Out, Does.Contain("provenance: heuristic (model_corrupt: active_model.json field 'model_file'"));
        Assert.That(run.Error, Is.Empty, run.ToString());
    }

    [Test]
    public async Task SmokeStatusVersions_PointerVersionDiffersFromItsFiles_AllSayNothingIsActive()
    {
        using var cli = new CliRunner("--embeddings", "hashing");
        StoreModel(cli, "v1", activate: true);
        await WritePointerAsync(cli, "v2", ModelFileNames.Model("v1"), ModelFileNames.Metadata("v1"));

        var smoke = await cli.RunAsync("ranker", "smoke", "--json");
        var status = await cli.RunAsync("ranker", "status", "--json");
        var versions = await cli.RunAsync("ranker", "versions");

        using var smokeJson = JsonDocument.Parse(smoke.Out);
        using var statusJson = JsonDocument.Parse(status.Out);
        Assert.That(smokeJson.RootElement.GetProperty("model_version").ValueKind, Is.EqualTo(JsonValueKind.Null), smoke.ToString());
        Assert.That(statusJson.RootElement.GetProperty("model_version").ValueKind, Is.EqualTo(JsonValueKind.Null), status.ToString());
        Assert.That(smokeJson.RootElement.GetProperty("provenance").GetString(), Does.StartWith("heuristic (model_corrupt:"));
        Assert.That(versions.Out, Does.Contain("  v1  created:").And.Not.Contain("* v1"), versions.ToString());
    }

    [Test]
    public async Task Activate_ModelIsRandomBytes_OneLineErrorAndPointerUntouched()
    {
        using var cli = new CliRunner("--embeddings", "hashing");
        StoreModel(cli, "v1", activate: true);
        var garbage = new byte[32 * 1024];
        new Random(3).NextBytes(garbage);
        StoreModel(cli, "random", activate: false, bytes: garbage);
        var pointer = Path.Combine(cli.ModelsDirectory, ModelFileNames.ActivePointer);
        var before = await File.ReadAllBytesAsync(pointer);

        var run = await cli.RunAsync("ranker", "activate", "random");
        var status = await cli.RunAsync("ranker", "status");

        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Error, Does.StartWith("error: Version 'random'").And.Contain("was not activated").And.Contain("unchanged"));
        Assert.That(run.Error.Trim().Split('\n'), Has.Length.EqualTo(1), run.ToString());
        Assert.That(await File.ReadAllBytesAsync(pointer), Is.EqualTo(before));
        Assert.That(status.Out, Does.Contain("model_version: v1"));
    }

    [Test]
    public async Task Activate_GoodModel_ActivatesIt()
    {
        using var cli = new CliRunner("--embeddings", "hashing");
        StoreModel(cli, "v1", activate: false);

        var run = await cli.RunAsync("ranker", "activate", "v1");
        var smoke = await cli.RunAsync("ranker", "smoke");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(smoke.Out, Does.Contain("provenance: model").And.Contain("model_version: v1"));
    }

    /// <summary>Stores a small random model in the runner's models folder (the files of a models folder, and of a PostgreSQL registry's local copy).</summary>
    internal static void StoreModel(CliRunner cli, string version, bool activate, byte[]? bytes = null)
    {
        var width = Dimension + MetricNames.All.Count;
        var random = new Random(version.GetHashCode(StringComparison.Ordinal));
        DenseLayer Layer(int inputs, int outputs) => new(inputs, outputs,
            [.. Enumerable.Range(0, inputs * outputs).Select(_ => (float)((random.NextDouble() * 2) - 1) / MathF.Sqrt(inputs))],
            new float[outputs]);
        bytes ??= OnnxModelWriter.Write(new MlpWeights([Layer(width, 8), Layer(8, 4), Layer(4, 1)]));
        var metadata = new ModelMetadata
        {
            Version = version,
            InputDimension = width,
            EmbeddingGeneratorId = "ancso:hashing-v1",
            EmbeddingDimension = Dimension,
            MetricNames = [.. MetricNames.All],
            CreatedAt = new DateTimeOffset(2026, 11, 25, 9, 15, 0, TimeSpan.Zero),
        };
        using var registry = new FileModelRegistry(cli.ModelsDirectory);
        registry.StoreAsync(bytes, metadata).GetAwaiter().GetResult();
        if (activate)
        {
            registry.ActivateAsync(version).GetAwaiter().GetResult();
        }
    }

    private static Task WritePointerAsync(CliRunner cli, string version, string modelFile, string? metadataFile = null) =>
        File.WriteAllBytesAsync(Path.Combine(cli.ModelsDirectory, ModelFileNames.ActivePointer), JsonSerializer.SerializeToUtf8Bytes(
            new ActiveModelPointer { Version = version, ModelFile = modelFile, MetadataFile = metadataFile ?? ModelFileNames.Metadata(version) },
            ModelsJsonContext.Default.ActiveModelPointer));

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { RedirectStandardError = true })!;
        mkfifo.WaitForExit();
        Assert.That(mkfifo.ExitCode, Is.Zero, $"mkfifo {path}: {mkfifo.StandardError.ReadToEnd()}");
    }
}
