using Ancso.Ml.Metrics;

namespace Ancso.Ml.Tests.Pairs.Bootstrap;

/// <summary>
/// A small deterministic stand-in for the metrics analyzer: clarity falls with sentence length, impact rises with action
/// verbs, keyword score rises with named technologies. Good enough to spread heuristic scores; counts its calls.
/// </summary>
internal sealed class FakeMetricsAnalyzer : IContentMetricsAnalyzer
{
    private static readonly string[] ActionWords = ["built", "led", "designed", "wrote", "introduced", "shipped", "cut", "reduced", "maintain", "build", "rewrote", "migrated"];
    private static readonly string[] TechWords = ["go", "rust", "python", "kotlin", "swift", "react", "typescript", "postgresql", "kubernetes", "terraform", "c++", "java", "sql", "aws"];

    public int Calls { get; private set; }

    public ContentMetrics Analyze(string platform, string section, string text)
    {
        Calls++;
        var words = text.Split((char[])[' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim('.', ',', ';', ':', '(', ')', '*', '-').ToLowerInvariant())
            .Where(w => w.Length > 0)
            .ToList();
        var sentences = Math.Max(1, text.Count(c => c is '.' or '!' or '?' or '\n'));
        var wordsPerSentence = words.Count / (float)sentences;
        var clarity = Math.Clamp(1f - (Math.Abs(wordsPerSentence - 14f) / 30f), 0f, 1f);
        var impact = Math.Clamp(words.Count(ActionWords.Contains) / 3f, 0f, 1f);
        var keywords = Math.Clamp(words.Distinct().Count(TechWords.Contains) / 3f, 0f, 1f);
        return new ContentMetrics(clarity, impact, 0.5f, keywords, 0.5f, clarity);
    }
}
