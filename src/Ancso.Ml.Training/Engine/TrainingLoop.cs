using System.Runtime.CompilerServices;
using Ancso.Ml.Models;
using Ancso.Ml.Training.Data;
using Ancso.Ml.Training.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace Ancso.Ml.Training.Engine;

/// <summary>What the loop produced: the kept weights, the figures, and eval-mode scores of the items the later checks need.</summary>
internal sealed class LoopOutcome
{
    public required MlpWeights Weights { get; init; }

    public required List<EpochRecord> Epochs { get; init; }

    public required int BestEpoch { get; init; }

    public required bool StoppedEarly { get; init; }

    /// <summary>Gets eval-mode scores with the kept weights, per item; NaN for items not scored.</summary>
    public required float[] ItemScores { get; init; }
}

/// <summary>
/// The TorchSharp training loop. The item feature matrix goes to the device once; each epoch builds one index tensor
/// (every batch's A rows then B rows, so A and B are scored in one forward pass) and one label tensor; every batch runs
/// inside its own dispose scope, and loss and accuracy accumulate on the device, read once per epoch. On the CPU the
/// optimiser is <see cref="FusedAdam"/>; elsewhere TorchSharp's Adam.
/// </summary>
internal sealed class TrainingLoop
{
    private readonly PairSet _set;
    private readonly SplitResult _split;
    private readonly RankerTrainingOptions _options;
    private readonly Device _device;

    public TrainingLoop(PairSet set, SplitResult split, RankerTrainingOptions options, Device device)
    {
        _set = set;
        _split = split;
        _options = options;
        _device = device;
    }

    /// <summary>Items whose eval-mode scores the caller needs after training (parity check, temperature).</summary>
    public int[] ScoredItems { get; init; } = [];

    public LoopOutcome Run(Action<TrainingProgress>? report, CancellationToken cancellationToken)
    {
        using var outer = NewDisposeScope();
        random.manual_seed(_options.Seed);
        using var network = new RankerNetwork(_set.Width, _options.FirstHiddenSize, _options.SecondHiddenSize, _options.Dropout, _device);
        var fused = network.FlatValues is null ? null : new FusedAdam(network, _options.LearningRate);
        using var optimizer = fused is null ? optim.Adam(network.parameters(), _options.LearningRate) : null;
        Action step = fused is null ? () => { optimizer!.step(); optimizer.zero_grad(); } : fused.Step;
        var features = tensor(_set.Features, [_set.ItemCount, _set.Width]).to(_device);
        var validationItems = ItemsOf(_split.ValidationPairs);
        var validationIndex = tensor(validationItems.Select(i => (long)i).ToArray()).to(_device);
        var lossSum = zeros(1, ScalarType.Float64, _device);
        var correct = zeros(1, ScalarType.Float64, _device);

        var shuffler = new Random(_options.Seed);
        var order = _split.TrainPairs.ToArray();
        var epochs = new List<EpochRecord>();
        float[]? best = null;
        var bestEpoch = 0;
        var bestLoss = double.PositiveInfinity;
        var sinceBest = 0;
        var stoppedEarly = false;
        var itemScores = new float[_set.ItemCount];

        for (var epoch = 1; epoch <= _options.Epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            shuffler.Shuffle(order);
            using (NewDisposeScope())
            {
                network.train();
                RunEpoch(network, step, features, order, lossSum, correct, cancellationToken);
            }

            double trainLoss, trainAccuracy;
            using (NewDisposeScope())
            {
                trainLoss = lossSum.item<double>() / order.Length;
                trainAccuracy = correct.item<double>() / order.Length;
                lossSum.zero_();
                correct.zero_();
            }
            if (!double.IsFinite(trainLoss))
            {
                throw new RankerTrainingException(RankerTrainingErrorKind.Diverged,
                    $"Training diverged at epoch {epoch} (the loss became {trainLoss}). Lower LearningRate (now {_options.LearningRate}) or check the features' scale.");
            }

            var record = new EpochRecord { Epoch = epoch, TrainLoss = trainLoss, TrainAccuracy = trainAccuracy };
            var isBest = true;
            if (validationItems.Length > 0)
            {
                Score(network, features, validationIndex, validationItems, itemScores);
                var (loss, accuracy, bySource) = PairFigures.Evaluate(_split.ValidationPairs, _set.A, _set.B, _set.Labels, _set.Sources, itemScores, _options.Loss, _options.Margin);
                record.ValidationLoss = loss;
                record.ValidationAccuracy = accuracy;
                record.ValidationAccuracyBySource = bySource;
                isBest = loss < bestLoss - 1e-7;
                if (isBest)
                {
                    bestLoss = loss;
                    sinceBest = 0;
                }
                else
                {
                    sinceBest++;
                }
            }

            epochs.Add(record);
            if (isBest)
            {
                best = network.Snapshot();
                bestEpoch = epoch;
            }

            report?.Invoke(new TrainingProgress(epoch, _options.Epochs, trainLoss, trainAccuracy, record.ValidationLoss, record.ValidationAccuracy, isBest));
            if (_options.EarlyStoppingPatience > 0 && sinceBest >= _options.EarlyStoppingPatience && epoch < _options.Epochs)
            {
                stoppedEarly = true;
                break;
            }
        }

        network.Restore(best!);
        var weights = network.GetWeights();
        Array.Fill(itemScores, float.NaN);
        if (ScoredItems.Length > 0)
        {
            using var index = tensor(ScoredItems.Select(i => (long)i).ToArray()).to(_device);
            Score(network, features, index, ScoredItems, itemScores);
        }

        return new LoopOutcome { Weights = weights, Epochs = epochs, BestEpoch = bestEpoch, StoppedEarly = stoppedEarly, ItemScores = itemScores };
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunEpoch(RankerNetwork network, Action step, Tensor features, int[] order, Tensor lossSum, Tensor correct, CancellationToken cancellationToken)
    {
        var n = order.Length;
        var batchSize = Math.Min(_options.BatchSize, n);
        var rows = new long[2 * n];
        var labels = new float[n];
        for (var start = 0; start < n; start += batchSize)
        {
            var size = Math.Min(batchSize, n - start);
            for (var j = 0; j < size; j++)
            {
                var p = order[start + j];
                rows[(2 * start) + j] = _set.A[p];
                rows[(2 * start) + size + j] = _set.B[p];
                labels[start + j] = _set.Labels[p];
            }
        }

        var epochRows = tensor(rows).to(_device);
        var epochLabels = tensor(labels).to(_device);
        var margin = _options.Margin;
        for (var start = 0; start < n; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var size = Math.Min(batchSize, n - start);
            var scores = network.forward(features.index_select(0, epochRows.narrow(0, 2 * start, 2 * size)));
            var z = epochLabels.narrow(0, start, size) * (scores.narrow(0, 0, size) - scores.narrow(0, size, size));
            var loss = _options.Loss == RankingLoss.Logistic
                ? nn.functional.softplus(z.neg()).mean()
                : nn.functional.relu(z.neg().add_(margin)).mean();
            loss.backward();
            step();
            using (no_grad())
            {
                lossSum.add_(loss.detach(), alpha: size);
                correct.add_(z.gt(0).sum());
            }
        }
    }

    private static void Score(RankerNetwork network, Tensor features, Tensor index, int[] items, float[] destination)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        network.eval();
        var scores = network.forward(features.index_select(0, index)).cpu().data<float>().ToArray();
        for (var i = 0; i < items.Length; i++)
        {
            destination[items[i]] = scores[i];
        }
    }

    private int[] ItemsOf(int[] pairs) => [.. pairs.SelectMany(p => new[] { _set.A[p], _set.B[p] }).Distinct().Order()];
}
