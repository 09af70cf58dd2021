namespace Ancso.Ml.Metrics;

/// <summary>Computes the six text metrics of a piece of content. Implementations are deterministic and thread-safe.</summary>
public interface IContentMetricsAnalyzer
{
    /// <summary>Analyzes a text.</summary>
    /// <param name="platform">The platform, for example <c>linkedin</c>.</param>
    /// <param name="section">The section, for example <c>headline</c>; unknown sections are analyzed generically.</param>
    /// <param name="text">The text; any length, any script, possibly empty.</param>
    /// <returns>Six metrics, each a finite number in [0, 1].</returns>
    ContentMetrics Analyze(string platform, string section, string text);
}
