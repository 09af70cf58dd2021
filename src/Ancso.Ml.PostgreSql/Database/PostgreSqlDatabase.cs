using Microsoft.Extensions.Logging.Abstractions;

namespace Ancso.Ml.PostgreSql.Database;

/// <summary>
/// One PostgreSQL database and schema as the pair store, the embedding cache and the model registry use it: connections
/// from one <see cref="NpgsqlDataSource"/> (its pool), the schema migrated once per process before first use, and every
/// call run as a whole that is repeated while the failure is transient, up to <see cref="PostgreSqlOptions.RetryTimeout"/>.
/// </summary>
internal sealed class PostgreSqlDatabase : IAsyncDisposable, IDisposable
{
    private readonly bool _ownsDataSource;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IReadOnlyList<PostgreSqlMigration> _migrations;
    private readonly SemaphoreSlim _migrateLock = new(1, 1);
    private readonly RetryBackoff _backoff = new(Environment.ProcessId, stepMilliseconds: 25.0, ceilingMilliseconds: 1000.0, floorMilliseconds: 5.0);
    private volatile bool _migrated;

    /// <param name="dataSource">The data source.</param>
    /// <param name="ownsDataSource">Whether disposing this disposes the data source (it was built from a connection string here).</param>
    /// <param name="options">The options (already validated).</param>
    /// <param name="timeProvider">The clock of the retry loop.</param>
    /// <param name="logger">The log.</param>
    /// <param name="migrations">The schema steps (a seam for tests).</param>
    public PostgreSqlDatabase(NpgsqlDataSource dataSource, bool ownsDataSource, PostgreSqlOptions options, TimeProvider? timeProvider = null, ILogger? logger = null,
        IReadOnlyList<PostgreSqlMigration>? migrations = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(options);
        DataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        Options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _migrations = migrations ?? PostgreSqlSchema.Migrations;
        Schema = options.Schema;
        QuotedSchema = PostgreSqlSchemaMigrator.Quote(options.Schema);
        var builder = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        var port = builder.Port.ToString(CultureInfo.InvariantCulture);
        Description = $"PostgreSQL database '{builder.Database ?? builder.Username ?? "(default)"}' on {builder.Host}:{port}, schema '{Schema}'";
    }

    /// <summary>Gets the data source.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>Gets the options.</summary>
    public PostgreSqlOptions Options { get; }

    /// <summary>Gets the schema's name.</summary>
    public string Schema { get; }

    /// <summary>Gets the schema's name quoted as an identifier, to put in SQL.</summary>
    public string QuotedSchema { get; }

    /// <summary>Gets how messages name the database: database, host, port and schema, never a password.</summary>
    public string Description { get; }

    /// <summary>Gets the log.</summary>
    public ILogger Logger => _logger;

    /// <summary>Gets the clock.</summary>
    public TimeProvider Time => _time;

    /// <summary>Builds a data source from a connection string, checking it first.</summary>
    /// <exception cref="ArgumentException">The connection string is not a valid Npgsql connection string.</exception>
    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new ArgumentException($"The PostgreSQL connection string is not valid: {e.Message}", nameof(connectionString), e);
        }

        return NpgsqlDataSource.Create(connectionString);
    }

    /// <summary>
    /// Runs <paramref name="work"/> on a pooled connection (migrating the schema first, once), repeating all of it while
    /// the failure is transient and <see cref="PostgreSqlOptions.RetryTimeout"/> has not passed.
    /// </summary>
    /// <param name="work">The work; it must be safe to repeat.</param>
    /// <param name="fail">Builds the exception to throw from a message and its cause.</param>
    /// <param name="afterFailure">Said after the cause when the call gives up: what happened to the call's data and what to do.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<T> RunAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> work, Func<string, Exception, Exception> fail, string afterFailure, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
                var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await using (connection.ConfigureAwait(false))
                {
                    return await work(connection, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (PostgreSqlFailures.IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                if (PostgreSqlFailures.IsConnectionLoss(e))
                {
                    DataSource.Clear();
                }

                var elapsed = _time.GetElapsedTime(started);
                if (elapsed >= Options.RetryTimeout)
                {
                    throw fail(
                        $"{Description} could not complete the call within {Options.RetryTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s " +
                        $"({attempt.ToString(CultureInfo.InvariantCulture)} attempts): {PostgreSqlFailures.Describe(e)}. {afterFailure}", e);
                }

                var delay = _backoff.Delay(attempt);
                PostgreSqlLog.TransientRetry(_logger, Description, attempt, PostgreSqlFailures.Describe(e), (int)delay.TotalMilliseconds);
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (PostgreSqlSchemaException e)
            {
                throw fail(e.Message, e);
            }
            catch (PostgresException e)
            {
                throw fail($"{Description} refused the call: {PostgreSqlFailures.Describe(e)}. {afterFailure}", e);
            }
            catch (NpgsqlException e)
            {
                throw fail($"{Description} could not be used: {PostgreSqlFailures.Describe(e)}. {afterFailure}", e);
            }
        }
    }

    /// <summary>Runs <paramref name="work"/> inside one transaction with the retries of <see cref="RunAsync"/>; the transaction commits when it returns.</summary>
    public Task<T> RunInTransactionAsync<T>(
        Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task<T>> work, Func<string, Exception, Exception> fail, string afterFailure, CancellationToken cancellationToken) =>
        RunAsync(
            async (connection, ct) =>
            {
                var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    var result = await work(connection, transaction, ct).ConfigureAwait(false);
                    ct.ThrowIfCancellationRequested();

                    // Past this point the call is not cancelled: a commit cut off half-way would leave its outcome unknown.
                    await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                    return result;
                }
            },
            fail,
            afterFailure,
            cancellationToken);

    /// <summary>Migrates the schema if this process has not done so yet.</summary>
    public async Task EnsureMigratedAsync(CancellationToken cancellationToken)
    {
        if (_migrated)
        {
            return;
        }

        await _migrateLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_migrated)
            {
                return;
            }

            var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                await PostgreSqlSchemaMigrator.MigrateAsync(connection, Schema, Description, _migrations, _logger, cancellationToken).ConfigureAwait(false);
            }

            _migrated = true;
        }
        finally
        {
            _migrateLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_ownsDataSource)
        {
            await DataSource.DisposeAsync().ConfigureAwait(false);
        }

        _migrateLock.Dispose();
    }

    public void Dispose()
    {
        if (_ownsDataSource)
        {
            DataSource.Dispose();
        }

        _migrateLock.Dispose();
    }
}
