namespace Ancso.Ml.PostgreSql.Models;

/// <summary>
/// Activation and rollback: one transaction locks the state row, checks the version as a serving process would load it
/// (from this instance's local copy), switches the active and previous versions, records the activation and sends the
/// notification, which PostgreSQL delivers only if the transaction commits. A version that fails the check is refused
/// and nothing changes.
/// </summary>
internal sealed partial class PostgreSqlModelRegistry
{
    public Task<ModelVersionInfo> ActivateAsync(string version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (!ModelFileNames.IsValidVersion(version))
        {
            throw new ModelRegistryException(ModelRegistryErrorKind.InvalidVersion, $"'{version}' is not a valid model version name.");
        }

        return ChangeActiveAsync(state => (version, string.Equals(state.Version, version, StringComparison.Ordinal) ? state.Previous : state.Version, "activate"), cancellationToken);
    }

    public Task<ModelVersionInfo> RollbackAsync(CancellationToken cancellationToken = default) =>
        ChangeActiveAsync(
            state => state.Previous is { } previous
                ? (previous, state.Version, "rollback")
                : throw new ModelRegistryException(ModelRegistryErrorKind.NoPreviousVersion,
                    $"There is no previous version to roll back to in {_database.Description}. List versions (ancso ranker versions) and activate one by name."),
            cancellationToken);

    public async Task<bool> DeleteAsync(string version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (!ModelFileNames.IsValidVersion(version))
        {
            throw new ModelRegistryException(ModelRegistryErrorKind.InvalidVersion, $"'{version}' is not a valid model version name.");
        }

        var deleted = await _database.RunInTransactionAsync(
            async (connection, _, ct) =>
            {
                var state = await ReadActiveAsync(connection, forUpdate: true, ct).ConfigureAwait(false);
                if (string.Equals(state?.Version, version, StringComparison.Ordinal))
                {
                    throw new ModelRegistryException(ModelRegistryErrorKind.VersionActive,
                        $"Version '{version}' is the active model in {_database.Description} and was not deleted: activate another version (or train a new one) first.");
                }

                // The activation history names it (a foreign key); the version's rows go with it, as does a rollback target.
                await using var history = new NpgsqlCommand($"""
                    UPDATE {_state} SET previous_version = NULL WHERE id = 1 AND previous_version = @version;
                    DELETE FROM {_activations} WHERE version = @version;
                    """, connection);
                history.Parameters.Add(new NpgsqlParameter<string>("version", version));
                await history.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                await using var delete = new NpgsqlCommand($"DELETE FROM {_versions} WHERE version = @version;", connection);
                delete.Parameters.Add(new NpgsqlParameter<string>("version", version));
                return await delete.ExecuteNonQueryAsync(ct).ConfigureAwait(false) > 0;
            },
            Fail,
            NothingChanged,
            cancellationToken).ConfigureAwait(false);

        // This instance's local copy of the version, if it ever served it, goes too (unless its pointer, not yet caught up
        // with the database, still names it: the next refresh of the copy replaces it).
        var local = false;
        try
        {
            local = await _local.DeleteAsync(version, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelRegistryException e) when (e.Kind == ModelRegistryErrorKind.VersionActive)
        {
        }

        return deleted || local;
    }

    private async Task<ModelVersionInfo> ChangeActiveAsync(Func<ActiveRow, (string Target, string? Previous, string Kind)> choose, CancellationToken cancellationToken)
    {
        var now = _database.Time.GetUtcNow();
        var (info, active) = await _database.RunInTransactionAsync(
            async (connection, _, ct) =>
            {
                var state = await ReadActiveAsync(connection, forUpdate: true, ct).ConfigureAwait(false)
                    ?? throw new ModelRegistryException(ModelRegistryErrorKind.Unknown, $"{_database.Description} has no row in model_state; the schema was changed by hand.");
                var (target, previous, kind) = choose(state);
                var row = await ReadVersionAsync(connection, target, ct).ConfigureAwait(false)
                    ?? throw new ModelRegistryException(ModelRegistryErrorKind.VersionNotFound,
                        $"Version '{target}' is not stored in {_database.Description}. List versions with 'ancso ranker versions'.");
                var (metadata, problem) = ParseMetadata(target, row.Metadata);
                if (metadata is null)
                {
                    throw new ModelRegistryException(ModelRegistryErrorKind.MetadataCorrupt,
                        $"Version '{target}' in {_database.Description} was not activated: {problem}. The active model is unchanged.");
                }

                await WriteLocalCopyAsync(row, ct).ConfigureAwait(false);
                var candidate = new ModelVersionInfo(target, LocalModelPath(target), LocalMetadataPath(target), metadata, IsActive: false);
                await _local.CheckBeforeActivationAsync(candidate, metadata, ct).ConfigureAwait(false);

                await using var update = new NpgsqlCommand($"""
                    UPDATE {_state} SET active_version = @version, previous_version = @previous, activated_at = @at WHERE id = 1;
                    INSERT INTO {_activations} (version, previous_version, kind, activated_at) VALUES (@version, @previous, @kind, @at);
                    """, connection);
                update.Parameters.Add(new NpgsqlParameter<string>("version", target));
                update.Parameters.Add(new NpgsqlParameter("previous", NpgsqlDbType.Text) { Value = (object?)previous ?? DBNull.Value });
                update.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", now) { NpgsqlDbType = NpgsqlDbType.TimestampTz });
                update.Parameters.Add(new NpgsqlParameter<string>("kind", kind));
                await update.ExecuteNonQueryAsync(ct).ConfigureAwait(false);

                await using var notify = new NpgsqlCommand("SELECT pg_notify($1, $2);", connection);
                notify.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Channel });
                notify.Parameters.Add(new NpgsqlParameter<string> { TypedValue = kind + " " + target });
                await notify.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                return (candidate with { IsActive = true }, new ActiveRow(target, previous, now, row.Sha256));
            },
            Fail,
            NothingChanged,
            cancellationToken).ConfigureAwait(false);

        PostgreSqlLog.Activated(_database.Logger, _database.Description, active.Version!, active.Previous ?? "none");

        // This instance's copy switches at once; the others switch on the notification.
        await WritePointerAsync(active, CancellationToken.None).ConfigureAwait(false);
        return info;
    }
}
