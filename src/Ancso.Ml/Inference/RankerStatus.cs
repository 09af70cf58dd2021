using Ancso.Ml.Features;

namespace Ancso.Ml.Inference;

/// <summary>What the inference service is using now.</summary>
/// <param name="Provenance">What scores come from now: the model and its version, or the heuristic and why.</param>
/// <param name="RuntimeLoaded">Whether the ONNX Runtime native library loaded.</param>
/// <param name="ActiveModel">The active model's metadata, when one is loaded.</param>
/// <param name="FeatureLayout">The features this service builds.</param>
/// <param name="ModelsDirectory">
/// The full path of the models folder, for the host and its operators; a web app should not return it to anonymous
/// clients (the provenances' details never name it).
/// </param>
public sealed record RankerStatus(
    ScoreProvenance Provenance,
    bool RuntimeLoaded,
    ModelMetadata? ActiveModel,
    FeatureLayout FeatureLayout,
    string ModelsDirectory)
{
    /// <summary>
    /// Gets why the most recently activated model is not the one in use: it could not be loaded, so the previous model
    /// keeps serving. <see langword="null"/> when the model in use is the active one, or when no model is in use.
    /// </summary>
    public ScoreProvenance? ActivationFailure { get; init; }

    /// <summary>
    /// Gets why the model registry cannot be reached (a registry kept in a shared database, see
    /// <see cref="IModelChangeSource"/>): the service keeps serving its local copy of the last active model it saw, and
    /// switches to a model activated meanwhile once the registry answers again. <see langword="null"/> while the
    /// registry is reachable, and always for the models folder.
    /// </summary>
    public string? RegistryProblem { get; init; }
}
