using System.Text.Json;
using Ancso.Ml.Inference;
using Ancso.Ml.IO;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Primitives;

namespace Ancso.Ml.Models;

/// <summary>
/// The models folder on disk. Writes are atomic; the pointer may only name the files of its own version, inside the
/// folder; every file is read as untrusted (<see cref="ModelFolderFile"/>); a version is checked in ONNX Runtime before
/// it is activated; stale temporary files and orphan metadata are swept on first use. Its change token
/// (<see cref="GetChangeToken"/>) fires when <c>active_model.json</c> changes, also in a folder created after start.
/// </summary>
public sealed partial class FileModelRegistry : IModelRegistry, IModelChangeSource, IDisposable
{
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IOnnxSessionFactory _sessionFactory;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Lazy<ModelFolderChangeSource> _changes;

    /// <summary>Creates a registry over <paramref name="modelsDirectory"/> (created on the first store).</summary>
    /// <param name="modelsDirectory">The models folder.</param>
    /// <param name="timeProvider">The clock of activation times; the system's by default.</param>
    /// <param name="logger">The log, or <see langword="null"/>.</param>
    public FileModelRegistry(string modelsDirectory, TimeProvider? timeProvider = null, ILogger? logger = null)
        : this(modelsDirectory, timeProvider, logger, sessionFactory: null)
    {
    }

    /// <param name="modelsDirectory">The models folder.</param>
    /// <param name="timeProvider">The clock (activation times, the sweep's age threshold).</param>
    /// <param name="logger">The log.</param>
    /// <param name="sessionFactory">Creates the ONNX Runtime sessions of the activation check (a seam for tests).</param>
    internal FileModelRegistry(string modelsDirectory, TimeProvider? timeProvider, ILogger? logger, IOnnxSessionFactory? sessionFactory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelsDirectory);
        ModelsDirectory = Path.GetFullPath(modelsDirectory);
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _sessionFactory = sessionFactory ?? OnnxSessionFactory.Instance;
        _changes = new Lazy<ModelFolderChangeSource>(() => new ModelFolderChangeSource(ModelsDirectory, ChangePollingInterval, _time, _logger));
    }

    /// <summary>Gets the models folder, as a full path.</summary>
    public string ModelsDirectory { get; }

    /// <summary>Gets the path of <c>active_model.json</c>.</summary>
    public string PointerPath => Path.Combine(ModelsDirectory, ModelFileNames.ActivePointer);

    /// <summary>
    /// Gets or sets how often <see cref="GetChangeToken"/>'s watch also looks at <c>active_model.json</c>'s size and time,
    /// for file systems where change notifications are lost (network shares, some container mounts); 2 seconds by
    /// default. Read when the first change token is asked for.
    /// </summary>
    public TimeSpan ChangePollingInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Always <see langword="null"/>: the folder is read directly, there is nothing to be unreachable.</summary>
    public string? Problem => null;

    /// <summary>Gets whether a watcher runs on the models folder itself, for tests.</summary>
    internal bool IsWatchingFolder => _changes.IsValueCreated && _changes.Value.IsWatchingFolder;

    /// <summary>
    /// Gets a token that fires when the active model may have changed: <c>active_model.json</c> (or the legacy
    /// <c>ranker.onnx</c> / <c>ranker_metadata.json</c>) was written, replaced or deleted, by this instance or by another
    /// process. The first call starts watching the folder (or, while it does not exist, its nearest existing parent) and
    /// a look at the pointer every <see cref="ChangePollingInterval"/>; after a token fired, ask for a new one.
    /// </summary>
    /// <returns>The change token.</returns>
    public IChangeToken GetChangeToken() => _changes.Value.GetChangeToken();

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_changes.IsValueCreated)
        {
            _changes.Value.Dispose();
        }

        _writeLock.Dispose();
    }

    /// <inheritdoc/>
    public async Task<ModelVersionInfo?> GetActiveAsync(CancellationToken cancellationToken = default)
    {
        await SweepOnceAsync(cancellationToken).ConfigureAwait(false);
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

        var modelPath = Path.Combine(ModelsDirectory, pointer.ModelFile);
        var metadataPath = Path.Combine(ModelsDirectory, pointer.MetadataFile);
        if (!File.Exists(modelPath))
        {
            throw new ModelRegistryException(ModelRegistryErrorKind.FileMissing,
                $"{PointerPath} names the model file '{pointer.ModelFile}', which does not exist. Activate a stored version (ancso ranker versions; ancso ranker activate <version>) or train again.");
        }

        var meta = await ReadMetadataAsync(metadataPath, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(meta.Version, pointer.Version, StringComparison.Ordinal))
        {
            throw new ModelRegistryException(ModelRegistryErrorKind.VersionMismatch,
                $"{PointerPath} activates version '{pointer.Version}', but its metadata file {metadataPath} describes version {Quote(meta.Version)}; refused, since scores would be reported under the wrong version. Activate a stored version again (ancso ranker activate <version>).");
        }

        return new ModelVersionInfo(pointer.Version, modelPath, metadataPath, meta, IsActive: true);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<ModelVersionInfo>> ListVersionsAsync(CancellationToken cancellationToken = default)
    {
        await SweepOnceAsync(cancellationToken).ConfigureAwait(false);
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
            string? problem = null;
            try
            {
                metadata = await ReadMetadataAsync(metadataPath, cancellationToken).ConfigureAwait(false);
                if (!string.Equals(metadata.Version, version, StringComparison.Ordinal))
                {
                    problem = $"metadata names version {Quote(metadata.Version)}";
                    metadata = null;
                }
            }
            catch (ModelRegistryException ex)
            {
                // Listed with no metadata, so a user can see and remove it.
                problem = ex.Kind switch
                {
                    ModelRegistryErrorKind.FileMissing => "metadata missing",
                    ModelRegistryErrorKind.FileRefused => "metadata refused",
                    _ => "metadata unreadable",
                };
            }

            versions.Add(new ModelVersionInfo(version, modelPath, metadataPath, metadata, string.Equals(version, activeVersion, StringComparison.Ordinal)) { Problem = problem });
        }

        return [.. versions
            .OrderByDescending(v => v.Metadata?.CreatedAt ?? DateTimeOffset.MinValue)
            .ThenByDescending(v => v.Version, StringComparer.Ordinal)];
    }

    /// <inheritdoc/>
    public async Task<ModelVersionInfo> StoreAsync(ReadOnlyMemory<byte> onnxModel, ModelMetadata metadata, CancellationToken cancellationToken = default)
    {
        ModelRegistryChecks.ThrowIfNotStorable(onnxModel, metadata);

        await SweepOnceAsync(cancellationToken).ConfigureAwait(false);
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

    /// <summary>Quotes a value read from a file for a message, escaping control characters (a pointer may hold anything).</summary>
    private static string Quote(string? value) => value is null ? "null" : JsonSerializer.Serialize(value, ModelsJsonContext.Default.String);
}
