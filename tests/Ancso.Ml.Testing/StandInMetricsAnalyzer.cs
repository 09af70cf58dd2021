using Ancso.Ml.Metrics;

namespace Ancso.Ml.Testing;

/// <summary>A deterministic analyzer for tests: metrics derived from simple counts of the text, all in [0, 1].</summary>
public sealed class StandInMetricsAnalyzer : IContentMetricsAnalyzer
{
    public int Calls { get; private set; }

    public ContentMetrics Analyze(string platform, string section, string text)
    {
        Calls++;
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var digits = text.Count(char.IsDigit);
        return new ContentMetrics(
            Clarity: 1f / (1 + words),
            Impact: Math.Min(1f, digits / 10f),
            Relevance: section.Length / 20f,
            KeywordScore: (text.Length % 17) / 17f,
            Specificity: Math.Min(1f, text.Count(char.IsUpper) / 8f),
            Readability: platform.Length / 10f);
    }
}
