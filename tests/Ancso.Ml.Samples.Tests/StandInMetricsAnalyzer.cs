using Ancso.Ml.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ancso.Ml.Samples.Tests;

/// <summary>
/// A deterministic analyzer: metrics from simple counts of the text, all in [0, 1], so that texts with numbers and
/// capitals score higher. Stands in for the built-in analyzer, which the samples' tests do not test.
/// </summary>
internal sealed class StandInMetricsAnalyzer : IContentMetricsAnalyzer
{
    public ContentMetrics Analyze(string platform, string section, string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return new ContentMetrics(
            Clarity: Math.Min(1f, words / 12f),
            Impact: Math.Min(1f, text.Count(char.IsDigit) / 6f),
            Relevance: 0.5f,
            KeywordScore: Math.Min(1f, text.Count(char.IsUpper) / 6f),
            Specificity: (text.Length % 17) / 17f,
            Readability: 0.5f);
    }

    public static void Replace(IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Singleton<IContentMetricsAnalyzer, StandInMetricsAnalyzer>());
}
