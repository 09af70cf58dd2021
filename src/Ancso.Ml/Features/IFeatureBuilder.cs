namespace Ancso.Ml.Features;

/// <summary>
/// Builds feature vectors (embedding, then metrics) for content items. Training data export and inference both use
/// this one path, so a model never sees features at serving time that differ from those it was trained on.
/// </summary>
public interface IFeatureBuilder
{
    /// <summary>Gets the layout of the vectors this builder writes.</summary>
    FeatureLayout Layout { get; }

    /// <summary>Computes an item's metrics: analyzed from its text, with the item's own metrics overriding.</summary>
    /// <param name="item">The item.</param>
    /// <returns>The metrics.</returns>
    ContentMetrics GetMetrics(ContentItem item);

    /// <summary>Writes the feature vectors of <paramref name="items"/> row after row into <paramref name="destination"/>.</summary>
    /// <param name="items">The items; embeddings missing from them are generated in one batch call.</param>
    /// <param name="destination">At least <c>items.Count × Layout.Width</c> floats.</param>
    /// <param name="metrics">Receives each item's metrics; at least <c>items.Count</c> long.</param>
    /// <param name="cancellationToken">Cancels the embedding call.</param>
    /// <returns>A task that completes when every row is written.</returns>
    /// <exception cref="ArgumentException">A buffer is too small, or an item's embedding has the wrong dimension.</exception>
    ValueTask WriteFeaturesAsync(IReadOnlyList<ContentItem> items, Memory<float> destination, Memory<ContentMetrics> metrics, CancellationToken cancellationToken = default);
}
