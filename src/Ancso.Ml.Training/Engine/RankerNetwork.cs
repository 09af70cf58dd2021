using Ancso.Ml.Training.Onnx;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ancso.Ml.Training.Engine;

/// <summary>Linear(D+6→h1) → ReLU → Dropout → Linear(h1→h2) → ReLU → Linear(h2→1): the ranker's network.</summary>
internal sealed class RankerNetwork : nn.Module<Tensor, Tensor>
{
    private readonly Linear _hidden1;
    private readonly Dropout _dropout;
    private readonly Linear _hidden2;
    private readonly Linear _output;

    public RankerNetwork(int inputs, int hidden1, int hidden2, double dropout)
        : base(nameof(RankerNetwork))
    {
        _hidden1 = nn.Linear(inputs, hidden1);
        _dropout = nn.Dropout(dropout);
        _hidden2 = nn.Linear(hidden1, hidden2);
        _output = nn.Linear(hidden2, 1);
        RegisterComponents();
    }

    /// <summary>Scores rows of features: <c>[N, D+6]</c> to <c>[N]</c>.</summary>
    public override Tensor forward(Tensor input)
    {
        var h = nn.functional.relu(_hidden1.forward(input));
        h = _dropout.forward(h);
        h = nn.functional.relu(_hidden2.forward(h));
        return _output.forward(h).view(-1);
    }

    /// <summary>Copies the weights to managed arrays (dropout is the identity at inference).</summary>
    public MlpWeights GetWeights() => new([Dense(_hidden1), Dense(_hidden2), Dense(_output)]);

    /// <summary>Overwrites the weights with <paramref name="weights"/>.</summary>
    public void SetWeights(MlpWeights weights)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Linear[] layers = [_hidden1, _hidden2, _output];
        for (var i = 0; i < layers.Length; i++)
        {
            var layer = weights.Layers[i];
            var device = layers[i].weight!.device;
            layers[i].weight!.copy_(tensor(layer.WeightArray, [layer.Outputs, layer.Inputs]).to(device));
            layers[i].bias!.copy_(tensor(layer.BiasArray, [layer.Outputs]).to(device));
        }
    }

    private static DenseLayer Dense(Linear layer)
    {
        using var scope = NewDisposeScope();
        var weight = layer.weight!.detach().cpu().contiguous();
        var bias = layer.bias!.detach().cpu().contiguous();
        return new DenseLayer((int)weight.shape[1], (int)weight.shape[0], weight.data<float>().ToArray(), bias.data<float>().ToArray());
    }
}
