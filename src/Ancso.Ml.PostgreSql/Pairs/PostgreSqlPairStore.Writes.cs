using Ancso.Ml.Pairs.Signals;

namespace Ancso.Ml.PostgreSql.Pairs;

internal sealed partial class PostgreSqlPairStore
{
    public async Task<int> AddPairsAsync(IReadOnlyList<NewPair> pairs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.Count == 0)
        {
            return 0;
        }

        var validated = PairStoreArguments.ValidateBatch(pairs);
        var now = _database.Time.GetUtcNow();
        var inserted = await _database.RunInTransactionAsync(
            (connection, _, ct) => InsertAsync(connection, validated, now, ct), Fail, NothingStored, cancellationToken).ConfigureAwait(false);
        PostgreSqlLog.PairsStored(_database.Logger, _database.Description, inserted, pairs.Count);
        return inserted;
    }

    private async Task<int> InsertAsync(NpgsqlConnection connection, ValidatedPair[] pairs, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Items in the order they first appear (side A, then B), as the SQLite store numbers them.
        var items = new List<(ValidatedItem Item, string Platform, string Section)>(pairs.Length * 2);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in pairs)
        {
            foreach (var side in (ReadOnlySpan<ValidatedItem>)[p.A, p.B])
            {
                if (seen.Add(side.ContentHash))
                {
                    items.Add((side, p.Platform, p.Section));
                }
            }
        }

        // An item's id is derived from its content hash, so both unique columns conflict together. The insert names no
        // arbiter: with one named, a writer racing another for the same new text could wait on the other unique index
        // and fail with a unique violation instead of skipping the row.
        var batch = new NpgsqlBatch(connection);
        await using (batch.ConfigureAwait(false))
        {
            var itemInsert = new NpgsqlBatchCommand($"""
                INSERT INTO {_items} (id, content_hash, platform, section, text, text_hash, metrics, created_at)
                SELECT u.id, u.content_hash, u.platform, u.section, u.text, u.text_hash, string_to_array(u.metrics, ',')::real[], $8
                FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
                     WITH ORDINALITY AS u(id, content_hash, platform, section, text, text_hash, metrics, n)
                ORDER BY u.n
                ON CONFLICT DO NOTHING;
                """);
            itemInsert.Parameters.Add(Texts(items.Select(i => i.Item.Id)));
            itemInsert.Parameters.Add(Texts(items.Select(i => i.Item.ContentHash)));
            itemInsert.Parameters.Add(Texts(items.Select(i => i.Platform)));
            itemInsert.Parameters.Add(Texts(items.Select(i => i.Section)));
            itemInsert.Parameters.Add(Texts(items.Select(i => i.Item.Text)));
            itemInsert.Parameters.Add(Texts(items.Select(i => i.Item.TextHash)));
            itemInsert.Parameters.Add(Texts(items.Select(i => StoredValues.MetricsText(i.Item.Metrics))));
            itemInsert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            batch.BatchCommands.Add(itemInsert);

            var pairInsert = new NpgsqlBatchCommand($"""
                INSERT INTO {_pairs} (id, item_a, item_b, platform, section, label, source, tags, note, created_at, rater)
                SELECT u.id, u.item_a, u.item_b, u.platform, u.section, u.label, u.source, string_to_array(u.tags, chr(31)), u.note, $10, u.rater
                FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::smallint[], $7::text[], $8::text[], $9::text[], $11::text[])
                     WITH ORDINALITY AS u(id, item_a, item_b, platform, section, label, source, tags, note, rater, n)
                ORDER BY u.n
                ON CONFLICT (id) DO NOTHING
                RETURNING id;
                """);
            pairInsert.Parameters.Add(Texts(pairs.Select(p => p.Id)));
            pairInsert.Parameters.Add(Texts(pairs.Select(p => p.A.Id)));
            pairInsert.Parameters.Add(Texts(pairs.Select(p => p.B.Id)));
            pairInsert.Parameters.Add(Texts(pairs.Select(p => p.Platform)));
            pairInsert.Parameters.Add(Texts(pairs.Select(p => p.Section)));
            pairInsert.Parameters.Add(new NpgsqlParameter<short[]> { TypedValue = [.. pairs.Select(p => (short)p.Label)] });
            pairInsert.Parameters.Add(Texts(pairs.Select(p => p.Source)));
            pairInsert.Parameters.Add(Texts(pairs.Select(p => StoredValues.TagsText(p.Tags))));
            pairInsert.Parameters.Add(Texts(pairs.Select(p => p.Note)));
            pairInsert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            pairInsert.Parameters.Add(Texts(pairs.Select(p => p.Rater)));
            batch.BatchCommands.Add(pairInsert);

            var stored = new HashSet<string>(StringComparer.Ordinal);
            var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                // Only the pair insert returns rows: the ids it stored.
                do
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        stored.Add(reader.GetString(0));
                    }
                }
                while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false));
            }

            // Skipped: pairs the insert did not store, and repeats of an id within the call (the first one stored it).
            var firstSeen = new HashSet<string>(StringComparer.Ordinal);
            var skipped = pairs.Where(p => !firstSeen.Add(p.Id) || !stored.Contains(p.Id)).ToList();
            if (skipped.Count > 0)
            {
                await ThrowIfIdTakenAsync(connection, skipped, cancellationToken).ConfigureAwait(false);
            }

            return stored.Count;
        }
    }

    /// <summary>A pair whose id was already stored is skipped, unless that id names another judgement: then the whole call fails.</summary>
    private async Task ThrowIfIdTakenAsync(NpgsqlConnection connection, List<ValidatedPair> skipped, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand($"SELECT id, item_a, item_b, label, source, rater FROM {_pairs} WHERE id = ANY($1);", connection);
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.Add(Texts(skipped.Select(p => p.Id).Distinct(StringComparer.Ordinal)));
            var stored = new Dictionary<string, (string A, string B, int Label, string Source, string? Rater)>(StringComparer.Ordinal);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    stored[reader.GetString(0)] = (reader.GetString(1), reader.GetString(2), reader.GetInt16(3), reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5));
                }
            }

            foreach (var pair in skipped)
            {
                if (!stored.TryGetValue(pair.Id, out var s))
                {
                    continue;
                }

                if (s.A != pair.A.Id || s.B != pair.B.Id || s.Label != pair.Label || s.Source != pair.Source)
                {
                    throw new PairStoreException(
                        $"The pair id '{pair.Id}' is already stored in {Description} for another pair ({s.A} vs {s.B}, label {s.Label.ToString(CultureInfo.InvariantCulture)}, source {s.Source}); " +
                        $"this one is {pair.A.Id} vs {pair.B.Id}, label {pair.Label.ToString(CultureInfo.InvariantCulture)}, source {pair.Source}. Give it a new id; nothing of this call was stored.");
                }

                if (s.Rater != pair.Rater)
                {
                    throw new PairStoreException(
                        $"The pair id '{pair.Id}' is already stored in {Description} with {(s.Rater is null ? "no rater" : "another rater")}; this call names {(pair.Rater is null ? "none" : "a different one")}. " +
                        "A retried call carries the same rater; give a new judgement a new id. Nothing of this call was stored.");
                }
            }
        }
    }

    private static NpgsqlParameter<string?[]> Texts(IEnumerable<string?> values) =>
        new() { TypedValue = [.. values], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };
}
