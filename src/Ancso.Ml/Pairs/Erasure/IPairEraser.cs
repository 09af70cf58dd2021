namespace Ancso.Ml.Pairs.Erasure;

/// <summary>
/// Erases people's data: their pairs in the pair store, the items and cached embeddings nobody else's pairs use, the
/// exported datasets in the data folder that hold them, and (on request) the stored model versions that learned from
/// them. Each erasure is idempotent: running it again finishes what an interrupted one left and otherwise changes
/// nothing. One audit log line per erasure gives counts, never texts, ids or raters. See <c>docs/erasure.md</c>.
/// </summary>
public interface IPairEraser
{
    /// <summary>Erases what <paramref name="request"/> names.</summary>
    /// <param name="request">Whose data, and whether only to count.</param>
    /// <param name="cancellationToken">Cancels the erasure; what was committed stays erased, and a rerun finishes the rest.</param>
    /// <returns>What was (or would be) erased, and which model versions learned from erased data.</returns>
    /// <exception cref="ArgumentException">The request names nothing, or a criterion is malformed (the message never repeats it).</exception>
    /// <exception cref="InvalidOperationException">The request names a rater but no rater key is configured.</exception>
    /// <exception cref="PairStoreException">The store cannot be used; nothing was erased.</exception>
    Task<ErasureResult> EraseAsync(ErasureRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Says, for every stored model version, whether it learned from data erased since it was trained: its metadata's
    /// training fingerprint is checked against the store's erasure log. A version without a fingerprint (trained on pairs
    /// handed in, or by an older library) is unknown.
    /// </summary>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>One entry per stored version, in the registry's order.</returns>
    Task<IReadOnlyList<ModelErasureStatus>> CheckModelsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the stored versions that learned from erased data, except the active one (a service must keep a model to
    /// serve): train and activate a replacement first (<c>ancso ranker erase --retrain</c> does), then purge.
    /// </summary>
    /// <param name="cancellationToken">Cancels the purge; versions already deleted stay deleted.</param>
    /// <returns>What was deleted, and whether the active version still learned from erased data.</returns>
    Task<ModelPurgeResult> PurgeModelsAsync(CancellationToken cancellationToken = default);
}

/// <summary>Whose data an erasure removes; every criterion given must match, and at least one is required.</summary>
public sealed class ErasureRequest
{
    /// <summary>Gets the host's id for the person whose choices, edits and labels go (their keyed pseudonym is looked up).</summary>
    /// <value>Default: <see langword="null"/>.</value>
    public string? RaterId { get; init; }

    /// <summary>Gets a stored item whose pairs go (for example <c>i_3f2a9c01d4e5b677</c>).</summary>
    /// <value>Default: <see langword="null"/>.</value>
    public string? ItemId { get; init; }

    /// <summary>Gets a text whose pairs go: every item with exactly this text, in any platform and section.</summary>
    /// <value>Default: <see langword="null"/>.</value>
    public string? Text { get; init; }

    /// <summary>
    /// Gets an age beyond which people's pairs go (a retention period, for example 365 days): every pair but bootstrap's
    /// stored longer ago than this.
    /// </summary>
    /// <value>Default: <see langword="null"/>.</value>
    public TimeSpan? OlderThan { get; init; }

    /// <summary>
    /// Gets whether only to count what the store would erase, changing nothing: datasets are left as they are, and
    /// <see cref="ErasureResult.ModelsTrainedOnErasedData"/> lists the versions earlier erasures marked, not those this one would.
    /// </summary>
    /// <value>Default: <see langword="false"/>.</value>
    public bool DryRun { get; init; }
}

/// <summary>What an erasure removed (or, on a dry run, would remove).</summary>
/// <param name="Store">What left the pair store: pairs, items, cached embeddings.</param>
/// <param name="DatasetFilesDeleted">The exported dataset files in the data folder that held erased pairs and were deleted (file names, in the data folder).</param>
/// <param name="ModelsTrainedOnErasedData">The stored model versions that learned from erased data (now or in an earlier erasure).</param>
/// <param name="ActiveModelTrainedOnErasedData">Whether the active model is among them: retrain and activate a replacement.</param>
/// <param name="DryRun">Whether nothing was changed.</param>
public sealed record ErasureResult(
    PairErasureCounts Store, IReadOnlyList<string> DatasetFilesDeleted, IReadOnlyList<string> ModelsTrainedOnErasedData, bool ActiveModelTrainedOnErasedData, bool DryRun);

/// <summary>Whether a stored model version learned from erased data.</summary>
/// <param name="Version">The version.</param>
/// <param name="IsActive">Whether it is the active one.</param>
/// <param name="TrainedOnErasedData"><see langword="true"/> or <see langword="false"/>; <see langword="null"/> when its metadata has no training fingerprint (unknown).</param>
public sealed record ModelErasureStatus(string Version, bool IsActive, bool? TrainedOnErasedData);

/// <summary>What <see cref="IPairEraser.PurgeModelsAsync"/> deleted.</summary>
/// <param name="Deleted">The versions deleted.</param>
/// <param name="ActiveModelTrainedOnErasedData">Whether the active version learned from erased data (it is never deleted).</param>
public sealed record ModelPurgeResult(IReadOnlyList<string> Deleted, bool ActiveModelTrainedOnErasedData);
