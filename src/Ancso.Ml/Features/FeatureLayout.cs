namespace Ancso.Ml.Features;

/// <summary>
/// The layout of a feature vector: the embedding (of <see cref="EmbeddingDimension"/> floats, from the generator named by
/// <see cref="EmbeddingGeneratorId"/>), then the metrics in the order <see cref="MetricNames"/> gives.
/// </summary>
public sealed class FeatureLayout : IEquatable<FeatureLayout>
{
    /// <summary>Creates a layout.</summary>
    /// <param name="embeddingGeneratorId">The embedding generator's id, for example <c>ancso:hashing-v1</c>.</param>
    /// <param name="embeddingDimension">The embedding's dimension; positive.</param>
    /// <param name="metricNames">Metric names in order; each one of <see cref="Metrics.MetricNames.All"/>, no repeats.</param>
    /// <exception cref="ArgumentException">An argument is out of range.</exception>
    public FeatureLayout(string embeddingGeneratorId, int embeddingDimension, IReadOnlyList<string> metricNames)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(embeddingGeneratorId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(embeddingDimension);
        ArgumentNullException.ThrowIfNull(metricNames);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in metricNames)
        {
            if (!ContentMetrics.IsKnown(name))
            {
                throw new ArgumentException($"Unknown metric '{name}'. Known metrics: {string.Join(", ", Metrics.MetricNames.All)}.", nameof(metricNames));
            }

            if (!seen.Add(name))
            {
                throw new ArgumentException($"Metric '{name}' appears twice.", nameof(metricNames));
            }
        }

        EmbeddingGeneratorId = embeddingGeneratorId;
        EmbeddingDimension = embeddingDimension;
        MetricNames = [.. metricNames];
    }

    /// <summary>Gets the embedding generator's id.</summary>
    public string EmbeddingGeneratorId { get; }

    /// <summary>Gets the embedding's dimension D.</summary>
    public int EmbeddingDimension { get; }

    /// <summary>Gets the metric names, in feature order.</summary>
    public IReadOnlyList<string> MetricNames { get; }

    /// <summary>Gets the width of a feature vector: D plus the number of metrics.</summary>
    public int Width => EmbeddingDimension + MetricNames.Count;

    /// <summary>Gets the name of every feature in order: <c>emb_0</c> … <c>emb_{D-1}</c>, then the metric names.</summary>
    /// <returns>The feature names.</returns>
    public IReadOnlyList<string> GetFeatureNames()
    {
        var names = new string[Width];
        for (var i = 0; i < EmbeddingDimension; i++)
        {
            names[i] = "emb_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        for (var i = 0; i < MetricNames.Count; i++)
        {
            names[EmbeddingDimension + i] = MetricNames[i];
        }

        return names;
    }

    /// <summary>Describes how <paramref name="other"/> differs from this layout, or returns <see langword="null"/> when they match.</summary>
    /// <param name="other">The layout to compare with, for example the one a model was trained on.</param>
    /// <returns>A sentence naming the first difference, or <see langword="null"/>.</returns>
    public string? DescribeDifference(FeatureLayout other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!string.Equals(EmbeddingGeneratorId, other.EmbeddingGeneratorId, StringComparison.Ordinal))
        {
            return $"embedding generator '{other.EmbeddingGeneratorId}' differs from '{EmbeddingGeneratorId}'";
        }

        if (EmbeddingDimension != other.EmbeddingDimension)
        {
            return $"embedding dimension {other.EmbeddingDimension} differs from {EmbeddingDimension}";
        }

        if (!MetricNames.SequenceEqual(other.MetricNames, StringComparer.Ordinal))
        {
            return $"metric list [{string.Join(", ", other.MetricNames)}] differs from [{string.Join(", ", MetricNames)}]";
        }

        return null;
    }

    /// <inheritdoc/>
    public bool Equals(FeatureLayout? other) => other is not null && DescribeDifference(other) is null;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as FeatureLayout);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(EmbeddingGeneratorId, EmbeddingDimension, MetricNames.Count);

    /// <inheritdoc/>
    public override string ToString() => $"{EmbeddingGeneratorId} (D={EmbeddingDimension}) + [{string.Join(", ", MetricNames)}]";
}
