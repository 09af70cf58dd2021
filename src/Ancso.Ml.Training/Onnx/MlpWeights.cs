namespace Ancso.Ml.Training.Onnx;

/// <summary>
/// The weights of the ranker's network: dense layers with ReLU between them (dropout is the identity at inference),
/// the last layer having one output, the score.
/// </summary>
internal sealed class MlpWeights
{
    /// <summary>Creates the weights.</summary>
    /// <param name="layers">The layers in order; each one's inputs equal the previous one's outputs, the last has one output.</param>
    /// <exception cref="ArgumentException">The layers do not chain, or the last does not have one output.</exception>
    public MlpWeights(IReadOnlyList<DenseLayer> layers)
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

        Layers = [.. layers];
    }

    /// <summary>Gets the layers in order.</summary>
    public IReadOnlyList<DenseLayer> Layers { get; }

    /// <summary>Gets the width of the input.</summary>
    public int InputDimension => Layers[0].Inputs;

    /// <summary>Scores one feature vector with a plain managed forward pass (the reference the ONNX model is checked against).</summary>
    /// <param name="features">A vector of <see cref="InputDimension"/> floats.</param>
    /// <returns>The score.</returns>
    /// <exception cref="ArgumentException">The vector has the wrong length.</exception>
    public float Score(ReadOnlySpan<float> features)
    {
        if (features.Length != InputDimension)
        {
            throw new ArgumentException($"The vector holds {features.Length} floats; the network takes {InputDimension}.", nameof(features));
        }

        float[] current = features.ToArray();
        for (var l = 0; l < Layers.Count; l++)
        {
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
}
