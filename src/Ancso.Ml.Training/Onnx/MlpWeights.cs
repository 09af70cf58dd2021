namespace Ancso.Ml.Training.Onnx;

/// <summary>
/// The weights of the ranker's network: dense layers with ReLU between them (dropout is the identity at inference),
/// the last layer having one output, the score; optionally a reason layer on the first hidden layer's output, with one
/// output per reason tag.
/// </summary>
internal sealed class MlpWeights
{
    /// <summary>Creates the weights.</summary>
    /// <param name="layers">The layers in order; each one's inputs equal the previous one's outputs, the last has one output.</param>
    /// <param name="reasonLayer">The reason layer, taking the first hidden layer's output, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The layers do not chain, or the last does not have one output.</exception>
    public MlpWeights(IReadOnlyList<DenseLayer> layers, DenseLayer? reasonLayer = null)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Count == 0)
        {
            throw new ArgumentException("A network needs at least one layer.", nameof(layers));
        }

        for (var i = 1; i < layers.Count; i++)
        {
            if (layers[i].Inputs != layers[i - 1].Outputs)
            {
                throw new ArgumentException($"Layer {i} takes {layers[i].Inputs} inputs but layer {i - 1} gives {layers[i - 1].Outputs}.", nameof(layers));
            }
        }

        if (layers[^1].Outputs != 1)
        {
            throw new ArgumentException($"The last layer must have one output (the score); it has {layers[^1].Outputs}.", nameof(layers));
        }

        if (reasonLayer is not null && (layers.Count < 2 || reasonLayer.Inputs != layers[0].Outputs))
        {
            throw new ArgumentException($"The reason layer takes {reasonLayer.Inputs} inputs; it must take the first hidden layer's {layers[0].Outputs} (and the network needs a hidden layer).", nameof(reasonLayer));
        }

        Layers = [.. layers];
        ReasonLayer = reasonLayer;
    }

    /// <summary>Gets the reason layer, or <see langword="null"/> for a network without one.</summary>
    public DenseLayer? ReasonLayer { get; }

    /// <summary>Gets these weights with other layers and the same reason layer (the first layer changed, for example).</summary>
    /// <param name="layers">The layers.</param>
    /// <returns>The weights.</returns>
    public MlpWeights WithLayers(IReadOnlyList<DenseLayer> layers) => new(layers, ReasonLayer);

    /// <summary>Gets the layers in order.</summary>
    public IReadOnlyList<DenseLayer> Layers { get; }

    /// <summary>Gets the width of the input.</summary>
    public int InputDimension => Layers[0].Inputs;

    /// <summary>Scores one feature vector with a plain managed forward pass (the reference the ONNX model is checked against).</summary>
    /// <param name="features">A vector of <see cref="InputDimension"/> floats.</param>
    /// <returns>The score.</returns>
    /// <exception cref="ArgumentException">The vector has the wrong length.</exception>
    public float Score(ReadOnlySpan<float> features) => Forward(features, reasons: null);

    /// <summary>Scores one feature vector and gives its reason outputs, with a plain managed forward pass.</summary>
    /// <param name="features">A vector of <see cref="InputDimension"/> floats.</param>
    /// <returns>The score and the reason outputs (empty without a reason layer).</returns>
    /// <exception cref="ArgumentException">The vector has the wrong length.</exception>
    public (float Score, float[] Reasons) ScoreWithReasons(ReadOnlySpan<float> features)
    {
        var reasons = new float[ReasonLayer?.Outputs ?? 0];
        var score = Forward(features, reasons);
        return (score, reasons);
    }

    private float Forward(ReadOnlySpan<float> features, float[]? reasons)
    {
        if (features.Length != InputDimension)
        {
            throw new ArgumentException($"The vector holds {features.Length} floats; the network takes {InputDimension}.", nameof(features));
        }

        float[] current = features.ToArray();
        for (var l = 0; l < Layers.Count; l++)
        {
            if (l == 1 && reasons is { Length: > 0 } && ReasonLayer is { } reasonLayer)
            {
                Dense(reasonLayer, current, reasons);
            }

            var layer = Layers[l];
            var w = layer.WeightArray;
            var next = new float[layer.Outputs];
            for (var o = 0; o < layer.Outputs; o++)
            {
                double sum = layer.BiasArray[o];
                var row = w.AsSpan(o * layer.Inputs, layer.Inputs);
                for (var i = 0; i < row.Length; i++)
                {
                    sum += (double)row[i] * current[i];
                }

                next[o] = l < Layers.Count - 1 ? Math.Max(0f, (float)sum) : (float)sum;
            }

            current = next;
        }

        return current[0];
    }

    private static void Dense(DenseLayer layer, float[] input, float[] output)
    {
        for (var o = 0; o < layer.Outputs; o++)
        {
            double sum = layer.BiasArray[o];
            var row = layer.WeightArray.AsSpan(o * layer.Inputs, layer.Inputs);
            for (var i = 0; i < row.Length; i++)
            {
                sum += (double)row[i] * input[i];
            }

            output[o] = (float)sum;
        }
    }
}
