using Ancso.Ml.Benchmarks;

namespace Ancso.Ml.Tests.Benchmarks;

public class BenchmarkSmokeTests
{
    [Test]
    public void BenchmarkTypes_Assembly_IncludesTheInferenceBenchmarks()
    {
        Assert.That(BenchmarkSmoke.BenchmarkTypes.Select(t => t.Name), Does.Contain("InferenceBenchmarks"));
    }

    [TestCaseSource(typeof(BenchmarkSmoke), nameof(BenchmarkSmoke.BenchmarkTypes))]
    public async Task RunAsync_EveryBenchmark_RunsOnceWithTheModel(Type type)
    {
        using var log = new StringWriter();

        var ran = await BenchmarkSmoke.RunAsync(type, log);

        Assert.That(ran, Is.Not.Empty);
        Assert.That(log.ToString(), Does.Not.Contain("heuristic"));
    }
}
