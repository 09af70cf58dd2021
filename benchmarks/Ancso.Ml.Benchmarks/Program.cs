using Ancso.Ml.Benchmarks;
using Ancso.Ml.Benchmarks.PostgreSql;
using Ancso.Ml.Benchmarks.Training;
using BenchmarkDotNet.Running;

// --smoke: run every benchmark once, in process, to check that it works (seconds, no measurement).
// training-loop | training-prepare | training-run | dataset-read | dataset-formats | store-prepare: process-level
// harnesses (whole-run timings and data preparation, see README).
// interleaved <class> [rounds] [calls]: one class's benchmarks in turn, median ratios to its baseline (noisy machines).
// postgresql <connection string> [choices per writer]: the PostgreSQL store, cache and registry against SQLite (see README).
// Anything else goes to BenchmarkDotNet: e.g. --filter '*' (everything), --job short, --job dry.
if (args is ["--smoke"])
{
    foreach (var type in BenchmarkSmoke.BenchmarkTypes)
    {
        await BenchmarkSmoke.RunAsync(type, Console.Out);
    }

    return 0;
}

if (args is ["interleaved", ..])
{
    return await InterleavedHarness.RunAsync(args);
}

if (args is ["postgresql", ..])
{
    return await PostgreSqlHarness.RunAsync(args);
}

if (args.Length > 0 && (args[0].StartsWith("training-", StringComparison.Ordinal) || args[0].StartsWith("dataset-", StringComparison.Ordinal) || args[0] == "store-prepare"))
{
    return await TrainingHarness.RunAsync(args);
}

BenchmarkSwitcher.FromAssembly(typeof(BenchmarkSmoke).Assembly).Run(args);
return 0;
