using System.Text.Json;
using Ancso.Ml.IO;

namespace Ancso.Ml.Models;

/// <summary>The models folder on disk. Writes are atomic; the pointer may only name files inside the folder.</summary>
internal sealed class FileModelRegistry : IModelRegistry, IDisposable
{
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    public FileModelRegistry(string modelsDirectory, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelsDirectory);
        ModelsDirectory = Path.GetFullPath(modelsDirectory);
        _time = timeProvider ?? TimeProvider.System;
    }

    public string ModelsDirectory { get; }

    public void Dispose() => _writeLock.Dispose();

    public string PointerPath => Path.Combine(ModelsDirectory, ModelFileNames.ActivePointer);

    public async Task<ModelVersionInfo?> GetActiveAsync(CancellationToken cancellationToken = default)
    {
        var pointer = await ReadPointerAsync(cancellationToken).ConfigureAwait(false);
        if (pointer is null)
        {
            var legacyModel = Path.Combine(ModelsDirectory, ModelFileNames.LegacyModel);
            var legacyMetadata = Path.Combine(ModelsDirectory, ModelFileNames.LegacyMetadata);
            if (!File.Exists(legacyModel))
            {
                return null;
            }

            var metadata = await ReadMetadataAsync(legacyMetadata, cancellationToken).ConfigureAwait(false);
            return new ModelVersionInfo(string.IsNullOrEmpty(metadata.Version) ? "legacy" : metadata.Version, legacyModel, legacyMetadata, metadata, IsActive: true);
        }

        var modelPath = ResolveInside(pointer.ModelFile, "model_file");
        var metadataPath = ResolveInside(pointer.MetadataFile, "metadata_file");
        if (!File.Exists(modelPath))
        {
            throw new ModelRegistryException(ModelRegistryErrorKind.FileMissing,
                $"{PointerPath} names the model file '{pointer.ModelFile}', which does not exist. Activate a stored version (ancso ranker versions; ancso ranker activate <version>) or train again.");
        }

        var meta = await ReadMetadataAsync(metadataPath, cancellationToken).ConfigureAwait(false);
        return new ModelVersionInfo(pointer.Version, modelPath, metadataPath, meta, IsActive: true);
    }

    public async Task<IReadOnlyList<ModelVersionInfo>> ListVersionsAsync(CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(ModelsDirectory))
        {
            return [];
        }

        string? activeVersion = null;
        try
        {
            activeVersion = (await ReadPointerAsync(cancellationToken).ConfigureAwait(false))?.Version;
        }
        catch (ModelRegistryException)
        {
            // A broken pointer does not hide the stored versions.
        }

        var versions = new List<ModelVersionInfo>();
        foreach (var modelPath in Directory.EnumerateFiles(ModelsDirectory, "ranker-*.onnx"))
        {
            var name = Path.GetFileName(modelPath);
            var version = name["ranker-".Length..^".onnx".Length];
            if (!ModelFileNames.IsValidVersion(version))
            {
                continue;
            }

            var metadataPath = Path.Combine(ModelsDirectory, ModelFileNames.Metadata(version));
            ModelMetadata? metadata = null;
            try
            {
                metadata = await ReadMetadataAsync(metadataPath, cancellationToken).ConfigureAwait(false);
            }
            catch (ModelRegistryException)
            {
                // Listed with no metadata, so a user can see and remove it.
            }

            versions.Add(new ModelVersionInfo(version, modelPath, metadataPath, metadata, string.Equals(version, activeVersion, StringComparison.Ordinal)));
        }

        return [.. versions
            .OrderByDescending(v => v.Metadata?.CreatedAt ?? DateTimeOffset.MinValue)
            .ThenByDescending(v => v.Version, StringComparer.Ordinal)];
    }

    public async Task<ModelVersionInfo> StoreAsync(ReadOnlyMemory<byte> onnxModel, ModelMetadata metadata, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (!ModelFileNames.IsValidVersion(metadata.Version))
        {
            throw new ModelRegistryException(ModelRegistryErrorKind.InvalidVersion,
                $"The model version '{metadata.Version}' cannot be part of a file name; use 1-100 letters, digits, '.', '_' or '-'.");
        }

        if (onnxModel.IsEmpty)
        {
            throw new ArgumentException("The ONNX model is empty.", nameof(onnxModel));
        }

        var modelPath = Path.Combine(ModelsDirectory, ModelFileNames.Model(metadata.Version));
        var metadataPath = Path.Combine(ModelsDirectory, ModelFileNames.Metadata(metadata.Version));
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (File.Exists(modelPath) || File.Exists(metadataPath))
            {
                throw new ModelRegistryException(ModelRegistryErrorKind.VersionExists,
                    $"Version '{metadata.Version}' is already stored in {ModelsDirectory}; choose another version name.");
            }

            Directory.CreateDirectory(ModelsDirectory);

            // Metadata first: a model file is only listed once its metadata is in place.
            var json = JsonSerializer.SerializeToUtf8Bytes(metadata, ModelsJsonContext.Default.ModelMetadata);
            await AtomicFile.WriteAllBytesAsync(metadataPath, json, cancellationToken).ConfigureAwait(false);
            await AtomicFile.WriteAllBytesAsync(modelPath, onnxModel, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }

        return new ModelVersionInfo(metadata.Version, modelPath, metadataPath, metadata, IsActive: false);
    }

    public async Task<ModelVersionInfo> ActivateAsync(string version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
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

    public async Task<ModelVersionInfo> RollbackAsync(CancellationToken cancellationToken = default)
    {
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

    private async Task<ModelVersionInfo> ActivateCoreAsync(string version, string? previousOverride, CancellationToken cancellationToken)
    {
        if (!ModelFileNames.IsValidVersion(version))
        {
            throw new ModelRegistryException(ModelRegistryErrorKind.InvalidVersion, $"'{version}' is not a valid model version name.");
        }

        var modelPath = Path.Combine(ModelsDirectory, ModelFileNames.Model(version));
        var metadataPath = Path.Combine(ModelsDirectory, ModelFileNames.Metadata(version));
        if (!File.Exists(modelPath) || !File.Exists(metadataPath))
        {
            throw new ModelRegistryException(ModelRegistryErrorKind.VersionNotFound,
                $"Version '{version}' is not stored in {ModelsDirectory} (expected {ModelFileNames.Model(version)} and {ModelFileNames.Metadata(version)}). List versions with 'ancso ranker versions'.");
        }

        var metadata = await ReadMetadataAsync(metadataPath, cancellationToken).ConfigureAwait(false);
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
        return new ModelVersionInfo(version, modelPath, metadataPath, metadata, IsActive: true);
    }

    private async Task<ActiveModelPointer?> ReadPointerAsync(CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(PointerPath, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }

        ActiveModelPointer? pointer;
        try
        {
            pointer = JsonSerializer.Deserialize(bytes, ModelsJsonContext.Default.ActiveModelPointer);
        }
        catch (JsonException ex)
        {
            throw new ModelRegistryException(ModelRegistryErrorKind.PointerCorrupt,
                $"{PointerPath} is not valid JSON (line {ex.LineNumber + 1}): {ex.Message} Activate a version again (ancso ranker activate <version>) to rewrite it.", ex);
        }

        if (pointer is null || string.IsNullOrWhiteSpace(pointer.ModelFile) || string.IsNullOrWhiteSpace(pointer.MetadataFile))
        {
            throw new ModelRegistryException(ModelRegistryErrorKind.PointerCorrupt,
                $"{PointerPath} must name 'model_file' and 'metadata_file'. Activate a version again (ancso ranker activate <version>) to rewrite it.");
        }

        if (!ModelFileNames.IsValidVersion(pointer.Version))
        {
            throw new ModelRegistryException(ModelRegistryErrorKind.PointerCorrupt,
                $"{PointerPath} names the version '{pointer.Version}', which is not a valid version name (1-100 letters, digits, '.', '_' or '-'). Activate a version again (ancso ranker activate <version>) to rewrite it.");
        }

        return pointer;
    }

    private string ResolveInside(string fileName, string field)
    {
        var full = Path.GetFullPath(Path.Combine(ModelsDirectory, fileName));
        var root = ModelsDirectory.EndsWith(Path.DirectorySeparatorChar) ? ModelsDirectory : ModelsDirectory + Path.DirectorySeparatorChar;
        if (Path.IsPathRooted(fileName) || !full.StartsWith(root, StringComparison.Ordinal) || full.IndexOf(Path.DirectorySeparatorChar, root.Length) >= 0)
        {
            throw new ModelRegistryException(ModelRegistryErrorKind.OutsideModelsDirectory,
                $"{PointerPath} field '{field}' names '{fileName}', which is not a file directly inside {ModelsDirectory}; refused. Activate a stored version to rewrite the pointer.");
        }

        return full;
    }

    private static async Task<ModelMetadata> ReadMetadataAsync(string path, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ModelRegistryException(ModelRegistryErrorKind.FileMissing,
                $"The model metadata file {path} does not exist. Train again or activate another version.", ex);
        }

        try
        {
            return JsonSerializer.Deserialize(bytes, ModelsJsonContext.Default.ModelMetadata)
                ?? throw new JsonException("The file holds 'null'.");
        }
        catch (JsonException ex)
        {
            throw new ModelRegistryException(ModelRegistryErrorKind.MetadataCorrupt,
                $"The model metadata file {path} is not valid (line {ex.LineNumber + 1}): {ex.Message} Train again or activate another version.", ex);
        }
    }
}
