using Ancso.Ml.Benchmarks;
using BenchmarkDotNet.Running;

// --smoke: run every benchmark once, in process, to check that it works (seconds, no measurement).
// Anything else goes to BenchmarkDotNet: e.g. --filter '*' (everything), --job short, --job dry.
if (args is ["--smoke"])
{
    foreach (var type in BenchmarkSmoke.BenchmarkTypes)
    {
        await BenchmarkSmoke.RunAsync(type, Console.Out);
    }

    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(BenchmarkSmoke).Assembly).Run(args);
return 0;
