using System.Runtime.CompilerServices;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ancso.Ml.Training.Engine;

/// <summary>
/// Linear(D+6→h1) → ReLU → Dropout → Linear(h1→h2) → ReLU → Linear(h2→1): the ranker's network, with an optional
/// reason head Linear(h1→K) on the shared first layer, beside the score's path (one output per reason tag; on the
/// judged pairs it named the pair's flaw more often than a head on the second layer, with the same score accuracy).
/// Every parameter is a
/// view into one flat tensor (on the CPU over a pinned managed array), so the optimiser updates all of them in one pass. Weights are stored <c>[inputs, outputs]</c>, so <c>addmm(b, x, W)</c> needs no transpose and the weight
/// gradient arrives contiguous.
/// </summary>
internal sealed class RankerNetwork : nn.Module<Tensor, Tensor>
{
    private readonly Parameter _w1;
    private readonly Parameter _b1;
    private readonly Parameter _w2;
    private readonly Parameter _b2;
    private readonly Parameter _w3;
    private readonly Parameter _b3;
    private readonly Parameter? _wr;
    private readonly Parameter? _br;
    private readonly double _dropout;
    private readonly int[] _sizes;
    private readonly Tensor _flat;
    private readonly Generator? _dropoutGenerator;

    public RankerNetwork(int inputs, int hidden1, int hidden2, double dropout, Device device, int reasons = 0, Generator? dropoutGenerator = null)
        : base(nameof(RankerNetwork))
    {
        _sizes = [inputs, hidden1, hidden2, 1];
        _dropout = dropout;
        _dropoutGenerator = dropoutGenerator;
        ReasonCount = reasons;
        var count = ParameterCount(inputs, hidden1, hidden2, reasons);
        if (device.type == DeviceType.CPU)
        {
            // Pinned, and shared with the tensor (from_array does not copy): the fused optimiser updates it in place.
            FlatValues = GC.AllocateArray<float>((int)count, pinned: true);
            _flat = from_array(FlatValues);
        }
        else
        {
            _flat = zeros(count, device: device);
        }

        var offset = 0L;
        Parameter View(params long[] shape)
        {
            var n = shape.Aggregate(1L, (a, b) => a * b);
            var view = nn.Parameter(_flat.narrow(0, offset, n).view(shape));
            offset += n;
            return view;
        }

        _w1 = View(inputs, hidden1);
        _b1 = View(hidden1);
        _w2 = View(hidden1, hidden2);
        _b2 = View(hidden2);
        _w3 = View(hidden2, 1);
        _b3 = View(1);
        if (reasons > 0)
        {
            _wr = View(hidden1, reasons);
            _br = View(reasons);
        }

        RegisterComponents();

        // PyTorch's Linear initialisation: U(−1/√fan_in, 1/√fan_in) for weights and biases, from torch's seeded generator.
        using var noGrad = no_grad();
        foreach (var (w, b, fanIn) in new[] { (_w1, _b1, inputs), (_w2, _b2, hidden1), (_w3, _b3, hidden2) })
        {
            var bound = 1 / Math.Sqrt(fanIn);
            nn.init.uniform_(w, -bound, bound);
            nn.init.uniform_(b, -bound, bound);
        }

        // The reason head draws from the generator last and gives its state back, so the score layers start, and dropout
        // draws its masks, exactly as they would without it.
        if (_wr is not null && _br is not null)
        {
            using var state = torch.random.get_rng_state();
            var bound = 1 / Math.Sqrt(hidden1);
            nn.init.uniform_(_wr, -bound, bound);
            nn.init.uniform_(_br, -bound, bound);
            torch.random.set_rng_state(state);
        }
    }

    /// <summary>Gets the parameters' storage on the CPU, shared with the flat tensor; <see langword="null"/> on another device.</summary>
    public float[]? FlatValues { get; }

    /// <summary>Gets the layer sizes: inputs, first hidden, second hidden, 1.</summary>
    public IReadOnlyList<int> Sizes => _sizes;

    /// <summary>Gets the number of reason outputs (0 without a reason head).</summary>
    public int ReasonCount { get; }

    /// <summary>Gets the parameters in storage order.</summary>
    public Parameter[] Parameters => _wr is null ? [_w1, _b1, _w2, _b2, _w3, _b3] : [_w1, _b1, _w2, _b2, _w3, _b3, _wr, _br!];

    public static long ParameterCount(int inputs, int hidden1, int hidden2, int reasons = 0) =>
        ((long)inputs * hidden1) + hidden1 + ((long)hidden1 * hidden2) + hidden2 + hidden2 + 1 + ((long)hidden1 * reasons) + reasons;

    /// <summary>Scores rows of features: <c>[N, D+6]</c> to <c>[N]</c>.</summary>
    public override Tensor forward(Tensor input) => Score(FirstLayer(input));

    /// <summary>Scores rows and gives their reason outputs: <c>[N]</c> and <c>[N, K]</c>; needs a reason head.</summary>
    public (Tensor Scores, Tensor Reasons) ForwardWithReasons(Tensor input)
    {
        var h1 = FirstLayer(input);
        return (Score(h1), addmm(_br!, h1, _wr!, 1, 1));
    }

    /// <summary>The shared first layer, with dropout while training: <c>[N, h1]</c>.</summary>
    private Tensor FirstLayer(Tensor input)
    {
        var h = nn.functional.relu(addmm(_b1, input, _w1, 1, 1));
        if (!training || _dropout <= 0)
        {
            return h;
        }

        if (_dropoutGenerator is null)
        {
            return nn.functional.dropout(h, _dropout, training: true);
        }

        // The masks from this network's own generator: two fits on two threads each draw a stream of their own.
        var keep = 1 - _dropout;
        return h.mul(empty_like(h).bernoulli_(keep, _dropoutGenerator).div_(keep));
    }

    /// <summary>The score's path from the first layer: <c>[N, h1]</c> to <c>[N]</c>.</summary>
    private Tensor Score(Tensor h1) => addmm(_b3, nn.functional.relu(addmm(_b2, h1, _w2, 1, 1)), _w3, 1, 1).view(-1);

    /// <summary>Copies every parameter out, in storage order (cheap: kept for the best epoch).</summary>
    public float[] Snapshot()
    {
        if (FlatValues is not null)
        {
            return (float[])FlatValues.Clone();
        }

        using var scope = NewDisposeScope();
        return _flat.detach().cpu().data<float>().ToArray();
    }

    /// <summary>Puts back parameters taken with <see cref="Snapshot"/>.</summary>
    public void Restore(float[] snapshot)
    {
        if (FlatValues is not null)
        {
            snapshot.CopyTo(FlatValues, 0);
            return;
        }

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        _flat.copy_(tensor(snapshot).to(_flat.device));
    }

    /// <summary>Puts in the weights of a network of the same shape, for example one read back from an ONNX model.</summary>
    public void Load(MlpWeights weights)
    {
        if (weights.Layers.Count != 3 || weights.Layers.Select(l => l.Inputs).Append(1).Where((size, i) => size != _sizes[i]).Any())
        {
            throw new ArgumentException($"The weights' layers ({string.Join("→", weights.Layers.Select(l => l.Inputs).Append(1))}) do not match the network ({string.Join("→", _sizes)}).", nameof(weights));
        }

        // Starts from the current values, so a reason head the weights do not have keeps its initialisation.
        var values = Snapshot();
        var offset = 0;
        foreach (var layer in weights.Layers)
        {
            WriteLayer(layer, values, offset);
            offset += (layer.Inputs * layer.Outputs) + layer.Outputs;
        }

        if (weights.ReasonLayer is { } reasons && reasons.Outputs == ReasonCount && reasons.Inputs == _sizes[1])
        {
            WriteLayer(reasons, values, offset);
        }

        Restore(values);
    }

    /// <summary>Copies the weights out as <c>[outputs, inputs]</c> layers (dropout is the identity at inference).</summary>
    public MlpWeights GetWeights() => ToWeights(Snapshot());

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private MlpWeights ToWeights(float[] values)
    {
        var layers = new List<DenseLayer>(3);
        var offset = 0;
        for (var l = 0; l < 3; l++)
        {
            layers.Add(ReadLayer(values, offset, _sizes[l], _sizes[l + 1]));
            offset += (_sizes[l] * _sizes[l + 1]) + _sizes[l + 1];
        }

        return new MlpWeights(layers, ReasonCount > 0 ? ReadLayer(values, offset, _sizes[1], ReasonCount) : null);
    }

    /// <summary>Writes a <c>[outputs, inputs]</c> layer into storage order (<c>[inputs, outputs]</c> weight, then bias).</summary>
    private static void WriteLayer(DenseLayer layer, float[] values, int offset)
    {
        for (var i = 0; i < layer.Inputs; i++)
        {
            for (var o = 0; o < layer.Outputs; o++)
            {
                values[offset + (i * layer.Outputs) + o] = layer.WeightArray[(o * layer.Inputs) + i];
            }
        }

        layer.BiasArray.CopyTo(values, offset + (layer.Inputs * layer.Outputs));
    }

    /// <summary>Reads a layer stored <c>[inputs, outputs]</c> at <paramref name="offset"/> as <c>[outputs, inputs]</c>.</summary>
    private static DenseLayer ReadLayer(float[] values, int offset, int inputs, int outputs)
    {
        var weight = new float[inputs * outputs];
        for (var i = 0; i < inputs; i++)
        {
            for (var o = 0; o < outputs; o++)
            {
                weight[(o * inputs) + i] = values[offset + (i * outputs) + o];
            }
        }

        return new DenseLayer(inputs, outputs, weight, values.AsSpan(offset + weight.Length, outputs).ToArray());
    }
}
