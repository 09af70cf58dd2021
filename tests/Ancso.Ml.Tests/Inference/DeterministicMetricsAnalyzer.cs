using Ancso.Ml.Metrics;

namespace Ancso.Ml.Tests.Inference;

/// <summary>A stand-in for the metrics analyzer: six metrics in [0, 1] derived from a stable hash of the text, counting its calls.</summary>
internal sealed class DeterministicMetricsAnalyzer : IContentMetricsAnalyzer
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public ContentMetrics Analyze(string platform, string section, string text)
    {
        Interlocked.Increment(ref _calls);
        var h = 14695981039346656037UL;
        foreach (var c in text)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        float At(int i) => ((h >> (i * 8)) & 0xFF) / 255f;
        return new ContentMetrics(At(0), At(1), At(2), At(3), At(4), At(5));
    }
}
