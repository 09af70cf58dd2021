using Microsoft.Extensions.Logging;

namespace Ancso.Ml.Training;

/// <summary>The trainer's log messages (event ids 3000–3099).</summary>
internal static partial class TrainingLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information,
        Message = "Training on {TrainPairs} pairs, validating on {ValidationPairs}, {Items} items of {Width} features; dropped {Straddling} pairs straddling the split, {Duplicates} repeated and {Contradictory} contradictory pairs (of {PairsRead} read from {Source})")]
    public static partial void DataReady(this ILogger logger, int trainPairs, int validationPairs, int items, int width, int straddling, int duplicates, int contradictory, int pairsRead, string source);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Debug,
        Message = "Epoch {Epoch}/{Epochs}: train loss {TrainLoss:F4}, accuracy {TrainAccuracy:P1}; validation loss {ValidationLoss}, accuracy {ValidationAccuracy}{Best}")]
    public static partial void Epoch(this ILogger logger, int epoch, int epochs, double trainLoss, double trainAccuracy, double? validationLoss, double? validationAccuracy, string best);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Stopped early after epoch {Epoch}: no lower validation loss for {Patience} epochs; keeping epoch {BestEpoch}")]
    public static partial void StoppedEarly(this ILogger logger, int epoch, int patience, int bestEpoch);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "ONNX Runtime matches TorchSharp on {Items} items (largest difference {Difference:E2}, tolerance {Tolerance:E2})")]
    public static partial void ParityPassed(this ILogger logger, int items, double difference, double tolerance);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Error, Message = "ONNX Runtime differs from TorchSharp by {Difference:E3} on {Items} items (tolerance {Tolerance:E2}); nothing was stored or activated")]
    public static partial void ParityFailed(this ILogger logger, double difference, int items, double tolerance);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "Stored model {Version} in {ModelsDirectory} (validation accuracy {ValidationAccuracy}, temperature {Temperature:F3}); activated: {Activated}")]
    public static partial void Stored(this ILogger logger, string version, string modelsDirectory, double? validationAccuracy, double temperature, bool activated);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning, Message = "All {Pairs} pairs prefer the same side (label {Label}); the model still learns from the features, but check the export")]
    public static partial void OneSidedLabels(this ILogger logger, int pairs, int label);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Warning, Message = "No validation pairs ({Pairs} pairs, validation fraction {Fraction}); the last epoch is kept, the temperature is fitted on training pairs and the parity check uses training items")]
    public static partial void NoValidation(this ILogger logger, int pairs, double fraction);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Information, Message = "Refitted on all {Pairs} pairs for {Epochs} epochs (the count validation chose)")]
    public static partial void Refitted(this ILogger logger, int pairs, int epochs);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information, Message = "Starting from {InitialModel}")]
    public static partial void WarmStarting(this ILogger logger, string initialModel);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Information,
        Message = "Influence limits: {Raters} raters over {HumanVotes} human votes ({Unattributed} unattributed); {Capped} raters capped at a {MaxShare:P1} share (heaviest {Before:P1} before, {After:P1} after); votes superseded {Superseded}, merged {Merged}, outvoted {Outvoted}, tied {Tied}")]
    public static partial void InfluenceLimited(this ILogger logger, int raters, int humanVotes, int unattributed, int capped, double maxShare, double before, double after, int superseded, int merged, int outvoted, int tied);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Warning, Message = "Not starting from {InitialModel}: {Reason}; training from scratch")]
    public static partial void WarmStartSkipped(this ILogger logger, string initialModel, string reason);
}
