namespace Ancso.Ml.Metrics;

/// <summary>The six text metrics of one piece of content, each in [0, 1].</summary>
/// <param name="Clarity">See <see cref="MetricNames.Clarity"/>.</param>
/// <param name="Impact">See <see cref="MetricNames.Impact"/>.</param>
/// <param name="Relevance">See <see cref="MetricNames.Relevance"/>.</param>
/// <param name="KeywordScore">See <see cref="MetricNames.KeywordScore"/>.</param>
/// <param name="Specificity">See <see cref="MetricNames.Specificity"/>.</param>
/// <param name="Readability">See <see cref="MetricNames.Readability"/>.</param>
public readonly record struct ContentMetrics(
    float Clarity,
    float Impact,
    float Relevance,
    float KeywordScore,
    float Specificity,
    float Readability)
{
    /// <summary>Gets a metric by its name (see <see cref="MetricNames"/>).</summary>
    /// <param name="name">The metric name.</param>
    /// <exception cref="ArgumentException">The name is not one of the six metrics.</exception>
    public float this[string name] => name switch
    {
        MetricNames.Clarity => Clarity,
        MetricNames.Impact => Impact,
        MetricNames.Relevance => Relevance,
        MetricNames.KeywordScore => KeywordScore,
        MetricNames.Specificity => Specificity,
        MetricNames.Readability => Readability,
        _ => throw new ArgumentException($"Unknown metric '{name}'. Known metrics: {string.Join(", ", MetricNames.All)}.", nameof(name)),
    };

    /// <summary>Returns whether <paramref name="name"/> is one of the six metric names.</summary>
    /// <param name="name">The name to check.</param>
    /// <returns><see langword="true"/> for a known metric name.</returns>
    public static bool IsKnown(string name) => name is MetricNames.Clarity or MetricNames.Impact or MetricNames.Relevance
        or MetricNames.KeywordScore or MetricNames.Specificity or MetricNames.Readability;

    /// <summary>
    /// Returns a copy in which each metric named in <paramref name="overrides"/> takes the given value,
    /// clamped to [0, 1] (a NaN override is ignored).
    /// </summary>
    /// <param name="overrides">Values keyed by metric name, or <see langword="null"/>.</param>
    /// <returns>The metrics with the overrides applied.</returns>
    /// <exception cref="ArgumentException">An override names an unknown metric.</exception>
    public ContentMetrics WithOverrides(IReadOnlyDictionary<string, float>? overrides)
    {
        if (overrides is null || overrides.Count == 0)
        {
            return this;
        }

        var result = this;
        foreach (var (name, raw) in overrides)
        {
            if (float.IsNaN(raw))
            {
                continue;
            }

            var value = Math.Clamp(raw, 0f, 1f);
            result = name switch
            {
                MetricNames.Clarity => result with { Clarity = value },
                MetricNames.Impact => result with { Impact = value },
                MetricNames.Relevance => result with { Relevance = value },
                MetricNames.KeywordScore => result with { KeywordScore = value },
                MetricNames.Specificity => result with { Specificity = value },
                MetricNames.Readability => result with { Readability = value },
                _ => throw new ArgumentException($"Unknown metric '{name}' in the item's metrics. Known metrics: {string.Join(", ", MetricNames.All)}.", nameof(overrides)),
            };
        }

        return result;
    }

    /// <summary>Writes the metrics into <paramref name="destination"/> in the order <paramref name="order"/> names.</summary>
    /// <param name="order">Metric names, each one of <see cref="MetricNames.All"/>.</param>
    /// <param name="destination">A span at least <c>order.Count</c> long.</param>
    public void WriteTo(IReadOnlyList<string> order, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(order);
        for (var i = 0; i < order.Count; i++)
        {
            destination[i] = this[order[i]];
        }
    }
}
