using Ancso.Ml.Embeddings;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ancso.Ml.Sqlite;

/// <summary>
/// The pair store in one SQLite file (WAL mode), shared safely by the threads and processes of a machine: every write
/// is one <c>BEGIN IMMEDIATE</c> transaction, retried with backoff while another writer holds the lock. Connections come
/// from Microsoft.Data.Sqlite's pool, one per call. Also the embedding cache (<see cref="IEmbeddingCache"/>).
/// </summary>
internal sealed partial class SqlitePairStore : IPairStore, IEmbeddingCache, IDisposable
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteNotADatabase = 26;
    private const int SqliteReadOnly = 8;
    private const int SqliteCantOpen = 14;

    private readonly string _connectionString;
    private readonly TimeSpan _busyTimeout;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IReadOnlyList<SqliteMigration> _migrations;
    private readonly SemaphoreSlim _initLock = new(1, 1);
    private readonly RetryBackoff _backoff;
    private volatile bool _initialized;

    public SqlitePairStore(SqlitePairStoreOptions options, TimeProvider timeProvider, ILogger? logger = null, IReadOnlyList<SqliteMigration>? migrations = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DatabasePath);
        DatabasePath = Path.GetFullPath(options.DatabasePath);
        _busyTimeout = options.BusyTimeout;
        _time = timeProvider;
        _logger = logger ?? NullLogger.Instance;
        _migrations = migrations ?? SqlitePairStoreSchema.Migrations;
        _backoff = new RetryBackoff(HashCode.Combine(Environment.ProcessId, DatabasePath.Length), stepMilliseconds: 2.0, ceilingMilliseconds: 250.0, floorMilliseconds: 1.0);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(_busyTimeout.TotalSeconds)),
        }.ToString();
    }

    /// <summary>Gets the full path of the SQLite file.</summary>
    public string DatabasePath { get; }

    public void Dispose()
    {
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _initLock.Dispose();
    }

    /// <summary>Opens a pooled connection with the store's pragmas, creating and migrating the file on first use.</summary>
    internal async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_initialized)
        {
            await InitializeAsync(cancellationToken).ConfigureAwait(false);
        }

        return await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="work"/> inside one <c>BEGIN IMMEDIATE</c> transaction, retrying the whole of it while the store is locked.</summary>
    internal Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken) =>
        RetryWhileBusyAsync(
            async ct =>
            {
                var connection = await OpenAsync(ct).ConfigureAwait(false);
                await using (connection.ConfigureAwait(false))
                {
                    using var transaction = connection.BeginTransaction(deferred: false);
                    var result = work(connection, transaction);
                    ct.ThrowIfCancellationRequested();
                    transaction.Commit();
                    return result;
                }
            },
            cancellationToken);

    /// <summary>Runs a read on its own connection, retrying while the store is locked.</summary>
    internal Task<T> ReadAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken) =>
        RetryWhileBusyAsync(
            async ct =>
            {
                var connection = await OpenAsync(ct).ConfigureAwait(false);
                await using (connection.ConfigureAwait(false))
                {
                    return work(connection);
                }
            },
            cancellationToken);

    internal async Task<T> RetryWhileBusyAsync<T>(Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        for (var tries = 1; ; tries++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return await attempt(cancellationToken).ConfigureAwait(false);
            }
            catch (SqliteException e) when (e.SqliteErrorCode is SqliteBusy or SqliteLocked)
            {
                if (_time.GetElapsedTime(started) >= _busyTimeout)
                {
                    throw new PairStoreException(
                        $"The pair store '{DatabasePath}' stayed locked by another writer for {_busyTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s ({tries} attempts). " +
                        "Nothing of this call was stored; retry it, raise Ranker:Sqlite:BusyTimeout (SqlitePairStoreOptions.BusyTimeout), or stop the process that holds a long transaction on the file.", e);
                }

                var delay = _backoff.Delay(tries);
                SqlitePairStoreLog.BusyRetry(_logger, DatabasePath, tries, (int)delay.TotalMilliseconds);
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var command = connection.CreateCommand();
            command.CommandText = string.Create(
                CultureInfo.InvariantCulture,
                $"PRAGMA busy_timeout = {(long)_busyTimeout.TotalMilliseconds}; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;");
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _initLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_initialized)
            {
                return;
            }

            var directory = Path.GetDirectoryName(DatabasePath);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            await RetryWhileBusyAsync(
                async ct =>
                {
                    var connection = await OpenConnectionAsync(ct).ConfigureAwait(false);
                    await using (connection.ConfigureAwait(false))
                    {
                        SqliteSchemaMigrator.Inspect(connection, DatabasePath, _migrations);
                        EnableWal(connection);
                        return SqliteSchemaMigrator.Migrate(connection, DatabasePath, _migrations, _logger);
                    }
                },
                cancellationToken).ConfigureAwait(false);
            _initialized = true;
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SqliteNotADatabase)
        {
            throw new PairStoreException(
                $"The file '{DatabasePath}' is not a SQLite database. Point Ranker:Sqlite:DatabasePath (SqlitePairStoreOptions.DatabasePath) at a pair store or at a new file; the file was not changed.", e);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is SqliteCantOpen or SqliteReadOnly)
        {
            throw new PairStoreException(
                $"The pair store '{DatabasePath}' cannot be opened for writing ({e.Message}). Check that its folder exists and that this process may write the file and its folder.", e);
        }
        finally
        {
            _initLock.Release();
        }
    }

    private void EnableWal(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        var mode = Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            SqlitePairStoreLog.NotWal(_logger, DatabasePath, mode);
        }
    }
}
