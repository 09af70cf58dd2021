namespace Ancso.Ml.PostgreSql.Database;

/// <summary>
/// Brings the schema to the newest version this library knows, inside one transaction that first takes a
/// transaction-scoped advisory lock, so instances starting together migrate it once (the others wait, then find it
/// current) and a failed step leaves the schema as it was. Applied steps are rows of <c>schema_migrations</c>.
/// </summary>
internal static class PostgreSqlSchemaMigrator
{
    /// <summary>Migrates the schema.</summary>
    /// <returns>The schema version afterwards.</returns>
    /// <exception cref="PostgreSqlSchemaException">The schema is newer than the library, is not this library's, or a step failed.</exception>
    public static async Task<int> MigrateAsync(
        NpgsqlConnection connection, string schema, string database, IReadOnlyList<PostgreSqlMigration> migrations, ILogger logger, CancellationToken cancellationToken)
    {
        var latest = CheckSteps(migrations);
        var quoted = Quote(schema);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(@key);", cancellationToken, ("key", LockKey(schema))).ConfigureAwait(false);

        var hasHistory = await ScalarAsync<bool>(connection, "SELECT to_regclass(@table) IS NOT NULL;", cancellationToken, ("table", quoted + ".schema_migrations")).ConfigureAwait(false);
        if (!hasHistory)
        {
            var tables = await ScalarAsync<long>(connection, "SELECT count(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = @schema AND c.relkind IN ('r', 'p', 'v', 'm');",
                cancellationToken, ("schema", schema)).ConfigureAwait(false);
            if (tables > 0)
            {
                throw new PostgreSqlSchemaException(
                    $"{database}: schema '{schema}' holds {tables.ToString(CultureInfo.InvariantCulture)} tables but no schema_migrations table, so it is not an Ancso.Ml schema. " +
                    "Set PostgreSqlOptions.Schema (Ranker:PostgreSql:Schema) to a new or an Ancso.Ml schema; nothing was changed.");
            }

            await ExecuteAsync(connection, $"""
                CREATE SCHEMA IF NOT EXISTS {quoted};
                CREATE TABLE {quoted}.schema_migrations (
                    version integer PRIMARY KEY,
                    description text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                );
                """, cancellationToken).ConfigureAwait(false);
        }

        var version = await ScalarAsync<int>(connection, $"SELECT COALESCE(MAX(version), 0) FROM {quoted}.schema_migrations;", cancellationToken).ConfigureAwait(false);
        if (version > latest)
        {
            throw new PostgreSqlSchemaException(
                $"{database}: schema '{schema}' is at version {version.ToString(CultureInfo.InvariantCulture)}, newer than the {latest.ToString(CultureInfo.InvariantCulture)} this library knows. " +
                "It was migrated by a newer version of Ancso.Ml.PostgreSql: upgrade the package, or point this instance at another schema. Nothing was changed.");
        }

        if (version == latest)
        {
            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            return version;
        }

        var from = version;
        foreach (var step in migrations)
        {
            if (step.Version <= version)
            {
                continue;
            }

            try
            {
                await ExecuteAsync(connection, step.Sql.Replace("{schema}", quoted, StringComparison.Ordinal), cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, $"INSERT INTO {quoted}.schema_migrations (version, description) VALUES (@version, @description);",
                    cancellationToken, ("version", step.Version), ("description", step.Description)).ConfigureAwait(false);
            }
            catch (PostgresException e)
            {
                throw new PostgreSqlSchemaException(
                    $"{database}: migrating schema '{schema}' to version {step.Version.ToString(CultureInfo.InvariantCulture)} ({step.Description}) failed: {e.MessageText} (SQLSTATE {e.SqlState}). " +
                    $"The schema was left at version {from.ToString(CultureInfo.InvariantCulture)}.", e);
            }

            PostgreSqlLog.MigrationStepApplied(logger, database, step.Version, step.Description);
        }

        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        PostgreSqlLog.Migrated(logger, database, from, latest);
        return latest;
    }

    /// <summary>Quotes a schema name (already checked to be lower-case letters, digits and '_') as an identifier.</summary>
    public static string Quote(string schema) => "\"" + schema + "\"";

    /// <summary>The advisory lock key of a schema's migration: a stable 64-bit hash of <c>ancso.migrate:&lt;schema&gt;</c>.</summary>
    public static long LockKey(string schema)
    {
        // FNV-1a, so every process and every .NET version agree on the key (string.GetHashCode is randomized).
        var hash = 14695981039346656037UL;
        foreach (var c in "ancso.migrate:" + schema)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return unchecked((long)hash);
    }

    private static int CheckSteps(IReadOnlyList<PostgreSqlMigration> migrations)
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

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (T)Convert.ChangeType((await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!, typeof(T), CultureInfo.InvariantCulture);
    }
}
