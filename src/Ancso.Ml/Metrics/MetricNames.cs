namespace Ancso.Ml.Metrics;

/// <summary>The names of the six text metrics, as they appear in model metadata and datasets.</summary>
public static class MetricNames
{
    /// <summary>How easy the text is to follow: <c>clarity</c>.</summary>
    public const string Clarity = "clarity";

    /// <summary>How strongly the text shows action and outcomes: <c>impact</c>.</summary>
    public const string Impact = "impact";

    /// <summary>How well the text fits its platform and section: <c>relevance</c>.</summary>
    public const string Relevance = "relevance";

    /// <summary>Coverage of the section's expected vocabulary, penalised for stuffing: <c>keyword_score</c>.</summary>
    public const string KeywordScore = "keyword_score";

    /// <summary>How concrete the text is (named tools, scopes, figures) rather than generic: <c>specificity</c>.</summary>
    public const string Specificity = "specificity";

    /// <summary>Sentence and word-level ease of reading: <c>readability</c>.</summary>
    public const string Readability = "readability";

    /// <summary>Gets the six metric names in the default feature order.</summary>
    public static IReadOnlyList<string> All { get; } = [Clarity, Impact, Relevance, KeywordScore, Specificity, Readability];
}
