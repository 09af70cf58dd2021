namespace Ancso.Ml.Metrics;

/// <summary>The built-in metrics analyzer. (Being written: see the metrics work item.)</summary>
internal sealed class ContentMetricsAnalyzer : IContentMetricsAnalyzer
{
    public ContentMetrics Analyze(string platform, string section, string text) => throw new NotImplementedException();
}
