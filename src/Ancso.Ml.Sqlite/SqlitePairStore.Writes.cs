using Ancso.Ml.Pairs.Signals;

namespace Ancso.Ml.Sqlite;

internal sealed partial class SqlitePairStore
{
    private const string InsertItemSql = """
        INSERT INTO items (id, content_hash, platform, section, text, text_hash, metrics, created_at)
        VALUES ($id, $content_hash, $platform, $section, $text, $text_hash, $metrics, $created_at)
        ON CONFLICT (content_hash) DO NOTHING;
        """;

    // A pair's seq is one above both the highest stored and the highest ever erased, so a number an erasure frees is
    // never given again (SQLite's own rowid choice would reuse it when the newest pair was erased).
    private const string InsertPairSql = """
        INSERT INTO pairs (seq, id, item_a, item_b, platform, section, label, source, tags, note, created_at, rater)
        VALUES (
            (SELECT max(COALESCE(MAX(p.seq), 0), COALESCE((SELECT max_erased_seq FROM store_info WHERE id = 1), 0)) + 1 FROM pairs p),
            $id, $item_a, $item_b, $platform, $section, $label, $source, $tags, $note, $created_at, $rater)
        ON CONFLICT (id) DO NOTHING;
        """;

    public async Task<int> AddPairsAsync(IReadOnlyList<NewPair> pairs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.Count == 0)
        {
            return 0;
        }

        var validated = PairStoreArguments.ValidateBatch(pairs);
        var inserted = await WriteAsync((connection, transaction) => Insert(connection, transaction, validated, cancellationToken), cancellationToken)
            .ConfigureAwait(false);
        SqlitePairStoreLog.PairsStored(_logger, DatabasePath, inserted, pairs.Count);
        return inserted;
    }

    private int Insert(SqliteConnection connection, SqliteTransaction transaction, ValidatedPair[] pairs, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        using var item = connection.CreateCommand();
        item.Transaction = transaction;
        item.CommandText = InsertItemSql;
        var itemId = item.Parameters.Add("$id", SqliteType.Text);
        var contentHash = item.Parameters.Add("$content_hash", SqliteType.Text);
        var itemPlatform = item.Parameters.Add("$platform", SqliteType.Text);
        var itemSection = item.Parameters.Add("$section", SqliteType.Text);
        var text = item.Parameters.Add("$text", SqliteType.Text);
        var textHash = item.Parameters.Add("$text_hash", SqliteType.Text);
        var metrics = item.Parameters.Add("$metrics", SqliteType.Text);
        item.Parameters.AddWithValue("$created_at", now);

        using var pair = connection.CreateCommand();
        pair.Transaction = transaction;
        pair.CommandText = InsertPairSql;
        var pairId = pair.Parameters.Add("$id", SqliteType.Text);
        var itemA = pair.Parameters.Add("$item_a", SqliteType.Text);
        var itemB = pair.Parameters.Add("$item_b", SqliteType.Text);
        var platform = pair.Parameters.Add("$platform", SqliteType.Text);
        var section = pair.Parameters.Add("$section", SqliteType.Text);
        var label = pair.Parameters.Add("$label", SqliteType.Integer);
        var source = pair.Parameters.Add("$source", SqliteType.Text);
        var tags = pair.Parameters.Add("$tags", SqliteType.Text);
        var note = pair.Parameters.Add("$note", SqliteType.Text);
        var rater = pair.Parameters.Add("$rater", SqliteType.Text);
        pair.Parameters.AddWithValue("$created_at", now);

        var inserted = 0;
        foreach (var p in pairs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var side in (ReadOnlySpan<ValidatedItem>)[p.A, p.B])
            {
                itemId.Value = side.Id;
                contentHash.Value = side.ContentHash;
                itemPlatform.Value = p.Platform;
                itemSection.Value = p.Section;
                text.Value = side.Text;
                textHash.Value = side.TextHash;
                metrics.Value = side.Metrics is { } m ? StoredJson.WriteMetrics(m) : DBNull.Value;
                item.ExecuteNonQuery();
            }

            pairId.Value = p.Id;
            itemA.Value = p.A.Id;
            itemB.Value = p.B.Id;
            platform.Value = p.Platform;
            section.Value = p.Section;
            label.Value = p.Label;
            source.Value = p.Source;
            tags.Value = StoredJson.WriteTags(p.Tags);
            note.Value = (object?)p.Note ?? DBNull.Value;
            rater.Value = (object?)p.Rater ?? DBNull.Value;
            if (pair.ExecuteNonQuery() == 1)
            {
                inserted++;
            }
            else
            {
                ThrowIfIdTaken(connection, transaction, p);
            }
        }

        return inserted;
    }

    private void ThrowIfIdTaken(SqliteConnection connection, SqliteTransaction transaction, ValidatedPair pair)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT item_a, item_b, label, source, rater FROM pairs WHERE id = $id;";
        command.Parameters.AddWithValue("$id", pair.Id);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return;
        }

        var (a, b, label, source) = (reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3));
        var rater = reader.IsDBNull(4) ? null : reader.GetString(4);
        if (a != pair.A.Id || b != pair.B.Id || label != pair.Label || source != pair.Source)
        {
            throw new PairStoreException(
                $"The pair id '{pair.Id}' is already stored in '{DatabasePath}' for another pair ({a} vs {b}, label {label.ToString(CultureInfo.InvariantCulture)}, source {source}); " +
                $"this one is {pair.A.Id} vs {pair.B.Id}, label {pair.Label.ToString(CultureInfo.InvariantCulture)}, source {pair.Source}. Give it a new id; nothing of this call was stored.");
        }

        if (rater != pair.Rater)
        {
            throw new PairStoreException(
                $"The pair id '{pair.Id}' is already stored in '{DatabasePath}' with {(rater is null ? "no rater" : "another rater")}; this call names {(pair.Rater is null ? "none" : "a different one")}. " +
                "A retried call carries the same rater; give a new judgement a new id. Nothing of this call was stored.");
        }
    }
}
