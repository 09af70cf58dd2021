using Ancso.Ml.Benchmarks.Training;
using BenchmarkDotNet.Running;

if (args.Length > 0 && args[0].StartsWith("training-", StringComparison.Ordinal))
{
    return await TrainingHarness.RunAsync(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
