using System.Numerics;
using System.Runtime.CompilerServices;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ancso.Ml.Training.Engine;

/// <summary>
/// Adam (PyTorch's update: <c>m ← β₁m + (1−β₁)g</c>, <c>v ← β₂v + (1−β₂)g²</c>,
/// <c>p ← p − lr/(1−β₁ᵗ) · m / (√v/√(1−β₂ᵗ) + ε)</c>) in one vectorised managed pass over the network's flat CPU
/// parameters, which the tensors share. At batch 32 a tensor-by-tensor optimiser costs a dozen passes over the first
/// layer's weights per step; this copies the gradients into one array and makes one pass.
/// </summary>
internal sealed class FusedAdam
{
    private const float Beta1 = 0.9f;
    private const float Beta2 = 0.999f;
    private const float Epsilon = 1e-8f;

    private readonly Parameter[] _parameters;
    private readonly float[] _values;
    private readonly float[] _gradients;
    private readonly float[] _m;
    private readonly float[] _v;
    private readonly Tensor[] _gradientViews;
    private readonly double _learningRate;
    private int _step;

    public FusedAdam(RankerNetwork network, double learningRate)
    {
        _values = network.FlatValues ?? throw new InvalidOperationException("The fused optimiser runs on the CPU only.");
        _parameters = network.Parameters;
        _learningRate = learningRate;
        _gradients = GC.AllocateArray<float>(_values.Length, pinned: true);
        _m = new float[_values.Length];
        _v = new float[_values.Length];

        // Views over the pinned gradient array (from_array shares memory), so copying each gradient in is one native memcpy.
        var gradients = from_array(_gradients);
        _gradientViews = new Tensor[_parameters.Length];
        var offset = 0L;
        for (var i = 0; i < _parameters.Length; i++)
        {
            var n = _parameters[i].numel();
            _gradientViews[i] = gradients.narrow(0, offset, n).view(_parameters[i].shape);
            offset += n;
        }
    }

    /// <summary>Applies one update from the parameters' gradients, then clears the gradients.</summary>
    public void Step()
    {
        using (NewDisposeScope())
        using (no_grad())
        {
            for (var i = 0; i < _parameters.Length; i++)
            {
                var grad = _parameters[i].grad;
                if (grad is null)
                {
                    _gradientViews[i].zero_();
                    continue;
                }

                _gradientViews[i].copy_(grad);
                grad.zero_();
            }
        }

        StepFromGradients();
    }

    /// <summary>Gets the gradient array, in the parameters' storage order: <see cref="StepFromGradients"/> reads it as written.</summary>
    public float[] Gradients => _gradients;

    /// <summary>Applies one update from <see cref="Gradients"/> as a hand-written backward pass left them.</summary>
    public void StepFromGradients()
    {
        _step++;
        var bias1 = 1 - Math.Pow(Beta1, _step);
        var bias2 = 1 - Math.Pow(Beta2, _step);
        var stepSize = (float)(_learningRate / bias1);
        var inverseRootBias2 = (float)(1 / Math.Sqrt(bias2));
        Update(_values, _gradients, _m, _v, stepSize, inverseRootBias2);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Update(Span<float> p, ReadOnlySpan<float> g, Span<float> m, Span<float> v, float stepSize, float inverseRootBias2)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && p.Length >= Vector<float>.Count)
        {
            var b1 = new Vector<float>(Beta1);
            var c1 = new Vector<float>(1 - Beta1);
            var b2 = new Vector<float>(Beta2);
            var c2 = new Vector<float>(1 - Beta2);
            var eps = new Vector<float>(Epsilon);
            var lr = new Vector<float>(stepSize);
            var rb2 = new Vector<float>(inverseRootBias2);
            for (; i <= p.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var gi = new Vector<float>(g[i..]);
                var mi = (b1 * new Vector<float>(m[i..])) + (c1 * gi);
                var vi = (b2 * new Vector<float>(v[i..])) + (c2 * gi * gi);
                mi.CopyTo(m[i..]);
                vi.CopyTo(v[i..]);
                var denominator = (Vector.SquareRoot(vi) * rb2) + eps;
                (new Vector<float>(p[i..]) - (lr * mi / denominator)).CopyTo(p[i..]);
            }
        }

        for (; i < p.Length; i++)
        {
            m[i] = (Beta1 * m[i]) + ((1 - Beta1) * g[i]);
            v[i] = (Beta2 * v[i]) + ((1 - Beta2) * g[i] * g[i]);
            p[i] -= stepSize * m[i] / ((MathF.Sqrt(v[i]) * inverseRootBias2) + Epsilon);
        }
    }
}
