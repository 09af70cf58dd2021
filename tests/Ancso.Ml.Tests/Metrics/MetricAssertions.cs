using Ancso.Ml.Metrics;

namespace Ancso.Ml.Tests.Metrics;

internal static class MetricAssertions
{
    public static void AllInUnitRange(ContentMetrics metrics, string because)
    {
        foreach (var name in MetricNames.All)
        {
            var value = metrics[name];
            Assert.That(float.IsFinite(value), Is.True, $"{name} is not finite for {because}");
            Assert.That(value, Is.InRange(0f, 1f), $"{name} out of range for {because}");
        }
    }
}
