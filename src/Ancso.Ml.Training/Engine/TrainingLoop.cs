using System.Runtime.CompilerServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Ancso.Ml.Training.Engine;

/// <summary>What the loop produced: the kept weights, the figures, and eval-mode scores of the items the later checks need.</summary>
internal sealed class LoopOutcome
{
    public required MlpWeights Weights { get; init; }

    /// <summary>Gets the epochs of the validated fit (the figures reported as validation).</summary>
    public required List<EpochRecord> Epochs { get; init; }

    public required int BestEpoch { get; init; }

    public required bool StoppedEarly { get; init; }

    /// <summary>Gets eval-mode scores of <see cref="Weights"/> (the final model), per item; NaN for items not scored.</summary>
    public required float[] ItemScores { get; init; }

    /// <summary>Gets eval-mode scores of the validated fit's best epoch, per item, for calibration; NaN for items not scored.</summary>
    public required float[] CalibrationScores { get; init; }

    /// <summary>Gets the raw features of the scored items (<c>[ScoredItems.Length, width]</c>), taken before the matrix was standardized in place.</summary>
    public required float[] ScoredItemFeatures { get; init; }

    /// <summary>Gets the refit's last epoch, or <see langword="null"/> when the final model is the validated fit's best epoch.</summary>
    public EpochRecord? Refit { get; init; }

    /// <summary>Gets how many pairs the refit trained on (0 without a refit).</summary>
    public int RefitPairs { get; init; }
}

/// <summary>
/// The TorchSharp training loop. The item feature matrix goes to the device once (on the CPU it is the pair set's own
/// array, standardized in place: the loop owns the set's features from then on); each epoch builds one index tensor
/// (every batch's A rows then B rows, so A and B are scored in one forward pass), one label tensor and one weight tensor
/// (each pair's weight after the influence limits; a batch's loss is its weighted sum over the epoch's mean weight times
/// its size, so a pair's pull on the model is proportional to its weight whichever batch it lands in); every batch runs inside its own dispose scope, and loss and accuracy accumulate on the
/// device, read once per epoch. On the CPU the optimiser is <see cref="FusedAdam"/>; elsewhere TorchSharp's Adam.
/// First a validated fit on the training pairs chooses the epoch count (early stopping on the weighted validation loss);
/// then, with <see cref="RankerTrainingOptions.RefitOnAllPairs"/>, the same initial network is trained on every pair for
/// that many epochs and becomes the final model.
/// </summary>
internal sealed class TrainingLoop
{
    /// <summary>The reason target of a pair without one: cross-entropy leaves it out.</summary>
    private const long IgnoredReason = -100;

    private readonly PairSet _set;
    private readonly SplitResult _split;
    private readonly RankerTrainingOptions _options;
    private readonly Device _device;
    private readonly float[] _pairWeights;

    public TrainingLoop(PairSet set, SplitResult split, RankerTrainingOptions options, Device device)
    {
        _set = set;
        _split = split;
        _options = options;
        _device = device;
        _pairWeights = set.Weights;
        Standardization = options.StandardizeFeatures ? FeatureStandardization.Fit(set.FeatureRows, set.Width) : null;
    }

    /// <summary>
    /// Gets the reason head's width: the vocabulary's size when reasons are trained (a positive
    /// <see cref="RankerTrainingOptions.ReasonLossWeight"/> and at least one pair whose tags name a reason), else 0.
    /// </summary>
    public int ReasonCount => _options.ReasonLossWeight > 0 && _set.ReasonTargets.Length == _set.PairCount && _set.PairCount > 0 ? Reasons.ReasonTags.All.Count : 0;

    /// <summary>Gets the per-feature standardization the network trains under (folded into the exported weights), or <see langword="null"/>.</summary>
    public FeatureStandardization? Standardization { get; }

    /// <summary>Items whose eval-mode scores the caller needs after training (parity check).</summary>
    public int[] ScoredItems { get; init; } = [];

    /// <summary>Items whose scores under the validated fit the caller needs (temperature).</summary>
    public int[] CalibrationItems { get; init; } = [];

    /// <summary>Weights to start from instead of a random initialisation (warm start), of the network's shape.</summary>
    public MlpWeights? InitialWeights { get; init; }

    public LoopOutcome Run(Action<TrainingProgress>? report, CancellationToken cancellationToken)
    {
        using var outer = NewDisposeScope();
        var scoredItemFeatures = new float[ScoredItems.Length * _set.Width];
        for (var i = 0; i < ScoredItems.Length; i++)
        {
            _set.FeatureRows.Slice(ScoredItems[i] * _set.Width, _set.Width).CopyTo(scoredItemFeatures.AsSpan(i * _set.Width));
        }

        var features = FeatureTensor();
        var validationItems = ItemsOf(_split.ValidationPairs);
        var validationIndex = tensor(validationItems.Select(i => (long)i).ToArray()).to(_device);
        var itemScores = new float[_set.ItemCount];

        var epochs = new List<EpochRecord>();
        float[]? best = null;
        var bestEpoch = 0;
        var stoppedEarly = false;
        var calibrationScores = new float[_set.ItemCount];
        Array.Fill(calibrationScores, float.NaN);
        var refitting = _options.RefitOnAllPairs && _split.ValidationPairs.Length > 0;
        using var fit = NewNetwork();

        // Refit: the same starting network, every pair, the epoch count the validated fit chooses; on its own thread.
        using var refit = refitting ? NewNetwork() : null;
        var all = Enumerable.Range(0, _set.PairCount).ToArray();
        using var concurrentRefit = refit is null ? null : StartRefit(refit, features, all, cancellationToken);
        var bestLoss = double.PositiveInfinity;
        var sinceBest = 0;
        var order = _split.TrainPairs.ToArray();
        var shuffler = new Random(_options.Seed);
        for (var epoch = 1; epoch <= _options.Epochs; epoch++)
        {
            var (trainLoss, trainAccuracy) = TrainEpoch(fit, features, order, shuffler, epoch, cancellationToken);
            var record = new EpochRecord { Epoch = epoch, TrainLoss = trainLoss, TrainAccuracy = trainAccuracy };
            var isBest = true;
            if (validationItems.Length > 0)
            {
                Score(fit.Network, features, validationIndex, validationItems, itemScores);
                var (loss, accuracy, bySource) = PairFigures.Evaluate(_split.ValidationPairs, _set.A, _set.B, _set.Labels, _set.Sources, itemScores, _options.Loss, _options.Margin, _pairWeights, _set.Votes);
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
                best = fit.Network.Snapshot();
                bestEpoch = epoch;
            }

            concurrentRefit?.Judged(epoch, isBest);
            var stop = _options.EarlyStoppingPatience > 0 && sinceBest >= _options.EarlyStoppingPatience && epoch < _options.Epochs;
            report?.Invoke(new TrainingProgress(epoch, _options.Epochs, trainLoss, trainAccuracy, record.ValidationLoss, record.ValidationAccuracy, isBest) { StopsEarly = stop });
            if (stop)
            {
                stoppedEarly = true;
                break;
            }
        }

        fit.Network.Restore(best!);
        ScoreInto(fit.Network, features, CalibrationItems, calibrationScores);
        if (refit is null || concurrentRefit is null)
        {
            return Finish(fit.Network, refit: null, refitPairs: 0);
        }

        var (refitWeights, refitEpochs) = concurrentRefit.Finish(bestEpoch);
        refit.Network.Restore(refitWeights);
        foreach (var record in refitEpochs)
        {
            report?.Invoke(new TrainingProgress(record.Epoch, bestEpoch, record.TrainLoss, record.TrainAccuracy, null, null, IsBest: record.Epoch == bestEpoch) { IsRefit = true });
        }

        return Finish(refit.Network, refitEpochs[^1], all.Length);

        // The final network's weights and its scores of the items the parity check needs.
        LoopOutcome Finish(RankerNetwork final, EpochRecord? refit, int refitPairs)
        {
            Array.Fill(itemScores, float.NaN);
            ScoreInto(final, features, ScoredItems, itemScores);
            return new LoopOutcome
            {
                Weights = Export(final),
                Epochs = epochs,
                BestEpoch = bestEpoch,
                StoppedEarly = stoppedEarly,
                ItemScores = itemScores,
                ScoredItemFeatures = scoredItemFeatures,
                CalibrationScores = calibrationScores,
                Refit = refit,
                RefitPairs = refitPairs,
            };
        }
    }

    /// <summary>
    /// The item feature matrix as a <c>[items, width]</c> tensor on the device. On the CPU it shares memory with the
    /// pair set's pinned array, standardized in place when asked (the raw rows the parity check needs were copied out
    /// first), so the matrix is held once however large it is.
    /// </summary>
    private Tensor FeatureTensor()
    {
        var rows = _set.Features.AsSpan(0, _set.ItemCount * _set.Width);
        Standardization?.Apply(rows, rows);
        var matrix = from_array(_set.Features).narrow(0, 0, (long)_set.ItemCount * _set.Width).view(_set.ItemCount, _set.Width);
        return _device.type == DeviceType.CPU ? matrix : matrix.to(_device);
    }

    /// <summary>
    /// Starts the refit on its own thread: its own shuffler and its own dropout generator, both seeded as the validated
    /// fit's, so it draws what a sequential refit would.
    /// </summary>
    private ConcurrentRefit StartRefit(Fit refit, Tensor features, int[] all, CancellationToken cancellationToken)
    {
        var order = (int[])all.Clone();
        var shuffler = new Random(_options.Seed);
        var threads = get_num_threads();
        return new ConcurrentRefit(
            (epoch, token) =>
            {
                var (trainLoss, trainAccuracy) = TrainEpoch(refit, features, order, shuffler, epoch, token);
                return new EpochRecord { Epoch = epoch, TrainLoss = trainLoss, TrainAccuracy = trainAccuracy };
            },
            refit.Network.Snapshot,
            _options.Epochs,
            () => set_num_threads(threads),
            cancellationToken);
    }

    /// <summary>A network (seeded random weights, or <see cref="InitialWeights"/>) with its optimiser and its own dropout generator.</summary>
    private Fit NewNetwork()
    {
        random.manual_seed(_options.Seed);
        var generator = new Generator((ulong)_options.Seed, _device);
        var network = new RankerNetwork(_set.Width, _options.FirstHiddenSize, _options.SecondHiddenSize, _options.Dropout, _device, ReasonCount, generator);
        if (InitialWeights is not null)
        {
            network.Load(Standardization?.Unfold(InitialWeights) ?? InitialWeights);
        }

        var fit = new Fit(network, _options.LearningRate, generator);
        if (fit.Adam is not null)
        {
            fit.Manual = new ManualStep(network, fit.Adam, _set.Features, _set.Width, Math.Min(_options.BatchSize, Math.Max(1, _set.PairCount)), _options.Dropout, _options.Seed);
        }

        return fit;
    }

    /// <summary>The network's weights for raw features: the standardization folded into the first layer.</summary>
    private MlpWeights Export(RankerNetwork network) => Standardization?.Fold(network.GetWeights()) ?? network.GetWeights();

    private (double Loss, double Accuracy) TrainEpoch(Fit fit, Tensor features, int[] order, Random shuffler, int epoch, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        shuffler.Shuffle(order);
        double lossSum, weightSum, correct;
        if (fit.Manual is not null)
        {
            (lossSum, weightSum, correct) = RunEpochManual(fit, order, cancellationToken);
        }
        else
        {
            using (NewDisposeScope())
            {
                fit.Network.train();
                RunEpoch(fit.Network, fit.Step, features, order, fit.LossSum, fit.WeightSum, fit.Correct, cancellationToken);
            }

            using (NewDisposeScope())
            {
                (lossSum, weightSum, correct) = (fit.LossSum.item<double>(), fit.WeightSum.item<double>(), fit.Correct.item<double>());
                fit.LossSum.zero_();
                fit.WeightSum.zero_();
                fit.Correct.zero_();
            }
        }

        var trainLoss = lossSum / Math.Max(1e-12, weightSum);
        var trainAccuracy = correct / Math.Max(1e-12, order.Sum(p => (double)_set.Votes[p]));

        if (!double.IsFinite(trainLoss))
        {
            throw new RankerTrainingException(RankerTrainingErrorKind.Diverged,
                $"Training diverged at epoch {epoch} (the loss became {trainLoss}). Lower LearningRate (now {_options.LearningRate}) or check the features' scale.");
        }

        return (trainLoss, trainAccuracy);
    }

    private void ScoreInto(RankerNetwork network, Tensor features, int[] items, float[] destination)
    {
        if (items.Length > 0)
        {
            using var index = tensor(items.Select(i => (long)i).ToArray()).to(_device);
            Score(network, features, index, items, destination);
        }
    }

    /// <summary>An epoch on the CPU with <see cref="ManualStep"/>: batches in the given order, sums of weighted loss, weight and correct votes.</summary>
    private (double Loss, double Weight, double Correct) RunEpochManual(Fit fit, int[] order, CancellationToken cancellationToken)
    {
        var n = order.Length;
        var batchSize = Math.Min(_options.BatchSize, n);
        double weightTotal = 0;
        foreach (var p in order)
        {
            weightTotal += _pairWeights[p];
        }

        var meanWeight = Math.Max(weightTotal / Math.Max(1, n), 1e-12);
        var a = new int[batchSize];
        var b = new int[batchSize];
        var labels = new float[batchSize];
        var weights = new float[batchSize];
        var votes = new float[batchSize];
        var reasons = new int[batchSize];
        var reasonTargets = fit.Network.ReasonCount > 0 ? _set.ReasonTargets : null;
        double loss = 0, weight = 0, correct = 0;
        for (var start = 0; start < n; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var size = Math.Min(batchSize, n - start);
            for (var j = 0; j < size; j++)
            {
                var p = order[start + j];
                (a[j], b[j], labels[j], weights[j], votes[j]) = (_set.A[p], _set.B[p], _set.Labels[p], _pairWeights[p], _set.Votes[p]);
                reasons[j] = reasonTargets is null ? -1 : Math.Max(-1, reasonTargets[p]);
            }

            fit.Manual!.Run(a.AsSpan(0, size), b.AsSpan(0, size), labels.AsSpan(0, size), weights.AsSpan(0, size), votes.AsSpan(0, size), reasons.AsSpan(0, size),
                (float)_options.Margin, _options.Loss == RankingLoss.Logistic, (float)_options.ReasonLossWeight, (float)(size * meanWeight), ref loss, ref weight, ref correct);
            fit.Adam!.StepFromGradients();
        }

        return (loss, weight, correct);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunEpoch(RankerNetwork network, Action step, Tensor features, int[] order, Tensor lossSum, Tensor weightSum, Tensor correct, CancellationToken cancellationToken)
    {
        var n = order.Length;
        var batchSize = Math.Min(_options.BatchSize, n);
        var rows = new long[2 * n];
        var labels = new float[n];
        var weights = new float[n];
        var votes = new float[n];
        var reasons = network.ReasonCount > 0 ? new long[n] : null;
        for (var start = 0; start < n; start += batchSize)
        {
            var size = Math.Min(batchSize, n - start);
            for (var j = 0; j < size; j++)
            {
                var p = order[start + j];
                rows[(2 * start) + j] = _set.A[p];
                rows[(2 * start) + size + j] = _set.B[p];
                labels[start + j] = _set.Labels[p];
                weights[start + j] = _pairWeights[p];
                votes[start + j] = _set.Votes[p];
                if (reasons is not null)
                {
                    reasons[start + j] = _set.ReasonTargets[p] >= 0 ? _set.ReasonTargets[p] : IgnoredReason;
                }
            }
        }

        double weightTotal = 0;
        foreach (var p in order)
        {
            weightTotal += _pairWeights[p];
        }

        var meanWeight = Math.Max(weightTotal / Math.Max(1, n), 1e-12);
        var epochRows = tensor(rows).to(_device);
        var epochLabels = tensor(labels).to(_device);
        var epochWeights = tensor(weights).to(_device);
        var epochVotes = tensor(votes).to(_device);
        var epochReasons = reasons is null ? null : tensor(reasons).to(_device);
        // Scalars held for the whole epoch: one created implicitly per call can be finalized while the native call that
        // reads it runs (a TorchSharp hazard, seen as "Expected false to be true ... toDouble" under GC pressure).
        using var margin = _options.Margin.ToScalar();
        using var one = 1.0.ToScalar();
        using var zero = 0.0.ToScalar();
        using var reasonWeight = _options.ReasonLossWeight.ToScalar();
        for (var start = 0; start < n; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var size = Math.Min(batchSize, n - start);
            var rowsOfBatch = features.index_select(0, epochRows.narrow(0, 2 * start, 2 * size));
            Tensor scores, reasonOutputs;
            if (epochReasons is null)
            {
                scores = network.forward(rowsOfBatch);
                reasonOutputs = null!;
            }
            else
            {
                (scores, reasonOutputs) = network.ForwardWithReasons(rowsOfBatch);
            }

            var batchLabels = epochLabels.narrow(0, start, size);
            var z = batchLabels * (scores.narrow(0, 0, size) - scores.narrow(0, size, size));
            var w = epochWeights.narrow(0, start, size);
            var perPair = _options.Loss == RankingLoss.Logistic
                ? nn.functional.softplus(z.neg())
                : nn.functional.relu(z.neg().add_(margin, one));

            // The batch's weighted sum over what a batch of mean-weight pairs would weigh: a batch of light pairs (a
            // capped rater's) pulls as little as its weights say, not as much as any other batch.
            var total = w.sum();
            var weighted = perPair.mul(w).sum();
            using var normalizer = (size * meanWeight).ToScalar();
            var loss = weighted.div(normalizer);
            if (epochReasons is not null)
            {
                // Which flaw the loser shows more than the winner: softmax over (loser − winner) reason outputs,
                // cross-entropy against the pair's tag; pairs without one are ignored. Weighted as the score loss.
                var loserMinusWinner = (reasonOutputs.narrow(0, size, size) - reasonOutputs.narrow(0, 0, size)).mul_(batchLabels.unsqueeze(1));
                var perPairReason = nn.functional.cross_entropy(loserMinusWinner, epochReasons.narrow(0, start, size), ignore_index: IgnoredReason, reduction: nn.Reduction.None);
                loss = loss.add(perPairReason.mul(w).sum().div(normalizer), reasonWeight);
            }

            loss.backward();
            step();
            using (no_grad())
            {
                lossSum.add_(weighted.detach(), one);
                weightSum.add_(total, one);
                correct.add_(z.gt(zero).to_type(ScalarType.Float32).mul_(epochVotes.narrow(0, start, size)).sum(), one);
            }
        }

        GC.KeepAlive(margin);
        GC.KeepAlive(one);
        GC.KeepAlive(zero);
        GC.KeepAlive(reasonWeight);
    }

    /// <summary>Scores items in eval mode, a few thousand at a time so that no copy of many feature rows is made at once.</summary>
    private static void Score(RankerNetwork network, Tensor features, Tensor index, int[] items, float[] destination)
    {
        const int Chunk = 4096;
        using var noGrad = no_grad();
        network.eval();
        for (var start = 0; start < items.Length; start += Chunk)
        {
            using var scope = NewDisposeScope();
            var size = Math.Min(Chunk, items.Length - start);
            var scores = network.forward(features.index_select(0, index.narrow(0, start, size))).cpu().data<float>().ToArray();
            for (var i = 0; i < size; i++)
            {
                destination[items[start + i]] = scores[i];
            }
        }
    }

    private int[] ItemsOf(int[] pairs) => [.. pairs.SelectMany(p => new[] { _set.A[p], _set.B[p] }).Distinct().Order()];

    /// <summary>A network being trained, its optimiser step and its epoch accumulators.</summary>
    private sealed class Fit : IDisposable
    {
        private readonly optim.Optimizer? _optimizer;

        private readonly Generator _generator;

        public Fit(RankerNetwork network, double learningRate, Generator generator)
        {
            Network = network;
            _generator = generator;
            var fused = network.FlatValues is null ? null : new FusedAdam(network, learningRate);
            Adam = fused;
            _optimizer = fused is null ? optim.Adam(network.parameters(), learningRate) : null;
            Step = fused is null ? () => { _optimizer!.step(); _optimizer.zero_grad(); } : fused.Step;
            var device = network.Parameters[0].device;
            LossSum = zeros(1, ScalarType.Float64, device);
            WeightSum = zeros(1, ScalarType.Float64, device);
            Correct = zeros(1, ScalarType.Float64, device);
        }

        public RankerNetwork Network { get; }

        /// <summary>Gets the fused optimiser on the CPU, else <see langword="null"/>.</summary>
        public FusedAdam? Adam { get; }

        /// <summary>Gets or sets the hand-written step on the CPU (the autograd path elsewhere).</summary>
        public ManualStep? Manual { get; set; }

        public Action Step { get; }

        public Tensor LossSum { get; }

        public Tensor WeightSum { get; }

        public Tensor Correct { get; }

        public void Dispose()
        {
            Manual?.Dispose();
            _optimizer?.Dispose();
            Network.Dispose();
            _generator.Dispose();
        }
    }
}
