using System.Diagnostics;
using System.Globalization;
using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Pairs.Storage;
using Ancso.Ml.Sqlite;

namespace Ancso.Ml.Sqlite.Tests;

/// <summary>Several processes record into one SQLite pair store at once, through the public recorder, one call per choice.</summary>
public class PairStoreConcurrencyTests
{
    private const int Writers = 4;
    private const int ChoicesPerWriter = 10_000;
    private const int SharedTexts = 50;

    [Test]
    [CancelAfter(10 * 60 * 1000)]
    public async Task RecordUserChoiceAsync_FourProcessesAtOnce_LosesAndDuplicatesNothing(CancellationToken cancellationToken)
    {
        using var directory = new PairTestDirectory();
        var databasePath = directory.File("pairs.db");
        var writerDll = await FindWriterAsync();
        var processes = new List<Process>();
        try
        {
            for (var writer = 0; writer < Writers; writer++)
            {
                processes.Add(Start(writerDll, databasePath, writer));
            }

            foreach (var process in processes)
            {
                var ready = await process.StandardOutput.ReadLineAsync(cancellationToken);
                if (ready != "ready")
                {
                    Assert.Fail($"A writer did not start: {ready} {await process.StandardError.ReadToEndAsync(cancellationToken)}");
                }
            }

            foreach (var process in processes)
            {
                await process.StandardInput.WriteLineAsync("go");
                await process.StandardInput.FlushAsync(cancellationToken);
            }

            var outcomes = await Task.WhenAll(processes.Select(async p =>
            {
                var stdout = p.StandardOutput.ReadToEndAsync(cancellationToken);
                var stderr = p.StandardError.ReadToEndAsync(cancellationToken);
                await p.WaitForExitAsync(cancellationToken);
                return (p.ExitCode, Out: (await stdout).Trim(), Error: await stderr);
            }));

            foreach (var (exitCode, output, error) in outcomes)
            {
                Assert.That(error, Is.Empty);
                Assert.That(exitCode, Is.Zero);
                Assert.That(output, Is.EqualTo($"stored={ChoicesPerWriter} retried={ChoicesPerWriter / 10}"));
            }
        }
        finally
        {
            foreach (var process in processes)
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }

                process.Dispose();
            }
        }

        using var store = new SqlitePairStore(new SqlitePairStoreOptions { DatabasePath = databasePath }, TimeProvider.System);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var rows = 0;
        await foreach (var pair in store.StreamPairsAsync(cancellationToken: cancellationToken))
        {
            rows++;
            ids.Add(pair.Id);
        }

        var expected = Enumerable.Range(0, Writers)
            .SelectMany(w => Enumerable.Range(0, ChoicesPerWriter).Select(i => string.Create(CultureInfo.InvariantCulture, $"p_w{w}_{i:D5}")));
        Assert.That(rows, Is.EqualTo(Writers * ChoicesPerWriter), "no pair duplicated");
        Assert.That(ids.SetEquals(expected), Is.True, "every recorded pair present");
        Assert.That(await store.CountItemsAsync(cancellationToken: cancellationToken), Is.EqualTo(SharedTexts + (Writers * ChoicesPerWriter)));
        Assert.That((await store.CountPairsAsync(cancellationToken: cancellationToken)).BySource[PairSources.UserChoice], Is.EqualTo(Writers * ChoicesPerWriter));
    }

    private static Process Start(string writerDll, string databasePath, int writer)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { writerDll, databasePath, writer.ToString(CultureInfo.InvariantCulture), ChoicesPerWriter.ToString(CultureInfo.InvariantCulture), SharedTexts.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"Could not start {writerDll}.");
    }

    private static async Task<string> FindWriterAsync()
    {
        var pointer = Path.Combine(AppContext.BaseDirectory, "pair-store-writer.path");
        Assert.That(File.Exists(pointer), Is.True, $"{pointer} is written by the test project's build; build tests/Ancso.Ml.Tests (or the solution) first.");
        var dll = (await File.ReadAllTextAsync(pointer)).Trim();
        Assert.That(File.Exists(dll), Is.True, $"The writer {dll} is missing; build tests/Ancso.Ml.PairStoreWriter.");
        return dll;
    }

    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
