using System.Numerics;

namespace Ancso.Ml.Training.Engine;

/// <summary>
/// Per-feature standardization, <c>x' = (x − mean) / scale</c>, and its folding into a network's first layer:
/// <c>W·x' + b = (W / scale)·x + (b − W·(mean / scale))</c>, so the exported model takes raw features.
/// </summary>
internal sealed class FeatureStandardization
{
    /// <summary>A feature whose spread is below this is only centred (constant features, such as an unused metric).</summary>
    private const double MinimumScale = 1e-4;

    private FeatureStandardization(float[] mean, float[] scale)
    {
        Mean = mean;
        Scale = scale;
    }

    public float[] Mean { get; }

    public float[] Scale { get; }

    /// <summary>Computes each feature's mean and standard deviation over the rows of a <c>[rows, width]</c> matrix.</summary>
    public static FeatureStandardization Fit(ReadOnlySpan<float> features, int width)
    {
        var rows = features.Length / width;
        var sum = new double[width];
        var squares = new double[width];
        for (var r = 0; r < rows; r++)
        {
            var row = features.Slice(r * width, width);
            for (var i = 0; i < width; i++)
            {
                sum[i] += row[i];
                squares[i] += (double)row[i] * row[i];
            }
        }

        var mean = new float[width];
        var scale = new float[width];
        for (var i = 0; i < width; i++)
        {
            var m = sum[i] / Math.Max(1, rows);
            var variance = Math.Max(0, (squares[i] / Math.Max(1, rows)) - (m * m));
            mean[i] = (float)m;
            scale[i] = (float)Math.Max(Math.Sqrt(variance), MinimumScale);
        }

        return new FeatureStandardization(mean, scale);
    }

    /// <summary>Writes the standardized rows of a <c>[rows, width]</c> matrix into <paramref name="destination"/>, of the same length (it may be the same memory).</summary>
    public void Apply(ReadOnlySpan<float> features, Span<float> destination)
    {
        var width = Mean.Length;
        var mean = Mean.AsSpan();
        var scale = Scale.AsSpan();
        for (var start = 0; start < features.Length; start += width)
        {
            var row = features.Slice(start, width);
            var output = destination.Slice(start, width);
            var i = 0;
            if (Vector.IsHardwareAccelerated)
            {
                for (; i <= width - Vector<float>.Count; i += Vector<float>.Count)
                {
                    ((new Vector<float>(row[i..]) - new Vector<float>(mean[i..])) / new Vector<float>(scale[i..])).CopyTo(output[i..]);
                }
            }

            for (; i < width; i++)
            {
                output[i] = (row[i] - mean[i]) / scale[i];
            }
        }
    }

    /// <summary>Turns weights trained on standardized features into weights for raw features.</summary>
    public MlpWeights Fold(MlpWeights weights)
    {
        var first = weights.Layers[0];
        var w = new float[first.WeightArray.Length];
        var b = new float[first.Outputs];
        for (var o = 0; o < first.Outputs; o++)
        {
            double shift = 0;
            for (var i = 0; i < first.Inputs; i++)
            {
                var value = first.WeightArray[(o * first.Inputs) + i] / Scale[i];
                w[(o * first.Inputs) + i] = value;
                shift += (double)value * Mean[i];
            }

            b[o] = (float)(first.BiasArray[o] - shift);
        }

        return weights.WithLayers([new DenseLayer(first.Inputs, first.Outputs, w, b), .. weights.Layers.Skip(1)]);
    }

    /// <summary>Turns weights for raw features (a stored model) into weights for standardized features: the inverse of <see cref="Fold"/>.</summary>
    public MlpWeights Unfold(MlpWeights weights)
    {
        var first = weights.Layers[0];
        var w = new float[first.WeightArray.Length];
        var b = new float[first.Outputs];
        for (var o = 0; o < first.Outputs; o++)
        {
            double shift = 0;
            for (var i = 0; i < first.Inputs; i++)
            {
                var raw = first.WeightArray[(o * first.Inputs) + i];
                w[(o * first.Inputs) + i] = raw * Scale[i];
                shift += (double)raw * Mean[i];
            }

            b[o] = (float)(first.BiasArray[o] + shift);
        }

        return weights.WithLayers([new DenseLayer(first.Inputs, first.Outputs, w, b), .. weights.Layers.Skip(1)]);
    }
}
