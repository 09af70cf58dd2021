using System.Text.Json;
using Ancso.Ml.DependencyInjection;
using Ancso.Ml.Inference;
using Ancso.Ml.IO;

namespace Ancso.Ml.Models;

/// <summary>
/// Activation: a version becomes active only after it has been loaded and warmed up as a serving process would load
/// it (<see cref="ModelOpener"/>), so a model that could not serve is refused and the pointer left as it was.
/// </summary>
public sealed partial class FileModelRegistry
{
    /// <inheritdoc/>
    public async Task<ModelVersionInfo> ActivateAsync(string version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        await SweepOnceAsync(cancellationToken).ConfigureAwait(false);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await ActivateCoreAsync(version, previousOverride: null, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc/>
    public async Task<ModelVersionInfo> RollbackAsync(CancellationToken cancellationToken = default)
    {
        await SweepOnceAsync(cancellationToken).ConfigureAwait(false);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var pointer = await ReadPointerAsync(cancellationToken).ConfigureAwait(false);
            if (pointer?.PreviousVersion is not { Length: > 0 } previous)
            {
                throw new ModelRegistryException(ModelRegistryErrorKind.NoPreviousVersion,
                    $"There is no previous version to roll back to in {PointerPath}. List versions (ancso ranker versions) and activate one by name.");
            }

            return await ActivateCoreAsync(previous, previousOverride: pointer.Version, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc/>
    public async Task<bool> DeleteAsync(string version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (!ModelFileNames.IsValidVersion(version))
        {
            throw new ModelRegistryException(ModelRegistryErrorKind.InvalidVersion, $"{Quote(version)} is not a valid model version name.");
        }

        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var pointer = await ReadPointerAsync(cancellationToken).ConfigureAwait(false);
            if (string.Equals(pointer?.Version, version, StringComparison.Ordinal))
            {
                throw new ModelRegistryException(ModelRegistryErrorKind.VersionActive,
                    $"Version '{version}' is the active model in {ModelsDirectory} and was not deleted: activate another version (or train a new one) first.");
            }

            if (pointer is not null && string.Equals(pointer.PreviousVersion, version, StringComparison.Ordinal))
            {
                pointer.PreviousVersion = null;
                var json = JsonSerializer.SerializeToUtf8Bytes(pointer, ModelsJsonContext.Default.ActiveModelPointer);
                await AtomicFile.WriteAllBytesAsync(PointerPath, json, cancellationToken).ConfigureAwait(false);
            }

            // The model first: the weights are what learned from the data. Metadata left by an interrupted delete is no
            // longer listed, holds no data, and is removed by the registry's sweep.
            var deleted = false;
            foreach (var file in (ReadOnlySpan<string>)[ModelFileNames.Model(version), ModelFileNames.Metadata(version)])
            {
                var path = Path.Combine(ModelsDirectory, file);
                if (File.Exists(path))
                {
                    File.Delete(path);
                    deleted = true;
                }
            }

            return deleted;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task<ModelVersionInfo> ActivateCoreAsync(string version, string? previousOverride, CancellationToken cancellationToken)
    {
        if (!ModelFileNames.IsValidVersion(version))
        {
            throw new ModelRegistryException(ModelRegistryErrorKind.InvalidVersion, $"{Quote(version)} is not a valid model version name.");
        }

        var modelPath = Path.Combine(ModelsDirectory, ModelFileNames.Model(version));
        var metadataPath = Path.Combine(ModelsDirectory, ModelFileNames.Metadata(version));
        if (!File.Exists(modelPath) || !File.Exists(metadataPath))
        {
            throw new ModelRegistryException(ModelRegistryErrorKind.VersionNotFound,
                $"Version '{version}' is not stored in {ModelsDirectory} (expected {ModelFileNames.Model(version)} and {ModelFileNames.Metadata(version)}). List versions with 'ancso ranker versions'.");
        }

        var metadata = await ReadMetadataAsync(metadataPath, cancellationToken).ConfigureAwait(false);
        var candidate = new ModelVersionInfo(version, modelPath, metadataPath, metadata, IsActive: false);
        await CheckBeforeActivationAsync(candidate, metadata, cancellationToken).ConfigureAwait(false);

        string? previous = previousOverride;
        if (previous is null)
        {
            try
            {
                previous = (await ReadPointerAsync(cancellationToken).ConfigureAwait(false))?.Version;
            }
            catch (ModelRegistryException)
            {
                previous = null;
            }
        }

        if (string.Equals(previous, version, StringComparison.Ordinal))
        {
            previous = (await ReadPointerAsync(cancellationToken).ConfigureAwait(false))?.PreviousVersion;
        }

        var pointer = new ActiveModelPointer
        {
            Version = version,
            ModelFile = ModelFileNames.Model(version),
            MetadataFile = ModelFileNames.Metadata(version),
            ActivatedAt = _time.GetUtcNow(),
            PreviousVersion = previous,
        };
        var json = JsonSerializer.SerializeToUtf8Bytes(pointer, ModelsJsonContext.Default.ActiveModelPointer);
        await AtomicFile.WriteAllBytesAsync(PointerPath, json, cancellationToken).ConfigureAwait(false);
        return candidate with { IsActive = true };
    }

    /// <summary>
    /// Loads the candidate as a serving process would (metadata, file, ONNX Runtime session, signature, a first run
    /// with finite scores) and throws <see cref="ModelRegistryErrorKind.ModelRejected"/> (or the kind of the metadata's
    /// problem) when it could not serve. The session is released at once.
    /// </summary>
    /// <param name="candidate">The version to check.</param>
    /// <param name="metadata">Its metadata, as read.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>A task that completes when the version could serve.</returns>
    /// <exception cref="ModelRegistryException">The version could not serve; the message says why and that the active model is unchanged.</exception>
    public async Task CheckBeforeActivationAsync(ModelVersionInfo candidate, ModelMetadata metadata, CancellationToken cancellationToken = default)
    {
        if (!string.Equals(metadata.Version, candidate.Version, StringComparison.Ordinal))
        {
            throw new ModelRegistryException(ModelRegistryErrorKind.VersionMismatch,
                $"Version '{candidate.Version}' was not activated: its metadata file {candidate.MetadataPath} describes version {Quote(metadata.Version)}. The active model is unchanged.");
        }

        var problem = ModelMetadataCheck.CheckItself(metadata, Path.GetFileName(candidate.MetadataPath));
        var outcome = problem is { } p
            ? LoadOutcome.Failed(p.Reason, p.Detail, candidate.Version)
            : await ModelOpener.OpenAsync(ModelsDirectory, candidate, metadata, FileStamp.Of(candidate.ModelPath), _sessionFactory, new RankerOptions(), cancellationToken).ConfigureAwait(false);
        if (outcome.Session is { } session)
        {
            session.Release();
            return;
        }

        var failure = outcome.Failure!;
        var why = failure.Reason == FallbackReason.RuntimeUnavailable
            ? $"it cannot be checked: {failure.Detail} Activate it where ONNX Runtime loads."
            : failure.Detail;
        throw new ModelRegistryException(ModelRegistryErrorKind.ModelRejected,
            $"Version '{candidate.Version}' in {ModelsDirectory} was not activated: {why} The active model is unchanged.");
    }
}
