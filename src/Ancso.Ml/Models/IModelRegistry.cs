namespace Ancso.Ml.Models;

/// <summary>A model version stored in the models folder.</summary>
/// <param name="Version">The version.</param>
/// <param name="ModelPath">The full path of the ONNX file.</param>
/// <param name="MetadataPath">The full path of the metadata file.</param>
/// <param name="Metadata">The parsed metadata, or <see langword="null"/> when it could not be read.</param>
/// <param name="IsActive">Whether this version is the active one.</param>
public sealed record ModelVersionInfo(string Version, string ModelPath, string MetadataPath, ModelMetadata? Metadata, bool IsActive)
{
    /// <summary>
    /// Gets why <see cref="Metadata"/> is <see langword="null"/> in a listing: the metadata file is missing, unreadable, or
    /// names another version than its file name. <see langword="null"/> when the metadata was read.
    /// </summary>
    public string? Problem { get; init; }
}

/// <summary>
/// The models folder: <c>ranker-&lt;version&gt;.onnx</c> files, their metadata, and <c>active_model.json</c> pointing at
/// the active pair. Writes are atomic (temporary file, then rename).
/// </summary>
public interface IModelRegistry
{
    /// <summary>Gets the full path of the models folder.</summary>
    string ModelsDirectory { get; }

    /// <summary>Gets the active model, or <see langword="null"/> when none is active.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The active version.</returns>
    /// <exception cref="ModelRegistryException">
    /// The pointer or metadata is unreadable or refused (a FIFO, a device, a link out of the folder, over its size limit),
    /// the pointer names a file outside the models folder or a missing file, or the pointer, its file names and the
    /// metadata do not name the same version.
    /// </exception>
    Task<ModelVersionInfo?> GetActiveAsync(CancellationToken cancellationToken = default);

    /// <summary>Lists the stored versions, newest first.</summary>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The versions.</returns>
    Task<IReadOnlyList<ModelVersionInfo>> ListVersionsAsync(CancellationToken cancellationToken = default);

    /// <summary>Stores a new model version (without activating it).</summary>
    /// <param name="onnxModel">The ONNX model's bytes.</param>
    /// <param name="metadata">Its metadata; <see cref="ModelMetadata.Version"/> names the version.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The stored version.</returns>
    /// <exception cref="ModelRegistryException">The version already exists or is not a valid file name.</exception>
    Task<ModelVersionInfo> StoreAsync(ReadOnlyMemory<byte> onnxModel, ModelMetadata metadata, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes a stored version the active one, atomically, after checking it: its metadata must be readable, consistent
    /// and name the same version, and its model must load in ONNX Runtime, match the metadata and give finite scores on
    /// a first run. A version that fails is refused and the active model stays as it was.
    /// </summary>
    /// <param name="version">The version.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The activated version.</returns>
    /// <exception cref="ModelRegistryException">The version does not exist, or its files fail the checks (the exception's kind says which).</exception>
    Task<ModelVersionInfo> ActivateAsync(string version, CancellationToken cancellationToken = default);

    /// <summary>Activates the version that was active before the current one, with the checks of <see cref="ActivateAsync"/>.</summary>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The activated version.</returns>
    /// <exception cref="ModelRegistryException">There is no previous version to roll back to, or it fails the checks.</exception>
    Task<ModelVersionInfo> RollbackAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes a stored version that is not active: its model (the weights, which learned from the data) first, then its
    /// metadata. When it was the version a rollback would return to, the rollback target is cleared. Deleting a version
    /// that is not stored is a no-op.
    /// </summary>
    /// <param name="version">The version.</param>
    /// <param name="cancellationToken">Cancels the delete.</param>
    /// <returns><see langword="true"/> when something was deleted.</returns>
    /// <exception cref="ModelRegistryException">The version is the active one (activate another first), or its name is not valid.</exception>
    Task<bool> DeleteAsync(string version, CancellationToken cancellationToken = default);
}
