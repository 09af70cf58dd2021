namespace Ancso.Ml.Features;

/// <summary>Conveniences over <see cref="IFeatureBuilder"/>.</summary>
public static class FeatureBuilderExtensions
{
    /// <summary>Builds the feature vector of one item into a new array.</summary>
    /// <param name="builder">The feature builder.</param>
    /// <param name="item">The item.</param>
    /// <param name="cancellationToken">Cancels the embedding call.</param>
    /// <returns>The vector (length <c>Layout.Width</c>) and the item's metrics.</returns>
    public static async ValueTask<(float[] Features, ContentMetrics Metrics)> BuildAsync(
        this IFeatureBuilder builder, ContentItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(item);
        var features = new float[builder.Layout.Width];
        var metrics = new ContentMetrics[1];
        await builder.WriteFeaturesAsync([item], features, metrics, cancellationToken).ConfigureAwait(false);
        return (features, metrics[0]);
    }
}
