using Ancso.Ml.Pairs.Erasure;

namespace Ancso.Ml.Sqlite;

/// <summary>
/// Erasure: the matching pairs, the items they leave unused and the cached embeddings of texts no remaining item has
/// go in one <c>BEGIN IMMEDIATE</c> transaction with <c>secure_delete</c> on, which appends each pair's sequence number,
/// platform, section and source to <c>erased_pairs</c> under the erasure's generation. The working sets are temporary
/// tables kept in memory (<c>temp_store = MEMORY</c>, which keeps statement journals in memory too), so no item id
/// reaches a temporary file. Afterwards <see cref="WipeFilesAsync"/> makes the erased bytes leave the files.
/// </summary>
internal sealed partial class SqlitePairStore
{
    private const string CreateWorkingSetsSql = """
        CREATE TEMP TABLE ancso_erase_pairs (seq INTEGER PRIMARY KEY);
        CREATE TEMP TABLE ancso_erase_items (id TEXT PRIMARY KEY, text_hash TEXT NOT NULL);
        CREATE TEMP TABLE ancso_erase_texts (text_hash TEXT PRIMARY KEY);
        """;

    // Items of the erased pairs that no other pair uses, then the texts of those items that no other item has.
    private const string FillWorkingSetsSql = """
        INSERT INTO temp.ancso_erase_items (id, text_hash)
        SELECT i.id, i.text_hash FROM main.items i
        WHERE i.id IN (SELECT p.item_a FROM main.pairs p JOIN temp.ancso_erase_pairs e ON e.seq = p.seq
                       UNION SELECT p.item_b FROM main.pairs p JOIN temp.ancso_erase_pairs e ON e.seq = p.seq)
          AND NOT EXISTS (SELECT 1 FROM main.pairs q WHERE q.item_a = i.id AND q.seq NOT IN (SELECT seq FROM temp.ancso_erase_pairs))
          AND NOT EXISTS (SELECT 1 FROM main.pairs q WHERE q.item_b = i.id AND q.seq NOT IN (SELECT seq FROM temp.ancso_erase_pairs));
        INSERT INTO temp.ancso_erase_texts (text_hash)
        SELECT DISTINCT e.text_hash FROM temp.ancso_erase_items e
        WHERE NOT EXISTS (SELECT 1 FROM main.items j WHERE j.text_hash = e.text_hash AND j.id NOT IN (SELECT id FROM temp.ancso_erase_items));
        """;

    private const string CountSql = """
        SELECT (SELECT COUNT(*) FROM temp.ancso_erase_pairs),
               (SELECT COUNT(*) FROM temp.ancso_erase_items),
               (SELECT COUNT(*) FROM main.embeddings WHERE text_hash IN (SELECT text_hash FROM temp.ancso_erase_texts));
        """;

    private const string DeleteSql = """
        INSERT INTO main.erased_pairs (generation, seq, platform, section, source, erased_at)
        SELECT $generation, p.seq, p.platform, p.section, p.source, $now
        FROM main.pairs p WHERE p.seq IN (SELECT seq FROM temp.ancso_erase_pairs) ORDER BY p.seq;
        UPDATE main.store_info SET max_erased_seq = max(max_erased_seq, (SELECT MAX(seq) FROM temp.ancso_erase_pairs)) WHERE id = 1;
        DELETE FROM main.pairs WHERE seq IN (SELECT seq FROM temp.ancso_erase_pairs);
        DELETE FROM main.items WHERE id IN (SELECT id FROM temp.ancso_erase_items);
        DELETE FROM main.embeddings WHERE text_hash IN (SELECT text_hash FROM temp.ancso_erase_texts);
        """;

    private const string DropWorkingSetsSql = """
        DROP TABLE temp.ancso_erase_pairs;
        DROP TABLE temp.ancso_erase_items;
        DROP TABLE temp.ancso_erase_texts;
        """;

    private const string InsertStoreIdSql = "INSERT INTO store_info (id, store_id) VALUES (1, lower(hex(randomblob(16)))) ON CONFLICT (id) DO NOTHING;";

    public async Task<string> GetStoreIdAsync(CancellationToken cancellationToken = default)
    {
        // Schema step 3 gives every store its id; should the row be missing, the first writer to notice creates it.
        var id = await ReadAsync(connection => ReadStoreId(connection, null), cancellationToken).ConfigureAwait(false);
        return id ?? await WriteAsync(
            (connection, transaction) =>
            {
                Execute(connection, transaction, InsertStoreIdSql);
                return ReadStoreId(connection, transaction)!;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<PairStoreFingerprint> GetFingerprintAsync(PairFilter? filter = null, CancellationToken cancellationToken = default)
    {
        // One statement, so the highest seq and the erasure generation are read from one snapshot.
        var (storeId, maxSequence, generation) = await ReadAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = """
                    SELECT (SELECT store_id FROM store_info WHERE id = 1), (SELECT COALESCE(MAX(seq), 0) FROM pairs),
                           (SELECT COALESCE(MAX(generation), 0) FROM erased_pairs);
                    """;
                using var reader = command.ExecuteReader();
                reader.Read();
                return (reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2));
            },
            cancellationToken).ConfigureAwait(false);
        storeId ??= await GetStoreIdAsync(cancellationToken).ConfigureAwait(false);
        return new PairStoreFingerprint(storeId, maxSequence, filter?.Platform, filter?.Section, filter?.Source, generation);
    }

    public Task<bool> HasErasedPairsAsync(PairStoreFingerprint fingerprint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        return ReadAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                var where = new StringBuilder(" WHERE generation > $generation AND seq <= $max");
                Condition(command, where, "platform", "$platform", fingerprint.Platform);
                Condition(command, where, "section", "$section", fingerprint.Section);
                Condition(command, where, "source", "$source", fingerprint.Source);
                command.CommandText = "SELECT EXISTS (SELECT 1 FROM store_info WHERE id = 1 AND store_id = $store) AND EXISTS (SELECT 1 FROM erased_pairs" + where + ");";
                command.Parameters.AddWithValue("$store", (object?)fingerprint.StoreId ?? DBNull.Value);
                command.Parameters.AddWithValue("$generation", fingerprint.ErasureGeneration);
                command.Parameters.AddWithValue("$max", fingerprint.MaxSequence);
                return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 1;
            },
            cancellationToken);
    }

    public async Task<PairErasureCounts> ErasePairsAsync(PairErasureQuery query, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var counts = await RetryWhileBusyAsync(
            async ct =>
            {
                var connection = await OpenAsync(ct).ConfigureAwait(false);
                await using (connection.ConfigureAwait(false))
                {
                    // Outside the transaction: temp_store cannot change inside one.
                    Execute(connection, null, "PRAGMA temp_store = MEMORY; PRAGMA secure_delete = ON;");
                    using var transaction = connection.BeginTransaction(deferred: false);
                    var result = Erase(connection, transaction, query, dryRun, now, ct);
                    ct.ThrowIfCancellationRequested();
                    transaction.Commit();
                    return result;
                }
            },
            cancellationToken).ConfigureAwait(false);

        var criteria = query.ToString();
        SqlitePairStoreLog.PairsErased(_logger, DatabasePath, dryRun ? "would erase (dry run)" : "erased", counts.Pairs, counts.Items, counts.Embeddings, criteria);
        if (!dryRun)
        {
            // Committed: the wipe runs to its end whatever the caller's token says, so the call never reports a cancelled
            // erasure that in fact happened. A no-op erasure still checkpoints, finishing a wipe an earlier call left.
            await WipeFilesAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return counts;
    }

    private static PairErasureCounts Erase(SqliteConnection connection, SqliteTransaction transaction, PairErasureQuery query, bool dryRun, long now, CancellationToken cancellationToken)
    {
        Execute(connection, transaction, CreateWorkingSetsSql);
        using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = "INSERT INTO temp.ancso_erase_pairs (seq) SELECT p.seq FROM main.pairs p" + ErasureWhere(select, query) + ";";
            select.ExecuteNonQuery();
        }

        cancellationToken.ThrowIfCancellationRequested();
        Execute(connection, transaction, FillWorkingSetsSql);
        PairErasureCounts counts;
        using (var count = connection.CreateCommand())
        {
            count.Transaction = transaction;
            count.CommandText = CountSql;
            using var reader = count.ExecuteReader();
            reader.Read();
            counts = new PairErasureCounts(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2));
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (!dryRun && counts.Pairs > 0)
        {
            using var delete = connection.CreateCommand();
            delete.Transaction = transaction;
            delete.CommandText = DeleteSql;
            delete.Parameters.AddWithValue("$now", now);
            delete.Parameters.AddWithValue("$generation", NextGeneration(connection, transaction));
            delete.ExecuteNonQuery();
        }

        Execute(connection, transaction, DropWorkingSetsSql);
        return counts;
    }

    private static string ErasureWhere(SqliteCommand command, PairErasureQuery query) =>
        PairErasureConditions.Where(
            query,
            "main.items",
            '$',
            (name, text) => command.Parameters.AddWithValue("$" + name, text),
            (name, time) => command.Parameters.AddWithValue("$" + name, time.ToUnixTimeMilliseconds()));

    private static long NextGeneration(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COALESCE(MAX(generation), 0) + 1 FROM main.erased_pairs;";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static string? ReadStoreId(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT store_id FROM store_info WHERE id = 1;";
        return command.ExecuteScalar() as string;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
