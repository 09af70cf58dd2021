using Ancso.Ml.DependencyInjection;
using Ancso.Ml.Features;
using Ancso.Ml.Models;
using Ancso.Ml.Pairs.Erasure;
using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Pairs.Storage;
using Ancso.Ml.Learning.Influence;
using Ancso.Ml.Training;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ancso.Ml.Samples.RetrainWorker;

/// <summary>The outcome of one check: the decision, the training when there was one, and what the check erased and purged.</summary>
/// <param name="Decision">Whether the check trained, and why.</param>
/// <param name="Training">The training, or <see langword="null"/>.</param>
public sealed record RetrainOutcome(RetrainDecision Decision, TrainingResult? Training)
{
    /// <summary>Gets what the retention period erased, or <see langword="null"/> when no retention period is configured.</summary>
    public ErasureResult? Retention { get; init; }

    /// <summary>Gets the model versions the check deleted because they learned from erased data, or <see langword="null"/> when it deleted none.</summary>
    public ModelPurgeResult? Purge { get; init; }

    /// <summary>Gets the stored versions that still learned from erased data after the check (kept with <see cref="RetrainOptions.PurgeModels"/> off, or an active one no replacement could be trained for).</summary>
    public IReadOnlyList<string> ModelsTrainedOnErasedData { get; init; } = [];
}

/// <summary>
/// One check: applies the retention period (<c>Ranker:Signals:Retention</c>: people's pairs stored longer ago are erased),
/// counts the stored pairs and, when enough are new or the active model has to be replaced because data it learned
/// from was erased, trains straight from the pair store (no dataset file in between: each item's features are built once,
/// as an export would) and activates the model in <c>Ranker:ModelsDirectory</c>, where every inference service with hot
/// reload picks it up; then deletes the stored versions that learned from erased data (<see cref="RetrainOptions.PurgeModels"/>).
/// Each training starts from the active model's weights when its layout matches and it is known not to have learned from
/// erased data (a warm start), and refits on every pair. Every training applies the influence limits
/// (<c>Ranker:Training:InfluenceLimits</c>: one vote per rater per pair, a cap on one rater's share) and logs what they did.
/// </summary>
public sealed partial class Retrainer(
    IPairStore store,
    IFeatureBuilder features,
    IRankerTrainer trainer,
    IModelRegistry registry,
    IPairEraser eraser,
    IOptions<RankerOptions> rankerOptions,
    IOptions<RetrainOptions> retrainOptions,
    IOptions<SignalOptions> signalOptions,
    IOptions<InfluenceLimitOptions> influenceLimits,
    TimeProvider timeProvider,
    ILogger<Retrainer> logger)
{
    public async Task<RetrainOutcome> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var options = retrainOptions.Value;
        var retention = await ApplyRetentionAsync(cancellationToken);
        var models = await eraser.CheckModelsAsync(cancellationToken);
        var active = models.FirstOrDefault(static m => m.IsActive);
        var erasure = new ErasureState(active is not null, active?.TrainedOnErasedData == true, retention?.Store.Pairs ?? 0);

        var state = await RetrainState.LoadAsync(options.StateFile, cancellationToken);
        var stored = await store.CountPairsAsync(cancellationToken: cancellationToken);
        var decision = RetrainPolicy.Decide(stored.Total, state.PairsAtLastTraining, options.MinNewPairs, erasure);
        TrainingResult? training = null;
        if (decision.ShouldTrain)
        {
            LogTraining(logger, decision.Reason);
            training = await TrainAsync(active, options, cancellationToken);
        }
        else if (erasure.ActiveModelLearnedFromErasedData)
        {
            LogActiveNotReplaced(logger, decision.Reason);
        }
        else
        {
            LogSkipped(logger, decision.Reason);
        }

        var (purge, marked) = await PurgeAsync(models, replaced: training is not null, options.PurgeModels, cancellationToken);
        return new RetrainOutcome(decision, training) { Retention = retention, Purge = purge, ModelsTrainedOnErasedData = marked };
    }

    private async Task<TrainingResult> TrainAsync(ModelErasureStatus? activeStatus, RetrainOptions options, CancellationToken cancellationToken)
    {
        ModelVersionInfo? active = null;
        if (activeStatus is { TrainedOnErasedData: not false })
        {
            // Its weights would carry what it learned from erased pairs (or, without a training fingerprint, might).
            LogColdStart(logger, activeStatus.TrainedOnErasedData is null
                ? "has no readable training fingerprint (trained on pairs handed in, by an older library, or its metadata is damaged), so whether it learned from erased data is unknown"
                : "learned from erased data");
        }
        else if (activeStatus is not null)
        {
            try
            {
                active = await registry.GetActiveAsync(cancellationToken);
            }
            catch (ModelRegistryException ex)
            {
                // A broken active model is no reason to stop learning: train from scratch, and the new model replaces it.
                LogNoWarmStart(logger, ex.Message);
            }
        }

        var training = await trainer.TrainAsync(new RankerTrainingOptions
        {
            Source = RankerTrainingSource.FromPairStore(store, features),
            OutputDirectory = rankerOptions.Value.ModelsDirectory,
            Epochs = options.Epochs,
            Activate = true,
            InitialModel = active?.ModelPath,
            InfluenceLimits = new InfluenceLimitOptions
            {
                MaxRaterShare = influenceLimits.Value.MaxRaterShare,
                TrustUnattributed = influenceLimits.Value.TrustUnattributed,
            },
        }, cancellationToken: cancellationToken);

        // The pairs read, not the earlier count: pairs recorded while the store was read count toward the next retraining.
        await new RetrainState(training.PairsRead, training.Version, timeProvider.GetUtcNow()).SaveAsync(options.StateFile, cancellationToken);
        LogActivated(logger, training.Version, training.PairsRead, training.ValidationAccuracy);
        var influence = training.Influence;
        LogInfluence(logger, influence.Raters, influence.CappedRaters, influence.MaxRaterShare, influence.LargestShareBefore, influence.LargestShareAfter,
            influence.TrustUnattributed ? "trusted" : "pooled as one rater", influence.VotesSuperseded, influence.VotesMerged, influence.VotesOutvoted, influence.VotesTied);
        return training;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Not retraining: {Reason}.")]
    private static partial void LogSkipped(ILogger logger, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Retraining: {Reason}.")]
    private static partial void LogTraining(ILogger logger, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Activated model {Version}, trained on {Pairs} pairs (validation accuracy {Accuracy}).")]
    private static partial void LogActivated(ILogger logger, string version, int pairs, double? accuracy);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Not starting from the active model ({Reason}); training from scratch.")]
    private static partial void LogNoWarmStart(ILogger logger, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Influence limits: {Raters} raters, {CappedRaters} capped at a share of {MaxRaterShare}; " +
        "largest share {LargestShareBefore:0.###} before the cap, {LargestShareAfter:0.###} after; unattributed choices {Unattributed}; " +
        "votes superseded {Superseded}, merged {Merged}, outvoted {Outvoted}, tied {Tied}.")]
    private static partial void LogInfluence(ILogger logger, int raters, int cappedRaters, double maxRaterShare, double largestShareBefore, double largestShareAfter,
        string unattributed, int superseded, int merged, int outvoted, int tied);
}
