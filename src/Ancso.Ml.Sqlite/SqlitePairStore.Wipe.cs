namespace Ancso.Ml.Sqlite;

/// <summary>
/// What makes an erasure's bytes leave the files. Secure delete zeroes the cells and pages the erasure frees, but that is
/// not enough: when SQLite rebalances a b-tree it can leave stale copies of moved cells in the free space of pages the
/// erasure never touches (the erasure file tests show a rater's texts and ids surviving there), and the WAL holds the
/// page images written before. So after each erasure that removed pairs the file is rebuilt (<c>VACUUM</c>), and every
/// erasure ends with <c>wal_checkpoint(TRUNCATE)</c>, which copies the new pages into the file and empties the WAL.
/// <c>store_info.vacuumed_generation</c> records the last erasure generation a completed rebuild covered, so a rebuild
/// that could not run (the store stayed busy) is done by the next erasure, even one that matches nothing. A checkpoint
/// that readers keep from completing within the busy timeout is logged (3407); the next erasure (or any
/// <c>wal_checkpoint(TRUNCATE)</c> that completes) finishes it.
/// </summary>
internal sealed partial class SqlitePairStore
{
    private async Task WipeFilesAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            if (!await TryRebuildAsync(connection, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            await CheckpointAsync(connection, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Rebuilds the file if an erasure since the last rebuild removed pairs; returns whether nothing is left to rebuild.</summary>
    private async Task<bool> TryRebuildAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            return await RetryWhileBusyAsync(
                _ =>
                {
                    var generation = ReadLong(connection, "SELECT COALESCE(MAX(generation), 0) FROM erased_pairs;");
                    if (generation <= ReadLong(connection, "SELECT vacuumed_generation FROM store_info WHERE id = 1;"))
                    {
                        return Task.FromResult(true);
                    }

                    // The rebuilt copy holds only what remains, so it may use a temporary file like any large sort.
                    Execute(connection, null, "PRAGMA temp_store = DEFAULT; VACUUM;");
                    using var transaction = connection.BeginTransaction(deferred: false);
                    using var command = connection.CreateCommand();
                    command.Transaction = transaction;
                    command.CommandText = "UPDATE store_info SET vacuumed_generation = max(vacuumed_generation, $generation) WHERE id = 1;";
                    command.Parameters.AddWithValue("$generation", generation);
                    command.ExecuteNonQuery();
                    transaction.Commit();
                    return Task.FromResult(true);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is PairStoreException or SqliteException)
        {
            SqlitePairStoreLog.WipeIncomplete(_logger, DatabasePath, "the file could not be rebuilt (" + e.Message + ")");
            return false;
        }
    }

    private async Task CheckpointAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        for (var tries = 1; ; tries++)
        {
            // TRUNCATE waits (up to the busy timeout) for readers of older snapshots, copies every frame into the file,
            // and truncates the WAL to zero bytes. Its first column says whether it could not finish.
            int busy;
            try
            {
                busy = (int)ReadLong(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
            }
            catch (SqliteException e) when (e.SqliteErrorCode is SqliteBusy or SqliteLocked)
            {
                busy = 1;
            }

            if (busy == 0)
            {
                return;
            }

            if (_time.GetElapsedTime(started) >= _busyTimeout)
            {
                SqlitePairStoreLog.WipeIncomplete(_logger, DatabasePath, string.Create(
                    CultureInfo.InvariantCulture, $"readers kept the WAL checkpoint from completing for {_busyTimeout.TotalSeconds:0.###} s ({tries} attempts)"));
                return;
            }

            var delay = _backoff.Delay(tries);
            SqlitePairStoreLog.CheckpointRetry(_logger, DatabasePath, tries, (int)delay.TotalMilliseconds);
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static long ReadLong(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
