using Ancso.Ml.Training.Engine;
using TorchSharp;
using static TorchSharp.torch;

namespace Ancso.Ml.Training.Tests.Engine;

public class FusedAdamTests
{
    [Test]
    public void Step_TenSteps_MatchesTorchSharpAdam()
    {
        TorchRuntime.EnsureAvailable();
        using var scope = NewDisposeScope();
        random.manual_seed(3);
        var fusedNetwork = new RankerNetwork(20, 16, 8, dropout: 0, torch.CPU);
        random.manual_seed(3);
        var torchNetwork = new RankerNetwork(20, 16, 8, dropout: 0, torch.CPU);
        var fused = new FusedAdam(fusedNetwork, 1e-2);
        var reference = optim.Adam(torchNetwork.parameters(), 1e-2);
        var initial = fusedNetwork.GetWeights();
        var inputs = randn(10, 16, 20);
        var labels = randn(10, 8).sign();

        for (var step = 0; step < 10; step++)
        {
            Loss(fusedNetwork, inputs[step], labels[step]).backward();
            fused.Step();
            reference.zero_grad();
            Loss(torchNetwork, inputs[step], labels[step]).backward();
            reference.step();
        }

        var a = fusedNetwork.GetWeights();
        var b = torchNetwork.GetWeights();
        for (var l = 0; l < a.Layers.Count; l++)
        {
            Assert.That(a.Layers[l].Weight, Is.EqualTo(b.Layers[l].Weight).Within(1e-5), $"layer {l} weights");
            Assert.That(a.Layers[l].Bias, Is.EqualTo(b.Layers[l].Bias).Within(1e-5), $"layer {l} biases");
        }

        Assert.That(a.Layers[0].Weight, Is.Not.EqualTo(initial.Layers[0].Weight), "the weights moved");
    }

    private static Tensor Loss(RankerNetwork network, Tensor rows, Tensor labels)
    {
        var scores = network.forward(rows);
        return nn.functional.relu(1 - (labels * (scores.narrow(0, 0, 8) - scores.narrow(0, 8, 8)))).mean();
    }
}
