using Ancso.Ml.DependencyInjection;
using Ancso.Ml.Features;
using Ancso.Ml.Models;
using Ancso.Ml.Pairs;
using Ancso.Ml.Training;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ancso.Ml.Samples.RetrainWorker;

/// <summary>The outcome of one check: the decision, and the training when there was one.</summary>
public sealed record RetrainOutcome(RetrainDecision Decision, TrainingResult? Training);

/// <summary>
/// One check: counts the stored pairs and, when enough are new, trains straight from the pair store (no dataset file in
/// between: each item's features are built once, as an export would) and activates the model in
/// <c>Ranker:ModelsDirectory</c>, where every inference service with hot reload picks it up. Each training starts from
/// the active model's weights when its layout matches (a warm start), and refits on every pair.
/// </summary>
public sealed partial class Retrainer(
    IPairStore store,
    IFeatureBuilder features,
    IRankerTrainer trainer,
    IModelRegistry registry,
    IOptions<RankerOptions> rankerOptions,
    IOptions<RetrainOptions> retrainOptions,
    TimeProvider timeProvider,
    ILogger<Retrainer> logger)
{
    public async Task<RetrainOutcome> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var options = retrainOptions.Value;
        var state = await RetrainState.LoadAsync(options.StateFile, cancellationToken);
        var stored = await store.CountPairsAsync(cancellationToken: cancellationToken);
        var decision = RetrainPolicy.Decide(stored.Total, state.PairsAtLastTraining, options.MinNewPairs);
        if (!decision.ShouldTrain)
        {
            LogSkipped(logger, decision.Reason);
            return new RetrainOutcome(decision, null);
        }

        LogTraining(logger, decision.Reason);
        ModelVersionInfo? active = null;
        try
        {
            active = await registry.GetActiveAsync(cancellationToken);
        }
        catch (ModelRegistryException ex)
        {
            // A broken active model is no reason to stop learning: train from scratch, and the new model replaces it.
            LogNoWarmStart(logger, ex.Message);
        }

        var training = await trainer.TrainAsync(new RankerTrainingOptions
        {
            Source = RankerTrainingSource.FromPairStore(store, features),
            OutputDirectory = rankerOptions.Value.ModelsDirectory,
            Epochs = options.Epochs,
            Activate = true,
            InitialModel = active?.ModelPath,
        }, cancellationToken: cancellationToken);

        // The pairs read, not the earlier count: pairs recorded while the store was read count toward the next retraining.
        await new RetrainState(training.PairsRead, training.Version, timeProvider.GetUtcNow()).SaveAsync(options.StateFile, cancellationToken);
        LogActivated(logger, training.Version, training.PairsRead, training.ValidationAccuracy);
        return new RetrainOutcome(decision, training);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Not retraining: {Reason}.")]
    private static partial void LogSkipped(ILogger logger, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Retraining: {Reason}.")]
    private static partial void LogTraining(ILogger logger, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Activated model {Version}, trained on {Pairs} pairs (validation accuracy {Accuracy}).")]
    private static partial void LogActivated(ILogger logger, string version, int pairs, double? accuracy);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Not starting from the active model ({Reason}); training from scratch.")]
    private static partial void LogNoWarmStart(ILogger logger, string reason);
}
