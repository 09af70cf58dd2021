namespace Ancso.Ml.PostgreSql.Pairs;

/// <summary>
/// The vacuum after an erasure (<see cref="PostgreSqlOptions.VacuumAfterErase"/>): deleted rows are dead tuples, still in
/// the tables' pages (and their TOAST and index pages), until a VACUUM removes them and marks the space reusable.
/// A failure is logged, not thrown: the erasure itself is committed, and autovacuum or the next erasure gets there.
/// </summary>
internal sealed partial class PostgreSqlPairStore
{
    private const string NoticeSqlStateInsufficientPrivilege = "42501";

    private async Task VacuumAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _database.RunAsync(
                async (connection, ct) =>
                {
                    var skipped = new List<string>();
                    void OnNotice(object sender, NpgsqlNoticeEventArgs e)
                    {
                        // A role that does not own a table gets a warning and the table is skipped.
                        if (e.Notice.SqlState == NoticeSqlStateInsufficientPrivilege || e.Notice.Severity is "WARNING")
                        {
                            lock (skipped)
                            {
                                skipped.Add(e.Notice.MessageText);
                            }
                        }
                    }

                    connection.Notice += OnNotice;
                    try
                    {
                        // VACUUM cannot run inside a transaction; this is a single statement on its own. It may take a while
                        // on large tables, so it has no command timeout.
                        await using var command = new NpgsqlCommand($"VACUUM (ANALYZE) {_pairs}, {_items}, {_embeddings};", connection) { CommandTimeout = 0 };
                        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                    }
                    finally
                    {
                        connection.Notice -= OnNotice;
                    }

                    if (skipped.Count > 0)
                    {
                        PostgreSqlLog.VacuumIncomplete(_database.Logger, Description, string.Join("; ", skipped));
                    }

                    return true;
                },
                Fail,
                "The erasure is committed; its rows stay as dead tuples until autovacuum or a VACUUM removes them.",
                cancellationToken).ConfigureAwait(false);
        }
        catch (PairStoreException e)
        {
            PostgreSqlLog.VacuumIncomplete(_database.Logger, Description, e.Message);
        }
    }
}
