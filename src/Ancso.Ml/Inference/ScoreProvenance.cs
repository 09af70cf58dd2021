namespace Ancso.Ml.Inference;

/// <summary>Where a score came from.</summary>
public enum ProvenanceKind
{
    /// <summary>The active ONNX model produced the score.</summary>
    Model,

    /// <summary>The heuristic <c>clarity·0.3 + impact·0.4 + keyword_score·0.3</c> produced the score; see <see cref="ScoreProvenance.Reason"/>.</summary>
    Heuristic,
}

/// <summary>Why the heuristic was used instead of a model.</summary>
public enum FallbackReason
{
    /// <summary>A model was used; no fallback.</summary>
    None,

    /// <summary>No model is active: no <c>active_model.json</c>, and no <c>ranker.onnx</c> in the models folder.</summary>
    NoModel,

    /// <summary>The ONNX Runtime native library could not be loaded on this machine.</summary>
    RuntimeUnavailable,

    /// <summary>The active pointer names a model or metadata file that does not exist.</summary>
    ModelFileMissing,

    /// <summary>
    /// The model, its metadata or the pointer cannot be used: unreadable or unparsable (corrupt or truncated), naming
    /// another version than its files, refused unread (a symbolic link out of the models folder, a FIFO or device, a file
    /// over the size limit), keeping weights in external files, or giving scores that are not finite numbers.
    /// </summary>
    ModelCorrupt,

    /// <summary>The model expects other features than this service builds (embedding generator, dimension or metric list).</summary>
    MetadataMismatch,

    /// <summary>The service has not been initialized and could not initialize.</summary>
    NotInitialized,

    /// <summary>
    /// The embedding generator failed for this call (the service answered an error or timed out after its retries, or
    /// gave an unusable vector); the call was scored with the heuristic, and the next call asks the generator again.
    /// </summary>
    EmbeddingUnavailable,
}

/// <summary>Where a score came from: the model (with its version) or the heuristic (with the reason).</summary>
/// <param name="Kind">Model or heuristic.</param>
/// <param name="ModelVersion">The model's version when <paramref name="Kind"/> is <see cref="ProvenanceKind.Model"/>.</param>
/// <param name="Reason">Why the heuristic was used; <see cref="FallbackReason.None"/> for a model score.</param>
/// <param name="Detail">
/// A sentence on the cause, for users; <see langword="null"/> for a model score. It names files only by their name within
/// the models folder, never by an absolute path, so it can be shown to a service's clients; the log has the full paths.
/// </param>
public sealed record ScoreProvenance(ProvenanceKind Kind, string? ModelVersion, FallbackReason Reason, string? Detail)
{
    /// <summary>Gets the provenance's name as printed: <c>model</c> or <c>heuristic</c>.</summary>
    public string Name => Kind == ProvenanceKind.Model ? "model" : "heuristic";

    /// <summary>
    /// Gets <see cref="Reason"/>'s name in snake case, as the CLI, the health check, traces and metrics print it:
    /// <c>none</c>, <c>no_model</c>, <c>runtime_unavailable</c>, <c>model_file_missing</c>, <c>model_corrupt</c>,
    /// <c>metadata_mismatch</c>, <c>not_initialized</c> or <c>embedding_unavailable</c>; <c>unknown</c> for a value
    /// outside the enumeration.
    /// </summary>
    public string ReasonName => NameOf(Reason);

    /// <summary>Gets a reason's name in snake case; see <see cref="ReasonName"/>.</summary>
    internal static string NameOf(FallbackReason reason) => reason switch
    {
        FallbackReason.None => "none",
        FallbackReason.NoModel => "no_model",
        FallbackReason.RuntimeUnavailable => "runtime_unavailable",
        FallbackReason.ModelFileMissing => "model_file_missing",
        FallbackReason.ModelCorrupt => "model_corrupt",
        FallbackReason.MetadataMismatch => "metadata_mismatch",
        FallbackReason.NotInitialized => "not_initialized",
        FallbackReason.EmbeddingUnavailable => "embedding_unavailable",
        _ => "unknown",
    };

    /// <summary>Creates a model provenance.</summary>
    /// <param name="version">The model's version.</param>
    /// <returns>The provenance.</returns>
    public static ScoreProvenance FromModel(string version) => new(ProvenanceKind.Model, version, FallbackReason.None, null);

    /// <summary>Creates a heuristic provenance.</summary>
    /// <param name="reason">Why the heuristic is used.</param>
    /// <param name="detail">A sentence on the cause.</param>
    /// <returns>The provenance.</returns>
    public static ScoreProvenance FromHeuristic(FallbackReason reason, string detail) => new(ProvenanceKind.Heuristic, null, reason, detail);

    /// <inheritdoc/>
    public override string ToString() => Kind == ProvenanceKind.Model
        ? $"model ({ModelVersion})"
        : $"heuristic ({Reason}: {Detail})";
}
