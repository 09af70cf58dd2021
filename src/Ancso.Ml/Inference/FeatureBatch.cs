using System.Buffers;
using Ancso.Ml.Metrics;

namespace Ancso.Ml.Inference;

/// <summary>
/// Buffers rented from <see cref="ArrayPool{T}.Shared"/> for one model call: the feature rows, each row's metrics, the
/// scores and, when the call asks for reasons, each row's reason outputs.
/// </summary>
internal readonly struct FeatureBatch
{
    private FeatureBatch(int rows, int width, int reasonWidth)
    {
        Rows = rows;
        Width = width;
        ReasonWidth = reasonWidth;
        Features = ArrayPool<float>.Shared.Rent(rows * width);
        Metrics = ArrayPool<ContentMetrics>.Shared.Rent(rows);
        Scores = ArrayPool<float>.Shared.Rent(rows);
        Reasons = reasonWidth > 0 ? ArrayPool<float>.Shared.Rent(rows * reasonWidth) : null;
    }

    public int Rows { get; }

    public int Width { get; }

    public float[] Features { get; }

    public ContentMetrics[] Metrics { get; }

    public float[] Scores { get; }

    /// <summary>Gets the number of reason outputs per row; 0 when the call does not ask for reasons.</summary>
    public int ReasonWidth { get; }

    /// <summary>Gets the rows' reason outputs (<c>Rows × ReasonWidth</c>), or <see langword="null"/>.</summary>
    public float[]? Reasons { get; }

    /// <summary>Gets whether the model filled <see cref="Reasons"/> in this call.</summary>
    public bool HasReasons => Reasons is not null;

    /// <summary>Gets one row's reason outputs.</summary>
    public ReadOnlySpan<float> ReasonsOf(int row) => Reasons.AsSpan(row * ReasonWidth, ReasonWidth);

    public Memory<float> FeatureMemory => Features.AsMemory(0, Rows * Width);

    public Memory<ContentMetrics> MetricsMemory => Metrics.AsMemory(0, Rows);

    public static FeatureBatch Rent(int rows, int width, int reasonWidth = 0) => new(rows, width, reasonWidth);

    public void Return()
    {
        ArrayPool<float>.Shared.Return(Features);
        ArrayPool<ContentMetrics>.Shared.Return(Metrics);
        ArrayPool<float>.Shared.Return(Scores);
        if (Reasons is not null)
        {
            ArrayPool<float>.Shared.Return(Reasons);
        }
    }
}
