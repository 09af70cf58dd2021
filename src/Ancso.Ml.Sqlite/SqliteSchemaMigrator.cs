namespace Ancso.Ml.Sqlite;

/// <summary>
/// Brings a pair store file to the newest schema this library knows (<c>PRAGMA user_version</c>), inside one
/// <c>BEGIN IMMEDIATE</c> transaction, so processes opening a new file together migrate it once and a failed step
/// leaves the file as it was.
/// </summary>
internal static class SqliteSchemaMigrator
{
    /// <summary>Migrates the file open on <paramref name="connection"/>.</summary>
    /// <returns>The schema version of the file afterwards.</returns>
    /// <exception cref="PairStoreException">The file is newer than the library, is not a pair store, or a step failed.</exception>
    public static int Migrate(SqliteConnection connection, string path, IReadOnlyList<SqliteMigration> migrations, ILogger logger)
    {
        var latest = CheckSteps(migrations);
        var version = ReadInt(connection, null, "PRAGMA user_version;");
        ThrowIfNewer(path, version, latest);
        if (version == latest)
        {
            return version;
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        version = ReadInt(connection, transaction, "PRAGMA user_version;");
        ThrowIfNewer(path, version, latest);
        if (version == latest)
        {
            return version;
        }

        ThrowIfForeign(connection, transaction, path, version);
        var from = version;
        foreach (var step in migrations)
        {
            if (step.Version <= version)
            {
                continue;
            }

            try
            {
                Execute(connection, transaction, step.Sql);
            }
            catch (SqliteException e)
            {
                throw new PairStoreException(
                    $"Migrating the pair store '{path}' to schema {step.Version} ({step.Description}) failed: {e.Message} The file was left at schema {from}.", e);
            }

            SqlitePairStoreLog.MigrationStepApplied(logger, path, step.Version, step.Description);
        }

        Execute(connection, transaction, string.Create(
            CultureInfo.InvariantCulture,
            $"PRAGMA user_version = {latest}; PRAGMA application_id = {SqlitePairStoreSchema.ApplicationId};"));
        transaction.Commit();
        SqlitePairStoreLog.Migrated(logger, path, from, latest);
        return latest;
    }

    /// <summary>
    /// Checks, reading only, that the file open on <paramref name="connection"/> is a pair store this library can use
    /// (or a new, empty file), before anything (even the journal mode) changes it. The reads share one read transaction,
    /// so they see one state of the file: another process migrating a new file at the same moment is seen either before
    /// (an empty file) or after (a pair store), never half of each.
    /// </summary>
    /// <exception cref="PairStoreException">The file is newer than the library or is not a pair store.</exception>
    public static void Inspect(SqliteConnection connection, string path, IReadOnlyList<SqliteMigration> migrations)
    {
        var latest = CheckSteps(migrations);
        using var transaction = connection.BeginTransaction(deferred: true);
        var version = ReadInt(connection, transaction, "PRAGMA user_version;");
        ThrowIfNewer(path, version, latest);
        ThrowIfForeign(connection, transaction, path, version);
        transaction.Rollback();
    }

    private static int CheckSteps(IReadOnlyList<SqliteMigration> migrations)
    {
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"Schema step {i} has version {migrations[i].Version}; steps are numbered 1, 2, 3 … in order.");
            }
        }

        return migrations.Count;
    }

    private static void ThrowIfNewer(string path, int version, int latest)
    {
        if (version > latest)
        {
            throw new PairStoreException(
                $"The pair store '{path}' has schema version {version}, newer than the {latest} this library knows. " +
                "It was written by a newer version of Ancso.Ml: upgrade the package, or point Ranker:Sqlite:DatabasePath (SqlitePairStoreOptions.DatabasePath) at another file. The file was not changed.");
        }
    }

    private static void ThrowIfForeign(SqliteConnection connection, SqliteTransaction? transaction, string path, int version)
    {
        var applicationId = ReadInt(connection, transaction, "PRAGMA application_id;");
        if (version == 0)
        {
            var tables = ReadInt(connection, transaction, "SELECT COUNT(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%';");
            if (tables == 0 && applicationId == 0)
            {
                return;
            }
        }
        else if (applicationId == SqlitePairStoreSchema.ApplicationId)
        {
            return;
        }

        throw new PairStoreException(
            $"The file '{path}' is a SQLite database but not a pair store (application id {applicationId}, schema version {version}). " +
            "Point Ranker:Sqlite:DatabasePath (SqlitePairStoreOptions.DatabasePath) at a pair store or at a new file. The file was not changed.");
    }

    private static int ReadInt(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
