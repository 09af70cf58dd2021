using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ancso.Ml.Inference;
using Ancso.Ml.IO;

namespace Ancso.Ml.PostgreSql.Models;

/// <summary>The active version as the database says: its name, the one before it, when it was activated and the SHA-256 of its ONNX bytes.</summary>
internal sealed record ActiveRow(string? Version, string? Previous, DateTimeOffset? ActivatedAt, string? Sha256);

/// <summary>A stored version as read from the database (untrusted until checked).</summary>
internal sealed record VersionRow(string Version, byte[] Onnx, string Sha256, string Metadata);

/// <summary>
/// The local copy: a version's files are written (metadata first, each to a temporary name and renamed) only after the
/// bytes match the SHA-256 stored beside them; the pointer is rewritten only when the active or previous version changed.
/// </summary>
internal sealed partial class PostgreSqlModelRegistry
{
    private static readonly TimeSpan LocalSweepInterval = TimeSpan.FromMinutes(1);

    private readonly Lock _hashGate = new();
    private long? _lastLocalSweep;
    private (string Path, FileStamp Stamp, string Sha256) _lastHashed;

    private string LocalModelPath(string version) => Path.Combine(ModelsDirectory, ModelFileNames.Model(version));

    private string LocalMetadataPath(string version) => Path.Combine(ModelsDirectory, ModelFileNames.Metadata(version));

    private async Task<ActiveRow?> ReadActiveAsync(NpgsqlConnection connection, bool forUpdate, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT s.active_version, s.previous_version, s.activated_at, v.onnx_sha256 FROM {_state} s LEFT JOIN {_versions} v ON v.version = s.active_version WHERE s.id = 1" +
            (forUpdate ? " FOR UPDATE OF s;" : ";"), connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new ActiveRow(
            reader.IsDBNull(0) ? null : reader.GetString(0),
            reader.IsDBNull(1) ? null : reader.GetString(1),
            reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2),
            reader.IsDBNull(3) ? null : reader.GetString(3));
    }

    private async Task<VersionRow?> ReadVersionAsync(NpgsqlConnection connection, string version, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT onnx, onnx_sha256, metadata FROM {_versions} WHERE version = $1;", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = version });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new VersionRow(version, reader.GetFieldValue<byte[]>(0), reader.GetString(1), reader.GetString(2))
            : null;
    }

    private async Task<bool> HasLocalCopyAsync(string version, string? sha256, CancellationToken cancellationToken)
    {
        var modelPath = LocalModelPath(version);
        if (sha256 is null || !File.Exists(LocalMetadataPath(version)))
        {
            return false;
        }

        var stamp = FileStamp.Of(modelPath);
        if (!stamp.Exists)
        {
            return false;
        }

        lock (_hashGate)
        {
            if (_lastHashed.Path == modelPath && _lastHashed.Stamp == stamp)
            {
                return _lastHashed.Sha256 == sha256;
            }
        }

        string actual;
        try
        {
            var stream = new FileStream(modelPath, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        lock (_hashGate)
        {
            _lastHashed = (modelPath, stamp, actual);
        }

        return actual == sha256;
    }

    private async Task WriteLocalCopyAsync(VersionRow row, CancellationToken cancellationToken)
    {
        if (!ModelFileNames.IsValidVersion(row.Version))
        {
            throw new ModelRegistryException(ModelRegistryErrorKind.InvalidVersion,
                $"{_database.Description} holds a version named {JsonSerializer.Serialize(row.Version)}, which is not a valid version name; refused.");
        }

        if (row.Onnx.Length > ModelFileLimits.MaxModelBytes || !string.Equals(Convert.ToHexStringLower(SHA256.HashData(row.Onnx)), row.Sha256, StringComparison.Ordinal))
        {
            throw new ModelRegistryException(ModelRegistryErrorKind.ModelRejected,
                $"The ONNX bytes of version '{row.Version}' in {_database.Description} do not match the SHA-256 stored with them (or exceed {ModelFileLimits.MaxModelBytes} bytes); refused. Store the model again under a new version.");
        }

        var metadata = Encoding.UTF8.GetBytes(row.Metadata);
        if (metadata.Length > ModelFileLimits.MaxMetadataBytes)
        {
            throw new ModelRegistryException(ModelRegistryErrorKind.FileRefused,
                $"The metadata of version '{row.Version}' in {_database.Description} has {metadata.Length} bytes, over the {ModelFileLimits.MaxMetadataBytes} allowed; refused.");
        }

        Directory.CreateDirectory(ModelsDirectory);

        // Metadata first: a model file is only listed once its metadata is in place.
        await AtomicFile.WriteAllBytesAsync(LocalMetadataPath(row.Version), metadata, cancellationToken).ConfigureAwait(false);
        await AtomicFile.WriteAllBytesAsync(LocalModelPath(row.Version), row.Onnx, cancellationToken).ConfigureAwait(false);
        PostgreSqlLog.LocalCopyWritten(_database.Logger, _database.Description, row.Version, row.Onnx.Length, ModelsDirectory);
    }

    private async Task WritePointerAsync(ActiveRow active, CancellationToken cancellationToken)
    {
        var path = Path.Combine(ModelsDirectory, ModelFileNames.ActivePointer);
        try
        {
            var existing = JsonSerializer.Deserialize(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), LocalCopyJsonContext.Default.ActiveModelPointer);
            if (existing is not null && existing.Version == active.Version && existing.PreviousVersion == active.Previous
                && existing.ModelFile == ModelFileNames.Model(active.Version!) && existing.MetadataFile == ModelFileNames.Metadata(active.Version!))
            {
                return;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            // Missing or unreadable: written anew below.
        }

        var pointer = new ActiveModelPointer
        {
            Version = active.Version!,
            ModelFile = ModelFileNames.Model(active.Version!),
            MetadataFile = ModelFileNames.Metadata(active.Version!),
            ActivatedAt = active.ActivatedAt ?? _database.Time.GetUtcNow(),
            PreviousVersion = active.Previous,
        };
        Directory.CreateDirectory(ModelsDirectory);
        await AtomicFile.WriteAllBytesAsync(path, JsonSerializer.SerializeToUtf8Bytes(pointer, LocalCopyJsonContext.Default.ActiveModelPointer), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes the local copies of versions the database no longer holds (purged, after an erasure, by another instance),
    /// at most once a minute: a version deleted from the registry must not linger in the folder of an instance that once
    /// served it. The active version's copy is never touched. Best effort: a file still open is left for the next sweep.
    /// </summary>
    private async Task SweepLocalCopiesAsync(NpgsqlConnection connection, string? active, CancellationToken cancellationToken)
    {
        var now = _database.Time.GetTimestamp();
        if (_lastLocalSweep is { } last && _database.Time.GetElapsedTime(last, now) < LocalSweepInterval)
        {
            return;
        }

        _lastLocalSweep = now;
        var local = await _local.ListVersionsAsync(cancellationToken).ConfigureAwait(false);
        if (local.Count == 0)
        {
            return;
        }

        var stored = new HashSet<string>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand($"SELECT version FROM {_versions};", connection))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                stored.Add(reader.GetString(0));
            }
        }

        foreach (var version in local.Where(v => !stored.Contains(v.Version) && !string.Equals(v.Version, active, StringComparison.Ordinal)))
        {
            try
            {
                await _local.DeleteAsync(version.Version, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ModelRegistryException)
            {
            }
        }
    }

    private static (ModelMetadata? Metadata, string? Problem) ParseMetadata(string version, string json)
    {
        if (Encoding.UTF8.GetByteCount(json) > ModelFileLimits.MaxMetadataBytes)
        {
            return (null, "metadata refused");
        }

        try
        {
            var metadata = JsonSerializer.Deserialize(json, LocalCopyJsonContext.Default.ModelMetadata);
            if (metadata is null)
            {
                return (null, "metadata unreadable");
            }

            return string.Equals(metadata.Version, version, StringComparison.Ordinal)
                ? (metadata, null)
                : (null, $"metadata names version {JsonSerializer.Serialize(metadata.Version)}");
        }
        catch (JsonException)
        {
            return (null, "metadata unreadable");
        }
    }
}
