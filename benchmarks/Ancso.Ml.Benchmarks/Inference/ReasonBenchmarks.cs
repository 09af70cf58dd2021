using Ancso.Ml.Inference;
using BenchmarkDotNet.Attributes;

namespace Ancso.Ml.Benchmarks.Inference;

/// <summary>
/// What reasons cost a comparison: two featurized items compared by a model with a reason output (the reasons computed
/// from its second output) against the same network without one, as models were before reasons (the baseline).
/// </summary>
[MemoryDiagnoser]
public class ReasonBenchmarks
{
    private InferenceBenchmarkFixture _withoutReasons = null!;
    private InferenceBenchmarkFixture _withReasons = null!;

    [GlobalSetup]
    public void Setup()
    {
        _withoutReasons = new InferenceBenchmarkFixture();
        _withReasons = new InferenceBenchmarkFixture(withReasons: true);
        var check = _withReasons.Service.CompareAsync(_withReasons.FeaturizedItem, _withReasons.OtherFeaturizedItem).AsTask().GetAwaiter().GetResult();
        if (check.ReasonSource != Reasons.ReasonSource.Model || check.Reasons.Count == 0)
        {
            throw new InvalidOperationException($"The reason model gave no reasons ({check.ReasonSource}); the benchmark would measure nothing.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _withoutReasons.Dispose();
        _withReasons.Dispose();
    }

    [Benchmark(Baseline = true)]
    public ValueTask<ComparisonResult> CompareWithoutReasons() => _withoutReasons.Service.CompareAsync(_withoutReasons.FeaturizedItem, _withoutReasons.OtherFeaturizedItem);

    [Benchmark]
    public ValueTask<ComparisonResult> CompareWithReasons() => _withReasons.Service.CompareAsync(_withReasons.FeaturizedItem, _withReasons.OtherFeaturizedItem);
}
