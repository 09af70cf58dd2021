using System.Runtime.CompilerServices;
using static TorchSharp.torch;

namespace Ancso.Ml.Training.Engine;

/// <summary>
/// One training step of the ranker's fixed network on the CPU with a hand-written backward pass: the five (eight with the
/// reason head) matrix products run in libtorch, in place into preallocated tensors that share pinned managed arrays;
/// the gather of a batch's feature rows, bias, ReLU, dropout, the loss and the small layers' gradients run in managed
/// code over those arrays. The weight gradients land directly in <see cref="FusedAdam"/>'s gradient array. No autograd
/// graph, no tensor allocated per step: at batch 32 most of autograd's cost was per-operation overhead. Dropout masks
/// come from the fit's own seeded generator, so two fits on two threads each draw a stream of their own.
/// The math is the autograd path's: margin (or logistic) ranking loss weighted per pair, plus the reason head's
/// weighted cross-entropy over (loser − winner) outputs.
/// </summary>
internal sealed class ManualStep : IDisposable
{
    private readonly int _d;
    private readonly int _h1;
    private readonly int _h2;
    private readonly int _k;
    private readonly float[] _features;
    private readonly float[] _p;
    private readonly float[] _g;
    private readonly int _b1;
    private readonly int _w2;
    private readonly int _b2;
    private readonly int _w3;
    private readonly int _b3;
    private readonly int _br;
    private readonly float _keep;
    private ulong _dropoutState;
    private readonly float[] _x;
    private readonly float[] _a1;
    private readonly float[] _f1;
    private readonly float[] _a2;
    private readonly float[] _r;
    private readonly float[] _s;
    private readonly float[] _ds;
    private readonly float[] _dA2;
    private readonly float[] _dA1;
    private readonly float[] _dR;
    private readonly List<Tensor> _owned = [];
    private readonly Dictionary<int, Views> _views = [];
    private readonly Tensor _weight1;
    private readonly Tensor _weight2T;
    private readonly Tensor _weight2;
    private readonly Tensor? _weightR;
    private readonly Tensor? _weightRT;
    private readonly Tensor _gradient1;
    private readonly Tensor _gradient2;
    private readonly Tensor? _gradientR;

    public ManualStep(RankerNetwork network, FusedAdam optimizer, float[] features, int width, int batchSize, double dropout, int seed)
    {
        (_d, _h1, _h2, _k) = (width, network.Sizes[1], network.Sizes[2], network.ReasonCount);
        _features = features;
        _p = network.FlatValues!;
        _g = optimizer.Gradients;
        _b1 = _d * _h1;
        _w2 = _b1 + _h1;
        _b2 = _w2 + (_h1 * _h2);
        _w3 = _b2 + _h2;
        _b3 = _w3 + _h2;
        var wr = _b3 + 1;
        _br = wr + (_h1 * _k);
        _keep = (float)(1 - dropout);
        _dropoutState = (ulong)seed;
        var rows = 2 * batchSize;
        _x = Pinned(rows * _d);
        _a1 = Pinned(rows * _h1);
        _f1 = new float[rows * _h1];
        _a2 = Pinned(rows * _h2);
        _r = Pinned(Math.Max(1, rows * _k));
        _s = new float[rows];
        _ds = new float[rows];
        _dA2 = Pinned(rows * _h2);
        _dA1 = Pinned(rows * _h1);
        _dR = Pinned(Math.Max(1, rows * _k));

        var parameters = Own(from_array(_p));
        var gradients = Own(from_array(_g));
        _weight1 = Own(parameters.narrow(0, 0, _b1).view(_d, _h1));
        _weight2 = Own(parameters.narrow(0, _w2, _h1 * _h2).view(_h1, _h2));
        _weight2T = Own(_weight2.t());
        _gradient1 = Own(gradients.narrow(0, 0, _b1).view(_d, _h1));
        _gradient2 = Own(gradients.narrow(0, _w2, _h1 * _h2).view(_h1, _h2));
        if (_k > 0)
        {
            _weightR = Own(parameters.narrow(0, wr, _h1 * _k).view(_h1, _k));
            _weightRT = Own(_weightR.t());
            _gradientR = Own(gradients.narrow(0, wr, _h1 * _k).view(_h1, _k));
        }
    }

    /// <summary>
    /// Trains on one batch: pairs <c>(a[j], b[j])</c> with labels, weights and reason targets (−1: none), the loss
    /// normalised by <paramref name="normalizer"/>; leaves the gradients in the optimiser's array and adds the batch's
    /// weighted loss, weight and correct votes to the sums.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Run(ReadOnlySpan<int> a, ReadOnlySpan<int> b, ReadOnlySpan<float> labels, ReadOnlySpan<float> weights, ReadOnlySpan<float> votes, ReadOnlySpan<int> reasons,
        float margin, bool logistic, float reasonWeight, float normalizer, ref double lossSum, ref double weightSum, ref double correct)
    {
        var size = a.Length;
        var n = 2 * size;
        var v = ViewsFor(n);
        for (var j = 0; j < size; j++)
        {
            _features.AsSpan(a[j] * _d, _d).CopyTo(_x.AsSpan(j * _d));
            _features.AsSpan(b[j] * _d, _d).CopyTo(_x.AsSpan((size + j) * _d));
        }

        // Forward: a1 = dropout(relu(x W1 + b1)), keeping each unit's factor (mask / keep, 0 where ReLU cut) for the backward.
        v.A1.addmm_(v.X, _weight1, 0, 1);
        var b1 = _p.AsSpan(_b1, _h1);
        var scale = 1 / _keep;
        var threshold = (uint)Math.Min(uint.MaxValue, _keep * 4294967296.0);
        var dropping = _keep < 1;
        for (var row = 0; row < n; row++)
        {
            var a1 = _a1.AsSpan(row * _h1, _h1);
            var f1 = _f1.AsSpan(row * _h1, _h1);
            for (var u = 0; u < _h1; u++)
            {
                var value = a1[u] + b1[u];
                var kept = !dropping || NextBits() < threshold;
                f1[u] = value > 0 && kept ? scale : 0;
                a1[u] = value * f1[u];
            }
        }

        v.A2.addmm_(v.A1, _weight2, 0, 1);
        var b2 = _p.AsSpan(_b2, _h2);
        var w3 = _p.AsSpan(_w3, _h2);
        for (var row = 0; row < n; row++)
        {
            var a2 = _a2.AsSpan(row * _h2, _h2);
            var score = _p[_b3];
            for (var u = 0; u < _h2; u++)
            {
                a2[u] = Math.Max(0, a2[u] + b2[u]);
                score += a2[u] * w3[u];
            }

            _s[row] = score;
        }

        // Loss and its gradient with respect to each score.
        for (var j = 0; j < size; j++)
        {
            var y = labels[j];
            var z = y * (_s[j] - _s[size + j]);
            float perPair, slope;
            if (logistic)
            {
                perPair = -z > 20 ? -z : MathF.Log(1 + MathF.Exp(-z));
                slope = -1 / (1 + MathF.Exp(z));
            }
            else
            {
                perPair = Math.Max(0, margin - z);
                slope = perPair > 0 ? -1 : 0;
            }

            var dz = weights[j] / normalizer * slope;
            _ds[j] = y * dz;
            _ds[size + j] = -y * dz;
            lossSum += weights[j] * perPair;
            weightSum += weights[j];
            correct += z > 0 ? votes[j] : 0;
        }

        // Backward through the score layer: W3, b3 and a2's gradient (through its ReLU).
        var g3 = _g.AsSpan(_w3, _h2);
        g3.Clear();
        var gb3 = 0f;
        for (var row = 0; row < n; row++)
        {
            var ds = _ds[row];
            gb3 += ds;
            var a2 = _a2.AsSpan(row * _h2, _h2);
            var dA2 = _dA2.AsSpan(row * _h2, _h2);
            for (var u = 0; u < _h2; u++)
            {
                g3[u] += ds * a2[u];
                dA2[u] = a2[u] > 0 ? ds * w3[u] : 0;
            }
        }

        _g[_b3] = gb3;
        ColumnSums(_dA2, n, _h2, _g.AsSpan(_b2, _h2));
        _gradient2.addmm_(v.A1T, v.DA2, 0, 1);
        v.DA1.addmm_(v.DA2, _weight2T, 0, 1);
        if (_k > 0)
        {
            ReasonGradients(v, size, labels, weights, reasons, reasonWeight, normalizer);
        }

        // Through dropout and the first ReLU, then W1 and b1.
        for (var i = 0; i < n * _h1; i++)
        {
            _dA1[i] *= _f1[i];
        }

        ColumnSums(_dA1, n, _h1, _g.AsSpan(_b1, _h1));
        _gradient1.addmm_(v.XT, v.DA1, 0, 1);
    }

    public void Dispose()
    {
        foreach (var views in _views.Values)
        {
            views.Dispose();
        }

        foreach (var tensor in _owned)
        {
            tensor.Dispose();
        }
    }

    /// <summary>The reason head: its outputs, softmax cross-entropy over (loser − winner) × label, and its gradients.</summary>
    private void ReasonGradients(Views v, int size, ReadOnlySpan<float> labels, ReadOnlySpan<float> weights, ReadOnlySpan<int> reasons, float reasonWeight, float normalizer)
    {
        v.R!.addmm_(v.A1, _weightR!, 0, 1);
        var br = _p.AsSpan(_br, _k);
        Span<float> logits = stackalloc float[_k];
        Array.Clear(_dR, 0, 2 * size * _k);
        for (var j = 0; j < size; j++)
        {
            if (reasons[j] < 0)
            {
                continue;
            }

            var y = labels[j];
            var ra = _r.AsSpan(j * _k, _k);
            var rb = _r.AsSpan((size + j) * _k, _k);
            var max = float.NegativeInfinity;
            for (var c = 0; c < _k; c++)
            {
                // The biases cancel in the difference; kept for the same rounding as the autograd path.
                logits[c] = ((rb[c] + br[c]) - (ra[c] + br[c])) * y;
                max = Math.Max(max, logits[c]);
            }

            var sum = 0f;
            for (var c = 0; c < _k; c++)
            {
                logits[c] = MathF.Exp(logits[c] - max);
                sum += logits[c];
            }

            var factor = weights[j] / normalizer * reasonWeight;
            var dRa = _dR.AsSpan(j * _k, _k);
            var dRb = _dR.AsSpan((size + j) * _k, _k);
            for (var c = 0; c < _k; c++)
            {
                var g = ((logits[c] / sum) - (c == reasons[j] ? 1 : 0)) * factor;
                dRb[c] = y * g;
                dRa[c] = -y * g;
            }
        }

        ColumnSums(_dR, 2 * size, _k, _g.AsSpan(_br, _k));
        _gradientR!.addmm_(v.A1T, v.DR!, 0, 1);
        v.DA1.addmm_(v.DR!, _weightRT!, 1, 1);
    }

    /// <summary>The next 32 bits of the fit's dropout stream (SplitMix64, seeded from the fit's seed): cheap enough to draw per unit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint NextBits()
    {
        var z = _dropoutState += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (uint)((z ^ (z >> 31)) >> 32);
    }

    private static void ColumnSums(float[] matrix, int rows, int columns, Span<float> destination)
    {
        destination.Clear();
        for (var row = 0; row < rows; row++)
        {
            var values = matrix.AsSpan(row * columns, columns);
            for (var c = 0; c < columns; c++)
            {
                destination[c] += values[c];
            }
        }
    }

    private static float[] Pinned(int length) => GC.AllocateArray<float>(length, pinned: true);

    private Tensor Own(Tensor tensor)
    {
        _owned.Add(tensor);
        return tensor;
    }

    private Views ViewsFor(int rows)
    {
        if (!_views.TryGetValue(rows, out var views))
        {
            views = new Views(this, rows);
            _views[rows] = views;
        }

        return views;
    }

    /// <summary>Tensors over the first <c>rows</c> rows of the buffers (a batch's size; the last batch may be smaller).</summary>
    private sealed class Views : IDisposable
    {
        private readonly List<Tensor> _all = [];

        public Views(ManualStep step, int rows)
        {
            X = Matrix(step._x, rows, step._d);
            XT = Keep(X.t());
            A1 = Matrix(step._a1, rows, step._h1);
            A1T = Keep(A1.t());
            A2 = Matrix(step._a2, rows, step._h2);
            DA2 = Matrix(step._dA2, rows, step._h2);
            DA1 = Matrix(step._dA1, rows, step._h1);
            if (step._k > 0)
            {
                R = Matrix(step._r, rows, step._k);
                DR = Matrix(step._dR, rows, step._k);
            }
        }

        public Tensor X { get; }

        public Tensor XT { get; }

        public Tensor A1 { get; }

        public Tensor A1T { get; }

        public Tensor A2 { get; }

        public Tensor DA2 { get; }

        public Tensor DA1 { get; }

        public Tensor? R { get; }

        public Tensor? DR { get; }

        public void Dispose()
        {
            foreach (var tensor in _all)
            {
                tensor.Dispose();
            }
        }

        private Tensor Matrix(float[] buffer, int rows, int columns)
        {
            using var flat = from_array(buffer);
            return Keep(flat.narrow(0, 0, (long)rows * columns).view(rows, columns));
        }

        private Tensor Keep(Tensor tensor)
        {
            _all.Add(tensor);
            return tensor;
        }
    }
}
