namespace Ancso.Ml.Features;

/// <summary>
/// The fast reading of an item's own six metrics, and their writing into a feature row, for batches of featurized
/// items (a rank of 1,000 reads 6,000 values): no lookup by hash, no boxed enumerator, no switch per value written.
/// </summary>
internal static class SuppliedMetrics
{
    private const int AllSix = 0b11_1111;

    /// <summary>
    /// Reads six supplied metrics from a <see cref="Dictionary{TKey, TValue}"/> with ordinal keys that holds exactly the
    /// six names, none NaN: the result is what <see cref="FeatureBuilder.GetMetrics"/> gives for it without this (each
    /// value clamped to [0, 1], the analyzer not called). Anything else (another dictionary type or comparer, a missing,
    /// unknown or NaN value) returns <see langword="false"/>, and the general path decides, throwing where it throws.
    /// </summary>
    public static bool TryRead(IReadOnlyDictionary<string, float>? supplied, out ContentMetrics metrics)
    {
        metrics = default;
        if (supplied is not Dictionary<string, float> { Count: 6 } dictionary || !IsOrdinal(dictionary.Comparer))
        {
            return false;
        }

        float clarity = 0, impact = 0, relevance = 0, keywordScore = 0, specificity = 0, readability = 0;
        var seen = 0;
        foreach (var (name, raw) in dictionary)
        {
            if (float.IsNaN(raw))
            {
                return false;
            }

            var value = Math.Clamp(raw, 0f, 1f);
            switch (name)
            {
                case MetricNames.Clarity: clarity = value; seen |= 1; break;
                case MetricNames.Impact: impact = value; seen |= 2; break;
                case MetricNames.Relevance: relevance = value; seen |= 4; break;
                case MetricNames.KeywordScore: keywordScore = value; seen |= 8; break;
                case MetricNames.Specificity: specificity = value; seen |= 16; break;
                case MetricNames.Readability: readability = value; seen |= 32; break;
                default: return false;
            }
        }

        if (seen != AllSix)
        {
            return false;
        }

        metrics = new ContentMetrics(clarity, impact, relevance, keywordScore, specificity, readability);
        return true;
    }

    /// <summary>Writes the metrics in the order of <see cref="MetricNames.All"/> (the feature builder's layout).</summary>
    public static void WriteInDefaultOrder(in ContentMetrics metrics, Span<float> destination)
    {
        destination[5] = metrics.Readability;
        destination[0] = metrics.Clarity;
        destination[1] = metrics.Impact;
        destination[2] = metrics.Relevance;
        destination[3] = metrics.KeywordScore;
        destination[4] = metrics.Specificity;
    }

    private static bool IsOrdinal(IEqualityComparer<string> comparer) =>
        ReferenceEquals(comparer, EqualityComparer<string>.Default) || ReferenceEquals(comparer, StringComparer.Ordinal);
}
