namespace Ancso.Ml.Training;

/// <summary>
/// Trains the ranker on a dataset (or pairs handed in), writes it as ONNX, checks that ONNX Runtime scores it as
/// TorchSharp does, stores it as a new version in the models folder and, unless told otherwise, activates it.
/// </summary>
public interface IRankerTrainer
{
    /// <summary>Runs one training.</summary>
    /// <param name="options">What to train on and how.</param>
    /// <param name="progress">Receives each epoch's figures, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops training within one batch; nothing is stored or activated then.</param>
    /// <returns>The stored version, its files and its figures.</returns>
    /// <exception cref="RankerTrainingException">The options, the data, the native runtime or the parity check failed; nothing was activated.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled; nothing was activated.</exception>
    Task<TrainingResult> TrainAsync(RankerTrainingOptions options, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default);
}
