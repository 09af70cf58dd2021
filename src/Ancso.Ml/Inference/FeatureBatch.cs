using System.Buffers;
using Ancso.Ml.Metrics;

namespace Ancso.Ml.Inference;

/// <summary>Buffers rented from <see cref="ArrayPool{T}.Shared"/> for one model call: the feature rows, each row's metrics and the scores.</summary>
internal readonly struct FeatureBatch
{
    private FeatureBatch(int rows, int width)
    {
        Rows = rows;
        Width = width;
        Features = ArrayPool<float>.Shared.Rent(rows * width);
        Metrics = ArrayPool<ContentMetrics>.Shared.Rent(rows);
        Scores = ArrayPool<float>.Shared.Rent(rows);
    }

    public int Rows { get; }

    public int Width { get; }

    public float[] Features { get; }

    public ContentMetrics[] Metrics { get; }

    public float[] Scores { get; }

    public Memory<float> FeatureMemory => Features.AsMemory(0, Rows * Width);

    public Memory<ContentMetrics> MetricsMemory => Metrics.AsMemory(0, Rows);

    public static FeatureBatch Rent(int rows, int width) => new(rows, width);

    public void Return()
    {
        ArrayPool<float>.Shared.Return(Features);
        ArrayPool<ContentMetrics>.Shared.Return(Metrics);
        ArrayPool<float>.Shared.Return(Scores);
    }
}
