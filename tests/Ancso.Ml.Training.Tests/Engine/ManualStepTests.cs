using Ancso.Ml.Training.Engine;
using TorchSharp;
using static TorchSharp.torch;

namespace Ancso.Ml.Training.Tests.Engine;

/// <summary>The hand-written backward pass gives autograd's gradients for the same network, batch and loss.</summary>
public class ManualStepTests
{
    private const int Width = 10;
    private const int Pairs = 7;
    private const int Items = 12;

    [TestCase(RankingLoss.MarginRanking, 0)]
    [TestCase(RankingLoss.MarginRanking, 5)]
    [TestCase(RankingLoss.Logistic, 5)]
    public void Run_NoDropout_GradientsMatchAutograd(RankingLoss loss, int reasons)
    {
        TorchRuntime.EnsureAvailable();
        var random = new Random(3);
        var features = Enumerable.Range(0, Items * Width).Select(_ => (float)((random.NextDouble() * 4) - 2)).ToArray();
        var a = Enumerable.Range(0, Pairs).Select(j => j).ToArray();
        var b = Enumerable.Range(0, Pairs).Select(j => Items - 1 - j).ToArray();
        var labels = Enumerable.Range(0, Pairs).Select(j => j % 3 == 0 ? -1f : 1f).ToArray();
        var weights = Enumerable.Range(0, Pairs).Select(j => 0.5f + (j * 0.25f)).ToArray();
        var votes = Enumerable.Repeat(1f, Pairs).ToArray();
        var targets = Enumerable.Range(0, Pairs).Select(j => reasons > 0 && j != 2 ? j % reasons : -1).ToArray();
        const float Margin = 1, ReasonWeight = 0.5f, Normalizer = 6.5f;

        torch.random.manual_seed(11);
        using var network = new RankerNetwork(Width, 16, 8, 0, CPU, reasons);
        var adam = new FusedAdam(network, 1e-3);
        using var step = new ManualStep(network, adam, features, Width, Pairs, 0, 1);
        double lossSum = 0, weightSum = 0, correct = 0;
        step.Run(a, b, labels, weights, votes, targets, Margin, loss == RankingLoss.Logistic, ReasonWeight, Normalizer, ref lossSum, ref weightSum, ref correct);
        var manual = (float[])adam.Gradients.Clone();

        // The same loss through autograd, as the loop's GPU path computes it.
        using (NewDisposeScope())
        {
            network.train();
            var x = from_array(features).view(Items, Width).index_select(0, tensor(a.Concat(b).Select(i => (long)i).ToArray()));
            var (scores, outputs) = reasons > 0 ? network.ForwardWithReasons(x) : (network.forward(x), null!);
            var y = tensor(labels);
            var w = tensor(weights);
            var z = y * (scores.narrow(0, 0, Pairs) - scores.narrow(0, Pairs, Pairs));
            var perPair = loss == RankingLoss.Logistic ? nn.functional.softplus(z.neg()) : nn.functional.relu(z.neg() + Margin);
            var total = perPair.mul(w).sum() / Normalizer;
            if (reasons > 0)
            {
                var loserMinusWinner = (outputs.narrow(0, Pairs, Pairs) - outputs.narrow(0, 0, Pairs)) * y.unsqueeze(1);
                var ce = nn.functional.cross_entropy(loserMinusWinner, tensor(targets.Select(t => t < 0 ? -100L : t).ToArray()), ignore_index: -100, reduction: nn.Reduction.None);
                total = total + (ce.mul(w).sum() / Normalizer * ReasonWeight);
            }

            total.backward();
            Assert.That(lossSum, Is.EqualTo(perPair.mul(w).sum().item<float>()).Within(1e-4), "the weighted loss sum");
        }

        var expected = network.Parameters.SelectMany(p => p.grad!.contiguous().data<float>().ToArray()).ToArray();
        Assert.That(manual, Has.Length.EqualTo(expected.Length));
        // Relative to each gradient's size (plus a floor for rounding): a gradient 1 % off fails.
        var worst = manual.Zip(expected, (m, e) => Math.Abs(m - e) / (1e-6 + (1e-3 * Math.Abs(e)))).Max();
        Assert.That(worst, Is.LessThan(1), $"largest gradient difference over its tolerance {worst:F2}");
        Assert.That(expected.Count(g => g != 0), Is.GreaterThan(expected.Length / 4), "the check compares gradients that are not all zero");
        Assert.That(weightSum, Is.EqualTo(weights.Sum()).Within(1e-5));
    }
}
