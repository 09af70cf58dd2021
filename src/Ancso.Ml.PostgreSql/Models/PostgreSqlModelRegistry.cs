using System.Security.Cryptography;
using System.Text.Json;
using Ancso.Ml.Inference;
using Microsoft.Extensions.Primitives;

namespace Ancso.Ml.PostgreSql.Models;

/// <summary>
/// The model registry in PostgreSQL: every version's ONNX bytes and metadata in <c>model_versions</c>, the active and
/// previous version in the one row of <c>model_state</c>, changed (with a row in <c>model_activations</c> and a
/// <c>NOTIFY</c>) in one transaction. Each instance keeps a local copy of the active version in
/// <see cref="ModelsDirectory"/> (the files and <c>active_model.json</c> of a models folder), which is what it serves:
/// the inference service reloads when a notification arrives, and keeps serving the copy while the database is down.
/// </summary>
internal sealed partial class PostgreSqlModelRegistry : IModelRegistry, IModelChangeSource, IDisposable
{
    private const string NothingChanged = "The registry was not changed; retry when the database answers.";

    private readonly PostgreSqlDatabase _database;
    private readonly FileModelRegistry _local;
    private readonly ModelChangeListener _listener;
    private readonly string _versions;
    private readonly string _state;
    private readonly string _activations;
    private CancellationTokenSource _changed = new();
    private string? _readProblem;
    private string? _listenerProblem;

    /// <param name="database">The database.</param>
    /// <param name="localDirectory">The folder of the local copy (the ranker's models folder).</param>
    public PostgreSqlModelRegistry(PostgreSqlDatabase database, string localDirectory)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentException.ThrowIfNullOrWhiteSpace(localDirectory);
        _database = database;
        _local = new FileModelRegistry(localDirectory, database.Time, database.Logger);
        _versions = database.QuotedSchema + ".model_versions";
        _state = database.QuotedSchema + ".model_state";
        _activations = database.QuotedSchema + ".model_activations";
        Channel = "ancso_models_" + database.Schema;
        _listener = new ModelChangeListener(database, Channel, OnChanged, problem => Volatile.Write(ref _listenerProblem, problem));
    }

    /// <summary>Gets the folder of this instance's local copy of the active model.</summary>
    public string ModelsDirectory => _local.ModelsDirectory;

    /// <summary>Gets the <c>LISTEN</c>/<c>NOTIFY</c> channel of activations.</summary>
    public string Channel { get; }

    public string? Problem
    {
        get
        {
            var problem = Volatile.Read(ref _readProblem) ?? Volatile.Read(ref _listenerProblem);
            return problem is null
                ? null
                : $"The model registry in {_database.Description} cannot be reached: {problem}. This instance serves its local copy of the last active model it saw " +
                  "(see the provenance) and switches to a newly activated one once the database answers.";
        }
    }

    public IChangeToken GetChangeToken()
    {
        _listener.Start();
        return new CancellationChangeToken(Volatile.Read(ref _changed).Token);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _local.Dispose();
    }

    public async Task<ModelVersionInfo?> GetActiveAsync(CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_database.Options.RegistryReadTimeout);
        ActiveRow? active;
        try
        {
            await _database.EnsureMigratedAsync(timeout.Token).ConfigureAwait(false);
            var connection = await _database.DataSource.OpenConnectionAsync(timeout.Token).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                active = await ReadActiveAsync(connection, forUpdate: false, timeout.Token).ConfigureAwait(false);
                await SweepLocalCopiesAsync(connection, active?.Version, timeout.Token).ConfigureAwait(false);
                if (active?.Version is { } version && !await HasLocalCopyAsync(version, active.Sha256, cancellationToken).ConfigureAwait(false))
                {
                    var row = await ReadVersionAsync(connection, version, timeout.Token).ConfigureAwait(false)
                        ?? throw new ModelRegistryException(ModelRegistryErrorKind.VersionNotFound, $"{_database.Description} activates version '{version}', which is not stored.");
                    await WriteLocalCopyAsync(row, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && IsUnreachable(e))
        {
            var cause = e is OperationCanceledException
                ? $"no answer within {_database.Options.RegistryReadTimeout.TotalSeconds} s"
                : PostgreSqlFailures.Describe(e);
            if (Interlocked.Exchange(ref _readProblem, cause) is null)
            {
                PostgreSqlLog.RegistryUnreachable(_database.Logger, _database.Description, cause, ModelsDirectory);
            }

            return await _local.GetActiveAsync(cancellationToken).ConfigureAwait(false);
        }

        if (Interlocked.Exchange(ref _readProblem, null) is not null)
        {
            PostgreSqlLog.RegistryReachable(_database.Logger, _database.Description);
        }

        if (active?.Version is null)
        {
            // The database decides: with no active version there, the local copy must not serve one either.
            AtomicFileDelete(Path.Combine(ModelsDirectory, ModelFileNames.ActivePointer));
            return null;
        }

        await WritePointerAsync(active, cancellationToken).ConfigureAwait(false);
        return await _local.GetActiveAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<ModelVersionInfo>> ListVersionsAsync(CancellationToken cancellationToken = default) =>
        _database.RunAsync<IReadOnlyList<ModelVersionInfo>>(
            async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand(
                    $"SELECT v.version, v.metadata, v.version = s.active_version FROM {_versions} v LEFT JOIN {_state} s ON s.id = 1;", connection);
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                var versions = new List<ModelVersionInfo>();
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    var version = reader.GetString(0);
                    var (metadata, problem) = ParseMetadata(version, reader.GetString(1));
                    versions.Add(new ModelVersionInfo(version, LocalModelPath(version), LocalMetadataPath(version), metadata, !reader.IsDBNull(2) && reader.GetBoolean(2))
                    {
                        Problem = problem,
                    });
                }

                return [.. versions
                    .OrderByDescending(v => v.Metadata?.CreatedAt ?? DateTimeOffset.MinValue)
                    .ThenByDescending(v => v.Version, StringComparer.Ordinal)];
            },
            Fail,
            NothingChanged,
            cancellationToken);

    public async Task<ModelVersionInfo> StoreAsync(ReadOnlyMemory<byte> onnxModel, ModelMetadata metadata, CancellationToken cancellationToken = default)
    {
        ModelRegistryChecks.ThrowIfNotStorable(onnxModel, metadata);

        if (onnxModel.Length > ModelFileLimits.MaxModelBytes)
        {
            throw new ArgumentException($"The ONNX model has {onnxModel.Length} bytes; a served model is at most {ModelFileLimits.MaxModelBytes} bytes.", nameof(onnxModel));
        }

        var row = new VersionRow(metadata.Version, onnxModel.ToArray(),
            Convert.ToHexStringLower(SHA256.HashData(onnxModel.Span)),
            JsonSerializer.Serialize(metadata, LocalCopyJsonContext.Default.ModelMetadata));
        var now = _database.Time.GetUtcNow();
        var stored = await _database.RunAsync(
            async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand(
                    $"INSERT INTO {_versions} (version, onnx, onnx_sha256, metadata, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (version) DO NOTHING;", connection);
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = row.Version });
                command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = row.Onnx });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = row.Sha256 });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = row.Metadata });
                command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
                if (await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1)
                {
                    return true;
                }

                // Stored already: by an earlier attempt of this very call (its commit's answer was lost), or by someone else.
                await using var check = new NpgsqlCommand($"SELECT onnx_sha256, metadata FROM {_versions} WHERE version = $1;", connection);
                check.Parameters.Add(new NpgsqlParameter<string> { TypedValue = row.Version });
                await using var reader = await check.ExecuteReaderAsync(ct).ConfigureAwait(false);
                return await reader.ReadAsync(ct).ConfigureAwait(false) && reader.GetString(0) == row.Sha256 && reader.GetString(1) == row.Metadata;
            },
            Fail,
            NothingChanged,
            cancellationToken).ConfigureAwait(false);
        if (!stored)
        {
            throw new ModelRegistryException(ModelRegistryErrorKind.VersionExists,
                $"Version '{metadata.Version}' is already stored in {_database.Description}; choose another version name.");
        }

        await WriteLocalCopyAsync(row, cancellationToken).ConfigureAwait(false);
        return new ModelVersionInfo(metadata.Version, LocalModelPath(metadata.Version), LocalMetadataPath(metadata.Version), metadata, IsActive: false);
    }

    private static bool IsUnreachable(Exception e) =>
        e is NpgsqlException or OperationCanceledException or TimeoutException or IOException or PostgreSqlSchemaException;

    private static Exception Fail(string message, Exception cause) =>
        cause as ModelRegistryException ?? new ModelRegistryException(ModelRegistryErrorKind.Unknown, message, cause);

    private void OnChanged(string why)
    {
        var previous = Interlocked.Exchange(ref _changed, new CancellationTokenSource());
        previous.Cancel();
    }

    private static void AtomicFileDelete(string path) => Ancso.Ml.IO.AtomicFile.TryDelete(path);
}
