using System.Security.Cryptography;
using Ancso.Ml.Reasons;
using Ancso.Ml.Training.Engine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TorchSharp;

namespace Ancso.Ml.Training;

/// <summary>
/// Trains with TorchSharp, exports with <see cref="OnnxModelWriter"/>, checks ONNX Runtime against TorchSharp, fits the
/// confidence temperature, then stores and activates through <see cref="IModelRegistry"/>.
/// </summary>
internal sealed partial class RankerTrainer : IRankerTrainer
{
    private const int ParitySampleSize = 256;

    // The parity check's items' raw features are kept aside while the matrix is standardized in place: at most this many.
    private const int MaxParityItems = 4096;

    // TorchSharp's seed and thread count are process-wide: one training at a time keeps runs reproducible.
    private static readonly SemaphoreSlim TorchGate = new(1, 1);

    private readonly IModelRegistry? _registry;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public RankerTrainer(IModelRegistry? registry = null, TimeProvider? timeProvider = null, ILogger<RankerTrainer>? logger = null)
    {
        _registry = registry;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<RankerTrainer>.Instance;
    }

    /// <summary>Gets or sets a change applied to the weights before export; tests use it to force a parity mismatch.</summary>
    internal Func<MlpWeights, MlpWeights>? ExportTransform { get; set; }

    private async Task<TrainingResult> TrainCoreAsync(RankerTrainingOptions options, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        TrainingOptionsValidation.Validate(options);
        var started = _time.GetTimestamp();

        // libtorch loads on another core while the dataset is read; a machine without it still fails first with that.
        var torchLoad = Task.Run(TorchRuntime.EnsureAvailable, CancellationToken.None);
        TrainingData data;
        try
        {
            data = await TrainingData.LoadAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception)
        {
            await torchLoad.ConfigureAwait(false);
            throw;
        }

        await torchLoad.ConfigureAwait(false);
        var loaded = _time.GetTimestamp();
        var set = data.Set;
        if (set.PairCount == 0)
        {
            throw new RankerTrainingException(RankerTrainingErrorKind.InvalidData,
                $"{data.Source} leaves no usable pairs: of {set.PairsRead} read, {set.ContradictionsDropped} contradict each other and {set.DuplicatesDropped} repeat others. Record more pairs, export again, then train.",
                data.Source.StartsWith('/') ? data.Source : null);
        }

        var split = ItemSplit.Split(set, options.ValidationFraction, new Random(options.Seed));
        _logger.DataReady(split.TrainPairs.Length, split.ValidationPairs.Length, set.ItemCount, set.Width, split.StraddlingDropped, set.DuplicatesDropped, set.ContradictionsDropped, set.PairsRead, data.Source);
        var influence = set.Influence;
        _logger.InfluenceLimited(influence.Raters, influence.HumanVotes, influence.UnattributedVotes, influence.CappedRaters, influence.MaxRaterShare,
            influence.LargestShareBefore, influence.LargestShareAfter, influence.VotesSuperseded, influence.VotesMerged, influence.VotesOutvoted, influence.VotesTied);
        if (set.Labels.All(l => l > 0) || set.Labels.All(l => l < 0))
        {
            _logger.OneSidedLabels(set.PairCount, (int)set.Labels[0]);
        }

        var hasValidation = split.ValidationPairs.Length > 0;
        if (!hasValidation)
        {
            _logger.NoValidation(set.PairCount, options.ValidationFraction);
        }

        var calibrationPairs = hasValidation ? split.ValidationPairs : split.TrainPairs;
        var calibrationItems = ItemsOf(set, calibrationPairs);
        int[] parityItems = [.. calibrationItems.Take(hasValidation ? MaxParityItems : ParitySampleSize)];
        var warmStart = await WarmStart.ResolveAsync(options, data.Layout, cancellationToken).ConfigureAwait(false);
        if (warmStart.Weights is not null)
        {
            _logger.WarmStarting(warmStart.Source!);
        }
        else if (warmStart.SkippedReason is not null)
        {
            _logger.WarmStartSkipped(warmStart.Source!, warmStart.SkippedReason);
        }

        // ONNX Runtime's native library loads while the network trains, ready for the parity check.
        var onnxRuntimeLoad = Task.Run(OnnxParityCheck.WarmUp, CancellationToken.None);
        LoopOutcome outcome;
        await TorchGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            outcome = await Task.Run(() => RunTorch(set, split, options, calibrationItems, parityItems, warmStart.Weights, progress, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            TorchGate.Release();
        }

        await onnxRuntimeLoad.ConfigureAwait(false);
        var trained = _time.GetTimestamp();
        if (outcome.Refit is not null)
        {
            _logger.Refitted(outcome.RefitPairs, outcome.BestEpoch);
        }

        // Export, then check ONNX Runtime against TorchSharp before anything is stored.
        var exported = ExportTransform?.Invoke(outcome.Weights) ?? outcome.Weights;
        var onnx = OnnxModelWriter.Write(exported, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["embedding_generator_id"] = data.Layout.EmbeddingGeneratorId,
            ["embedding_dimension"] = data.Layout.EmbeddingDimension.ToString(CultureInfo.InvariantCulture),
            ["metric_names"] = string.Join(",", data.Layout.MetricNames),
            ["dataset_hash"] = data.DatasetHash,
        });
        var difference = OnnxParityCheck.MaxDifference(onnx, outcome.ScoredItemFeatures, set.Width, parityItems, outcome.ItemScores);
        if (!(difference <= options.ParityTolerance))
        {
            _logger.ParityFailed(difference, parityItems.Length, options.ParityTolerance);
            throw new RankerTrainingException(RankerTrainingErrorKind.ParityMismatch, string.Create(CultureInfo.InvariantCulture,
                $"ONNX Runtime scores the exported model up to {difference:E3} away from TorchSharp on {parityItems.Length} items (tolerance {options.ParityTolerance:E1}), so the model was neither stored nor activated. Report this with the dataset; training again will not help."));
        }

        var reasonDifference = OnnxParityCheck.MaxReasonDifference(onnx, outcome.ScoredItemFeatures, set.Width, parityItems.Length, exported);
        if (!(reasonDifference <= options.ParityTolerance))
        {
            _logger.ParityFailed(reasonDifference, parityItems.Length, options.ParityTolerance);
            throw new RankerTrainingException(RankerTrainingErrorKind.ParityMismatch, string.Create(CultureInfo.InvariantCulture,
                $"ONNX Runtime's reason outputs of the exported model differ by up to {reasonDifference:E3} from its weights' on {parityItems.Length} items (tolerance {options.ParityTolerance:E1}), so the model was neither stored nor activated. Report this with the dataset; training again will not help."));
        }

        _logger.ParityPassed(parityItems.Length, difference, options.ParityTolerance);
        cancellationToken.ThrowIfCancellationRequested();

        // The temperature is fitted on the validated fit's scores of pairs it never trained on, so the confidence stays
        // honest; the refit model is the same recipe with more data.
        var differences = calibrationPairs.Select(p => (double)outcome.CalibrationScores[set.A[p]] - outcome.CalibrationScores[set.B[p]]).ToArray();
        var temperature = TemperatureFit.Fit(differences, [.. calibrationPairs.Select(p => set.Labels[p])], [.. calibrationPairs.Select(p => set.Votes[p])]);

        var checkedAt = _time.GetTimestamp();
        var now = _time.GetUtcNow();
        var version = options.Version ?? string.Create(CultureInfo.InvariantCulture, $"{now:yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(SHA256.HashData(onnx))[..8]}");
        var metadata = MetadataFactory.Create(version, data, split, outcome, options, warmStart, temperature, hasValidation ? "validation" : "training", difference, now);
        if (exported.ReasonLayer is not null)
        {
            metadata.ReasonOutputName = OnnxModelWriter.ReasonOutputName;
            metadata.ReasonTags = [.. ReasonTags.All];
        }

        var (registry, owned) = RegistryFor(options);
        try
        {
            var stored = await registry.StoreAsync(onnx, metadata, cancellationToken).ConfigureAwait(false);
            if (options.Activate)
            {
                stored = await registry.ActivateAsync(version, CancellationToken.None).ConfigureAwait(false);
            }

            _logger.Stored(version, registry.ModelsDirectory, metadata.ValidationAccuracy, temperature, options.Activate);
            return new TrainingResult
            {
                Version = version,
                ModelPath = stored.ModelPath,
                MetadataPath = stored.MetadataPath,
                Activated = options.Activate,
                Metadata = metadata,
                PairsRead = set.PairsRead,
                TrainPairs = split.TrainPairs.Length,
                ValidationPairs = split.ValidationPairs.Length,
                StraddlingPairsDropped = split.StraddlingDropped,
                DuplicatePairsDropped = set.DuplicatesDropped,
                ContradictoryPairsDropped = set.ContradictionsDropped,
                Influence = set.Influence,
                BestEpoch = outcome.BestEpoch,
                EpochsRun = outcome.Epochs.Count,
                StoppedEarly = outcome.StoppedEarly,
                TrainAccuracy = metadata.TrainAccuracy ?? 0,
                ValidationAccuracy = metadata.ValidationAccuracy,
                ValidationAccuracyBySource = outcome.Epochs[outcome.BestEpoch - 1].ValidationAccuracyBySource?.AsReadOnly() ?? new Dictionary<string, double>().AsReadOnly(),
                Temperature = temperature,
                Refitted = outcome.Refit is not null,
                FinalModelPairs = outcome.Refit is not null ? outcome.RefitPairs : split.TrainPairs.Length,
                SourceWeights = set.Sources.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
                    .ToDictionary(source => source, options.SourceWeightOf, StringComparer.Ordinal).AsReadOnly(),
                WarmStartedFrom = warmStart.Weights is not null ? warmStart.Source : null,
                WarmStartSkippedReason = warmStart.SkippedReason,
                MaxParityDifference = difference,
                ParityItems = parityItems.Length,
                Timings = new TrainingTimings(
                    _time.GetElapsedTime(started, loaded),
                    _time.GetElapsedTime(loaded, trained),
                    _time.GetElapsedTime(trained, checkedAt),
                    _time.GetElapsedTime(checkedAt)),
            };
        }
        finally
        {
            (owned as IDisposable)?.Dispose();
        }
    }

    private LoopOutcome RunTorch(PairSet set, SplitResult split, RankerTrainingOptions options, int[] calibrationItems, int[] parityItems, Onnx.MlpWeights? initial, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var device = TorchRuntime.ResolveDevice(options.Device);
        var previousThreads = torch.get_num_threads();
        torch.set_num_threads(options.Threads);
        try
        {
            var loop = new TrainingLoop(set, split, options, device) { ScoredItems = parityItems, CalibrationItems = calibrationItems, InitialWeights = initial };
            var outcome = loop.Run(p =>
            {
                _logger.Epoch(p.Epoch, p.Epochs, p.TrainLoss, p.TrainAccuracy, p.ValidationLoss, p.ValidationAccuracy, p.IsRefit ? " (refit)" : p.IsBest ? " (best)" : "");
                progress?.Report(p);
            }, cancellationToken);
            if (outcome.StoppedEarly)
            {
                _logger.StoppedEarly(outcome.Epochs.Count, options.EarlyStoppingPatience, outcome.BestEpoch);
            }

            return outcome;
        }
        finally
        {
            torch.set_num_threads(previousThreads);
        }
    }

    private (IModelRegistry Registry, IModelRegistry? Owned) RegistryFor(RankerTrainingOptions options)
    {
        var folder = Path.GetFullPath(options.OutputDirectory);
        if (_registry is not null && string.Equals(Path.TrimEndingDirectorySeparator(_registry.ModelsDirectory), Path.TrimEndingDirectorySeparator(folder), StringComparison.Ordinal))
        {
            return (_registry, null);
        }

        var registry = new FileModelRegistry(folder, _time);
        return (registry, registry);
    }

    private static int[] ItemsOf(PairSet set, int[] pairs) => [.. pairs.SelectMany(p => new[] { set.A[p], set.B[p] }).Distinct().Order()];
}
