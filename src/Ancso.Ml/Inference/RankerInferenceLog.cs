namespace Ancso.Ml.Inference;

/// <summary>The inference service's log messages. Event ids 3100–3199 belong to inference and never change meaning.</summary>
internal static partial class RankerInferenceLog
{
    [LoggerMessage(EventId = 3100, EventName = "ModelLoaded", Level = LogLevel.Information,
        Message = "Scoring with ranker model {Version} from {ModelPath} (input {InputDimension} floats, embeddings {EmbeddingGeneratorId}).")]
    public static partial void ModelLoaded(this ILogger logger, string version, string modelPath, int inputDimension, string embeddingGeneratorId);

    [LoggerMessage(EventId = 3101, EventName = "ModelSwitched", Level = LogLevel.Information,
        Message = "Switched ranker model from {PreviousVersion} to {Version}; the previous session is released once its calls finish.")]
    public static partial void ModelSwitched(this ILogger logger, string previousVersion, string version);

    [LoggerMessage(EventId = 3102, EventName = "HeuristicFallback", Level = LogLevel.Warning,
        Message = "Scoring with the heuristic (clarity·0.3 + impact·0.4 + keyword_score·0.3) because {Reason}: {Detail} (models folder {ModelsDirectory})")]
    public static partial void HeuristicFallback(this ILogger logger, FallbackReason reason, string detail, string modelsDirectory);

    [LoggerMessage(EventId = 3103, EventName = "ActivatedModelRejected", Level = LogLevel.Warning,
        Message = "Kept serving ranker model {CurrentVersion}: the newly activated model {AttemptedVersion} is not usable ({Reason}): {Detail} (models folder {ModelsDirectory})")]
    public static partial void ActivatedModelRejected(this ILogger logger, string currentVersion, string attemptedVersion, FallbackReason reason, string detail, string modelsDirectory);

    [LoggerMessage(EventId = 3104, EventName = "ModelRunFailed", Level = LogLevel.Error,
        Message = "Ranker model {Version} failed while scoring; the call used the heuristic. Train again or activate another version.")]
    public static partial void ModelRunFailed(this ILogger logger, string version, Exception exception);

    [LoggerMessage(EventId = 3109, EventName = "ModelScoreNotFinite", Level = LogLevel.Error,
        Message = "Ranker model {Version} ({ModelPath}) gave a non-finite score ({Score}); such calls use the heuristic. Train again or activate another version.")]
    public static partial void ModelScoreNotFinite(this ILogger logger, string version, string modelPath, float score);

    [LoggerMessage(EventId = 3105, EventName = "WatcherUnavailable", Level = LogLevel.Warning,
        Message = "Cannot watch {Directory} for model changes ({Message}); relying on a check of active_model.json at most every {Interval}.")]
    public static partial void WatcherUnavailable(this ILogger logger, string directory, string message, TimeSpan interval);

    [LoggerMessage(EventId = 3106, EventName = "LoadFailedUnexpectedly", Level = LogLevel.Error,
        Message = "Looking for the active ranker model in {Directory} failed unexpectedly; scoring continues with what was in use before (or the heuristic).")]
    public static partial void LoadFailedUnexpectedly(this ILogger logger, string directory, Exception exception);

    [LoggerMessage(EventId = 3107, EventName = "ModelDeactivated", Level = LogLevel.Information,
        Message = "Ranker model {Version} is no longer active ({Detail}); scoring with the heuristic.")]
    public static partial void ModelDeactivated(this ILogger logger, string version, string detail);

    [LoggerMessage(EventId = 3108, EventName = "ModelChangeDetected", Level = LogLevel.Debug,
        Message = "The active model pointer in {Directory} changed ({Trigger}); reloading.")]
    public static partial void ModelChangeDetected(this ILogger logger, string directory, string trigger);

    [LoggerMessage(EventId = 3110, EventName = "EmbeddingUnavailable", Level = LogLevel.Warning,
        Message = "The embedding generator {EmbeddingGeneratorId} failed ({Kind}); the call was scored with the heuristic and the next call tries the generator again.")]
    public static partial void EmbeddingUnavailable(this ILogger logger, string embeddingGeneratorId, Embeddings.EmbeddingServiceErrorKind kind, Exception exception);
}
