namespace Ancso.Ml.Training.Onnx;

/// <summary>A fully connected layer <c>y = x·Wᵀ + b</c>.</summary>
internal sealed class DenseLayer
{
    /// <summary>Creates a layer.</summary>
    /// <param name="inputs">The number of inputs.</param>
    /// <param name="outputs">The number of outputs.</param>
    /// <param name="weight">Row-major <c>[outputs, inputs]</c> weights (PyTorch's <c>Linear.weight</c> layout).</param>
    /// <param name="bias"><c>[outputs]</c> biases.</param>
    /// <exception cref="ArgumentException">A length does not match the shape, or a value is not finite.</exception>
    public DenseLayer(int inputs, int outputs, float[] weight, float[] bias)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputs);
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentNullException.ThrowIfNull(bias);
        if (weight.Length != inputs * outputs)
        {
            throw new ArgumentException($"The weight holds {weight.Length} values; a {outputs}x{inputs} layer needs {inputs * outputs}.", nameof(weight));
        }

        if (bias.Length != outputs)
        {
            throw new ArgumentException($"The bias holds {bias.Length} values; the layer has {outputs} outputs.", nameof(bias));
        }

        if (!AllFinite(weight) || !AllFinite(bias))
        {
            throw new ArgumentException("The layer holds a NaN or infinite value; training diverged.", nameof(weight));
        }

        Inputs = inputs;
        Outputs = outputs;
        Weight = weight;
        Bias = bias;
    }

    /// <summary>Gets the number of inputs.</summary>
    public int Inputs { get; }

    /// <summary>Gets the number of outputs.</summary>
    public int Outputs { get; }

    /// <summary>Gets the row-major <c>[outputs, inputs]</c> weights.</summary>
    public IReadOnlyList<float> Weight { get; }

    /// <summary>Gets the biases.</summary>
    public IReadOnlyList<float> Bias { get; }

    internal float[] WeightArray => (float[])Weight;

    internal float[] BiasArray => (float[])Bias;

    private static bool AllFinite(float[] values)
    {
        foreach (var v in values)
        {
            if (!float.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }
}
