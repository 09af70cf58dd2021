using System.Diagnostics;
using Ancso.Ml.DependencyInjection;
using Ancso.Ml.Inference;
using Ancso.Ml.Models;
using Ancso.Ml.Learning.Export;
using Ancso.Ml.Learning.Dataset;
using Microsoft.Extensions.DependencyInjection;

namespace Ancso.Ml.Cli.Tests;

/// <summary>
/// <c>kill -9</c> at many points of <c>ancso ranker train</c> and <c>ancso ranker export</c> (a real process each time):
/// whatever the moment, the active model still loads and scores, the dataset is whole, and what the crash left behind
/// (temporary files, metadata without a model) is swept by the registry.
/// </summary>
public class CliCrashTests
{
    private static readonly string CliDll = Path.Combine(AppContext.BaseDirectory, "Ancso.Ml.Cli.dll");

    // Training's first progress line, and its last: the refit on every pair (the setup has validation pairs) at 100%; then
    // come the ONNX export, the parity check and the activation.
    private const string TrainStarted = "train (";
    private const string TrainDone = "train (refit on all pairs): 100%";

    // Where to kill: after a marker line on stderr (or the start), then a delay in milliseconds.
    private static readonly (string Command, string? Marker, int DelayMs)[] KillPoints =
    [
        ("train", null, 0), ("train", null, 150), ("train", null, 400), ("train", null, 800),
        ("train", TrainStarted, 0), ("train", TrainDone, 0), ("train", TrainDone, 2), ("train", TrainDone, 8),
        ("train", TrainDone, 25), ("train", TrainDone, 60), ("train", TrainDone, 120), ("train", TrainDone, 250),
        ("export", null, 0), ("export", null, 100), ("export", null, 300), ("export", "export: ", 0),
        ("export", "export: 100%", 0), ("export", "export: 100%", 2), ("export", "export: 100%", 8), ("export", "export: 100%", 30),
    ];

    [Test]
    [CancelAfter(10 * 60 * 1000)]
    public async Task TrainAndExport_KilledAtManyPoints_ActiveModelAlwaysServesAndLeftoversAreSwept(CancellationToken cancellationToken)
    {
        using var cli = new CliRunner("--embeddings", "hashing");
        Assert.That(File.Exists(CliDll), Is.True, $"{CliDll} is copied to the test output by the project reference");
        foreach (var setup in new[] { new[] { "bootstrap", "--n-pairs", "30" }, ["export"], ["train", "--epochs", "3"] })
        {
            var run = await cli.RunAsync(["ranker", .. setup]);
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
        }

        var datasetBytes = await File.ReadAllBytesAsync(Path.Combine(cli.DataDirectory, "dataset.jsonl"), cancellationToken);
        var outcomes = new List<string>();
        foreach (var (command, marker, delay) in KillPoints)
        {
            var exit = await RunAndKillAsync(cli, command, marker, delay, cancellationToken);
            outcomes.Add($"{command} {marker ?? "start"}+{delay}ms: {exit}");

            var status = await ServeAsync(cli.ModelsDirectory, cancellationToken);
            Assert.That(status.Provenance.Kind, Is.EqualTo(ProvenanceKind.Model), $"after {outcomes[^1]}: {status.Provenance}");
            var metadata = await PairDatasetReader.ReadMetadataAsync(Path.Combine(cli.DataDirectory, "metadata.json"), cancellationToken);
            Assert.That(await File.ReadAllBytesAsync(Path.Combine(cli.DataDirectory, "dataset.jsonl"), cancellationToken), Is.EqualTo(datasetBytes), $"after {outcomes[^1]}: the dataset is whole");
            Assert.That(metadata.DatasetHash, Is.EqualTo(await PairDatasetReader.ComputeHashAsync(Path.Combine(cli.DataDirectory, "dataset.jsonl"), cancellationToken)));
        }

        await TestContext.Out.WriteLineAsync(string.Join(Environment.NewLine, outcomes));
        await TestContext.Out.WriteLineAsync("left in the models folder: " + string.Join(", ", Directory.GetFiles(cli.ModelsDirectory).Select(Path.GetFileName)));
        using var later = new FileModelRegistry(cli.ModelsDirectory, new ShiftedTimeProvider(FileModelRegistry.StaleAfter + TimeSpan.FromMinutes(1)));
        var versions = await later.ListVersionsAsync(cancellationToken);
        var leftovers = Directory.GetFiles(cli.ModelsDirectory).Select(Path.GetFileName).Where(n => n!.EndsWith(".tmp", StringComparison.Ordinal)).ToList();
        Assert.That(leftovers, Is.Empty, string.Join("; ", outcomes));
        Assert.That(versions.Where(v => v.Metadata is null).Select(v => v.Version), Is.Empty, "every stored model has its metadata");
        Assert.That(Directory.GetFiles(cli.ModelsDirectory, "ranker-*.metadata.json").Length, Is.EqualTo(versions.Count), "no metadata without its model");
        Assert.That((await later.GetActiveAsync(cancellationToken))?.Version, Is.Not.Null);
    }

    private static async Task<string> RunAndKillAsync(CliRunner cli, string command, string? marker, int delayMs, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { CliDll, "ranker", command, "--data", cli.DataDirectory, "--models", cli.ModelsDirectory }.Concat(cli.ExtraArguments))
        {
            start.ArgumentList.Add(argument);
        }

        if (command == "train")
        {
            start.ArgumentList.Add("--epochs");
            start.ArgumentList.Add("3");
        }

        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var process = new Process { StartInfo = start };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line && marker is not null && line.StartsWith(marker, StringComparison.Ordinal))
            {
                seen.TrySetResult();
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            if (marker is null)
            {
                seen.TrySetResult();
            }

            var exited = process.WaitForExitAsync(cancellationToken);
            await Task.WhenAny(seen.Task, exited);
            if (delayMs > 0)
            {
                await Task.WhenAny(Task.Delay(delayMs, cancellationToken), exited);
            }

            if (process.HasExited)
            {
                return $"finished first (exit {process.ExitCode})";
            }

            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(cancellationToken);
            return "killed";
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task<RankerStatus> ServeAsync(string modelsDirectory, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddRanker(o =>
        {
            o.ModelsDirectory = modelsDirectory;
            o.HotReload = false;
        });
        await using var provider = services.BuildServiceProvider();
        var ranker = provider.GetRequiredService<IRankerInferenceService>();
        await ranker.InitializeAsync(cancellationToken);
        return await ranker.GetStatusAsync(cancellationToken);
    }

    /// <summary>The dotnet host running the tests, to run the CLI's dll as a child process.</summary>
    internal static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }

    /// <summary>The system clock, moved forward: the registry's sweep sees every leftover as stale.</summary>
    private sealed class ShiftedTimeProvider(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + shift;
    }
}
