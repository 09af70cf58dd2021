using Ancso.Ml.Pairs.Erasure;

namespace Ancso.Ml.PostgreSql.Pairs;

/// <summary>
/// Erasure, in one retried transaction. It first locks <c>items</c> and <c>pairs</c> in SHARE ROW EXCLUSIVE mode: readers
/// go on, but writers wait (and erasures run one at a time), so no pair can start using an item while the erasure finds
/// it unused and deletes it, and each erasure's generation is one above the last. Then one statement finds the pairs, the
/// items they leave unused and the texts no remaining item has, appends the pairs to <c>erased_pairs</c> and deletes all
/// three. After the commit, <see cref="PostgreSqlOptions.VacuumAfterErase"/> removes the dead tuples.
/// </summary>
internal sealed partial class PostgreSqlPairStore
{
    private const string NothingErased =
        "Nothing was erased, unless the connection dropped while the transaction committed; either way running the erasure again is safe.";

    public async Task<string> GetStoreIdAsync(CancellationToken cancellationToken = default)
    {
        // Schema step 3 gives every store its id; should the row be missing, the first writer to notice creates it.
        var id = await ReadAsync((connection, ct) => ReadStoreIdAsync(connection, ct), cancellationToken).ConfigureAwait(false);
        return id ?? await _database.RunInTransactionAsync(
            async (connection, _, ct) =>
            {
                await using var insert = new NpgsqlCommand(
                    $"INSERT INTO {_storeInfo} (id, store_id) VALUES (1, replace(gen_random_uuid()::text, '-', '')) ON CONFLICT (id) DO NOTHING;", connection);
                await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                return (await ReadStoreIdAsync(connection, ct).ConfigureAwait(false))!;
            },
            Fail,
            NothingChanged,
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<PairStoreFingerprint> GetFingerprintAsync(PairFilter? filter = null, CancellationToken cancellationToken = default)
    {
        // One statement, so the highest seq and the erasure generation are read from one snapshot.
        var (storeId, maxSequence, generation) = await ReadAsync(
            async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand(
                    $"SELECT (SELECT store_id FROM {_storeInfo} WHERE id = 1), (SELECT COALESCE(MAX(seq), 0) FROM {_pairs}), (SELECT COALESCE(MAX(generation), 0) FROM {_erasedPairs});",
                    connection);
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                await reader.ReadAsync(ct).ConfigureAwait(false);
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
            async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand { Connection = connection };
                var filter = Where(command, ("platform", fingerprint.Platform), ("section", fingerprint.Section), ("source", fingerprint.Source));
                command.Parameters.Add(new NpgsqlParameter<string>("store", fingerprint.StoreId ?? ""));
                command.Parameters.Add(new NpgsqlParameter<long>("generation", fingerprint.ErasureGeneration));
                command.Parameters.Add(new NpgsqlParameter<long>("max", fingerprint.MaxSequence));
                command.CommandText = $"SELECT EXISTS (SELECT 1 FROM {_storeInfo} WHERE id = 1 AND store_id = @store) AND EXISTS (SELECT 1 FROM {_erasedPairs}" +
                    (filter.Length == 0 ? " WHERE " : filter + " AND ") + "generation > @generation AND seq <= @max);";
                return (bool)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
            },
            cancellationToken);
    }

    public async Task<PairErasureCounts> ErasePairsAsync(PairErasureQuery query, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var now = _database.Time.GetUtcNow();
        var counts = await _database.RunInTransactionAsync(
            (connection, _, ct) => EraseAsync(connection, query, dryRun, now, ct), Fail, NothingErased, cancellationToken).ConfigureAwait(false);
        var criteria = query.ToString();
        PostgreSqlLog.PairsErased(_database.Logger, Description, dryRun ? "would erase (dry run)" : "erased", counts.Pairs, counts.Items, counts.Embeddings, criteria);
        if (!dryRun && counts.Pairs > 0 && _database.Options.VacuumAfterErase)
        {
            // Committed: the vacuum runs whatever the caller's token says, so the call never reports a cancelled erasure
            // that in fact happened.
            await VacuumAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return counts;
    }

    private async Task<PairErasureCounts> EraseAsync(NpgsqlConnection connection, PairErasureQuery query, bool dryRun, DateTimeOffset now, CancellationToken cancellationToken)
    {
        long generation = 0;
        if (!dryRun)
        {
            await using var prepare = new NpgsqlCommand(
                $"LOCK TABLE {_items}, {_pairs} IN SHARE ROW EXCLUSIVE MODE; SELECT COALESCE(MAX(generation), 0) + 1 FROM {_erasedPairs};", connection);
            generation = (long)(await prepare.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        await using var command = new NpgsqlCommand { Connection = connection };
        var sets = $"""
            WITH doomed AS MATERIALIZED (
                SELECT p.seq, p.item_a, p.item_b, p.platform, p.section, p.source FROM {_pairs} p{ErasureWhere(command, query)}
            ),
            orphans AS MATERIALIZED (
                SELECT i.id, i.text_hash FROM {_items} i
                WHERE i.id IN (SELECT item_a FROM doomed UNION SELECT item_b FROM doomed)
                  AND NOT EXISTS (SELECT 1 FROM {_pairs} q WHERE q.item_a = i.id AND NOT EXISTS (SELECT 1 FROM doomed d WHERE d.seq = q.seq))
                  AND NOT EXISTS (SELECT 1 FROM {_pairs} q WHERE q.item_b = i.id AND NOT EXISTS (SELECT 1 FROM doomed d WHERE d.seq = q.seq))
            ),
            texts AS MATERIALIZED (
                SELECT DISTINCT o.text_hash FROM orphans o
                WHERE NOT EXISTS (SELECT 1 FROM {_items} j WHERE j.text_hash = o.text_hash AND NOT EXISTS (SELECT 1 FROM orphans x WHERE x.id = j.id))
            )
            """;
        command.CommandText = sets + (dryRun
            ? $"""
                SELECT (SELECT count(*) FROM doomed), (SELECT count(*) FROM orphans),
                       (SELECT count(*) FROM {_embeddings} e WHERE e.text_hash IN (SELECT text_hash FROM texts));
                """
            : $"""
                , logged AS (
                    INSERT INTO {_erasedPairs} (generation, seq, platform, section, source, erased_at)
                    SELECT @generation, seq, platform, section, source, @now FROM doomed ORDER BY seq
                ),
                gone_pairs AS (DELETE FROM {_pairs} p USING doomed d WHERE p.seq = d.seq RETURNING 1),
                gone_items AS (DELETE FROM {_items} i USING orphans o WHERE i.id = o.id RETURNING 1),
                gone_embeddings AS (DELETE FROM {_embeddings} e USING texts t WHERE e.text_hash = t.text_hash RETURNING 1)
                SELECT (SELECT count(*) FROM gone_pairs), (SELECT count(*) FROM gone_items), (SELECT count(*) FROM gone_embeddings);
                """);
        command.Parameters.Add(new NpgsqlParameter<long>("generation", generation));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now) { NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new PairErasureCounts((int)reader.GetInt64(0), (int)reader.GetInt64(1), (int)reader.GetInt64(2));
    }

    private string ErasureWhere(NpgsqlCommand command, PairErasureQuery query) =>
        PairErasureConditions.Where(
            query,
            _items,
            '@',
            (name, text) => command.Parameters.Add(new NpgsqlParameter<string>(name, text)),
            (name, time) => command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>(name, time) { NpgsqlDbType = NpgsqlDbType.TimestampTz }));

    private async Task<string?> ReadStoreIdAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT store_id FROM {_storeInfo} WHERE id = 1;", connection);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }
}
