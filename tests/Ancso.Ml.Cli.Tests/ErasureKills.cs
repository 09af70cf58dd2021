using System.Diagnostics;
using Microsoft.Data.Sqlite;
using static Ancso.Ml.Cli.Tests.ErasureTestData;

namespace Ancso.Ml.Cli.Tests;

/// <summary>
/// Runs <c>ancso ranker erase --rater</c> as a child process and kills it (<c>kill -9</c>) at a chosen point; then says,
/// from a copy of the files it left, how far it got.
/// </summary>
internal static class ErasureKills
{
    /// <summary>The log line the SQLite store writes once the erasure's transaction has committed.</summary>
    public const string CommitMarker = "[3406]";

    /// <summary>The eraser's audit log line, written once the dataset is deleted and the models are checked.</summary>
    public const string DoneMarker = "[4000]";

    /// <summary>Gets the CLI's dll, copied to the test output by the project reference.</summary>
    public static string CliDll { get; } = Path.Combine(AppContext.BaseDirectory, "Ancso.Ml.Cli.dll");

    /// <summary>
    /// Says how far the killed erasure got, from a copy of the files it left (opening them in place would checkpoint the
    /// WAL, and the rerun must find them exactly as the kill left them).
    /// </summary>
    public static ErasurePhase Phase(CliRunner cli)
    {
        var database = Path.Combine(cli.DataDirectory, "pairs.db");
        var walBytes = File.Exists(database + "-wal") ? new FileInfo(database + "-wal").Length : -1;
        var dataset = File.Exists(Path.Combine(cli.DataDirectory, "dataset.bin"));
        var metadata = File.Exists(Path.Combine(cli.DataDirectory, "metadata.json"));
        var scratch = Path.Combine(cli.Root, "forensic");
        Directory.CreateDirectory(scratch);
        foreach (var file in Directory.GetFiles(cli.DataDirectory, "pairs.db*"))
        {
            File.Copy(file, Path.Combine(scratch, Path.GetFileName(file)));
        }

        long xPairs, generation, vacuumed;
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(scratch, "pairs.db"), Pooling = false }.ToString()))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT (SELECT COUNT(*) FROM pairs WHERE rater = $rater), (SELECT COALESCE(MAX(generation), 0) FROM erased_pairs),
                       (SELECT vacuumed_generation FROM store_info WHERE id = 1);
                """;
            command.Parameters.AddWithValue("$rater", RaterTestData.Pseudonym(RaterX));
            using var reader = command.ExecuteReader();
            reader.Read();
            (xPairs, generation, vacuumed) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        }

        Directory.Delete(scratch, recursive: true);
        return new ErasurePhase(xPairs == 0, generation > 0 && vacuumed >= generation, walBytes, dataset, metadata);
    }

    /// <summary>Runs <c>erase --rater</c> as a child process and kills it at <paramref name="killPoint"/> (none: lets it finish), watching its WAL grow.</summary>
    public static async Task<ChildRun> RunAndKillAsync(CliRunner cli, KillPoint? killPoint, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(CliCrashTests.DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            CliDll, "ranker", "erase", "--rater", RaterX, "--verbose",
            "--data", cli.DataDirectory, "--models", cli.ModelsDirectory, "--config", cli.ConfigFile!, .. cli.ExtraArguments,
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var wal = new FileInfo(Path.Combine(cli.DataDirectory, "pairs.db-wal"));
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var trace = new List<string>();
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.ErrorDataReceived += (_, e) =>
        {
            foreach (var marker in new[] { CommitMarker, DoneMarker }.Where(m => e.Data?.Contains(m, StringComparison.Ordinal) == true))
            {
                lock (trace)
                {
                    trace.Add($"{marker} at {clock.ElapsedMilliseconds} ms");
                }

                if (marker == killPoint?.Trigger)
                {
                    seen.TrySetResult();
                }
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        long largestWal = 0;
        try
        {
            var exited = process.WaitForExitAsync(cancellationToken);
            if (killPoint is { Trigger: "start" })
            {
                seen.TrySetResult();
            }

            if (Polled(killPoint) is { } reached)
            {
                // Polls the files until the kill point's condition holds (with none, until the end, measuring the WAL).
                var dataset = Path.Combine(cli.DataDirectory, "dataset.bin");
                while (!exited.IsCompleted && !reached(largestWal, wal, dataset))
                {
                    wal.Refresh();
                    largestWal = Math.Max(largestWal, wal.Exists ? wal.Length : 0);
                    await Task.Delay(1, cancellationToken);
                }

                lock (trace)
                {
                    trace.Add($"largest WAL {largestWal} B at {clock.ElapsedMilliseconds} ms");
                }
            }
            else
            {
                await Task.WhenAny(seen.Task, exited);
                if (killPoint!.Value > 0)
                {
                    await Task.WhenAny(Task.Delay(killPoint.Value, cancellationToken), exited);
                }
            }

            if (process.HasExited)
            {
                await process.WaitForExitAsync(cancellationToken);
                return new ChildRun($"finished first (exit {process.ExitCode})", Trace(), largestWal);
            }

            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(cancellationToken);
            return new ChildRun($"killed at {clock.ElapsedMilliseconds} ms", Trace(), largestWal);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        string Trace()
        {
            lock (trace)
            {
                return string.Join(", ", trace);
            }
        }
    }

    /// <summary>The condition a polled kill point waits for (largest WAL size so far, the WAL, dataset.bin), or <see langword="null"/> for a timed one.</summary>
    private static Func<long, FileInfo, string, bool>? Polled(KillPoint? killPoint) => killPoint?.Trigger switch
    {
        null => static (_, _, _) => false,
        "wal" => (largest, _, _) => largest >= Math.Max(1, killPoint.LargestWal * killPoint.Value / 100),
        "checkpointed" => static (largest, wal, _) => largest > 0 && wal.Exists && wal.Length == 0,
        "dataset-gone" => static (_, _, dataset) => !File.Exists(dataset),
        _ => null,
    };

    /// <summary>When to kill: <see cref="Value"/> milliseconds after the start or a marker line, or when the WAL reaches <see cref="Value"/> % of <see cref="LargestWal"/>.</summary>
    public sealed record KillPoint(string Trigger, int Value, long LargestWal = 0)
    {
        public override string ToString() => Trigger == "wal" ? $"WAL at {Value} % of {LargestWal} B" : $"{Trigger} + {Value} ms";
    }

    public sealed record ChildRun(string Outcome, string Trace, long LargestWal);

    /// <summary>How far a killed erasure got.</summary>
    public sealed record ErasurePhase(bool Committed, bool Rebuilt, long WalBytes, bool Dataset, bool Metadata)
    {
        public const string InTransaction = "in the store's transaction (uncommitted pages in the WAL)";
        public const string NotRebuilt = "committed, file not rebuilt";

        public string Name =>
            !Committed ? (WalBytes > 0 ? InTransaction : "before the store's transaction wrote anything")
            : !Rebuilt ? NotRebuilt
            : WalBytes > 0 ? "rebuilt, WAL not checkpointed"
            : Dataset ? "checkpointed, dataset not deleted"
            : Metadata ? "dataset deleted, metadata.json not"
            : "dataset and metadata deleted";

        public override string ToString() => $"{Name} [WAL {(WalBytes < 0 ? "absent" : WalBytes + " B")}]";
    }
}
