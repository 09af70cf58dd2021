using System.Runtime.CompilerServices;
using System.Text;
using Ancso.Ml.Pairs.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Ancso.Ml.PostgreSql.Pairs;

internal sealed partial class PostgreSqlPairStore
{
    private const string ItemColumns = "id, platform, section, text, content_hash, text_hash, metrics, created_at";
    private const int ItemColumnCount = 8;
    private const int StreamPageSize = 512;
    private const int PairSeqColumn = 22;
    private const int PairRaterColumn = 23;

    private string PairSelect => $"""
        SELECT p.id, p.label, p.source, p.tags, p.note, p.created_at,
               a.id, a.platform, a.section, a.text, a.content_hash, a.text_hash, a.metrics, a.created_at,
               b.id, b.platform, b.section, b.text, b.content_hash, b.text_hash, b.metrics, b.created_at,
               p.seq, p.rater
        FROM {_pairs} p
        JOIN {_items} a ON a.id = p.item_a
        JOIN {_items} b ON b.id = p.item_b
        """;

    public Task<StoredItem?> GetItemAsync(string itemId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(itemId);
        return ReadAsync(
            async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand($"SELECT {ItemColumns} FROM {_items} WHERE id = $1;", connection);
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = itemId });
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                return await reader.ReadAsync(ct).ConfigureAwait(false) ? ReadItem(reader, 0) : null;
            },
            cancellationToken);
    }

    public Task<StoredPair?> GetPairAsync(string pairId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pairId);
        return ReadAsync(
            async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand(PairSelect + " WHERE p.id = $1;", connection);
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = pairId });
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                return await reader.ReadAsync(ct).ConfigureAwait(false) ? ReadPair(reader) : null;
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<StoredItem>> ListItemsAsync(ItemQuery? query = null, CancellationToken cancellationToken = default)
    {
        query = PairStoreArguments.CheckItemQuery(query);

        return ReadAsync<IReadOnlyList<StoredItem>>(
            async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand { Connection = connection };
                var where = Where(command, ("platform", query.Platform), ("section", query.Section));
                command.CommandText = $"SELECT {ItemColumns} FROM {_items}{where} ORDER BY seq LIMIT {query.Take} OFFSET {query.Skip};";
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                var items = new List<StoredItem>();
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    items.Add(ReadItem(reader, 0));
                }

                return items;
            },
            cancellationToken);
    }

    public Task<int> CountItemsAsync(string? platform = null, string? section = null, CancellationToken cancellationToken = default) =>
        ReadAsync(
            async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand { Connection = connection };
                command.CommandText = $"SELECT count(*) FROM {_items}{Where(command, ("platform", platform), ("section", section))};";
                return (int)(long)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
            },
            cancellationToken);

    public Task<PairCounts> CountPairsAsync(PairFilter? filter = null, CancellationToken cancellationToken = default) =>
        ReadAsync(
            async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand { Connection = connection };
                command.CommandText = $"SELECT source, platform, section, count(*) FROM {_pairs} p{PairWhere(command, filter)} GROUP BY source, platform, section;";
                var counts = new PairCountsBuilder();
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    counts.Add(reader.GetString(0), reader.GetString(1), reader.GetString(2), (int)reader.GetInt64(3));
                }

                return counts.Build();
            },
            cancellationToken);

    public async IAsyncEnumerable<StoredPair> StreamPairsAsync(PairFilter? filter = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // The set is every pair whose transaction had committed when the call began: the snapshot taken now decides, page
        // after page, so a pair committed meanwhile (even one that drew a lower seq and committed late) is left out, and
        // no transaction stays open between pages.
        var (snapshot, newest) = await ReadAsync(
            async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand($"SELECT pg_current_snapshot()::text, COALESCE(MAX(seq), 0) FROM {_pairs};", connection);
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                await reader.ReadAsync(ct).ConfigureAwait(false);
                return (reader.GetString(0), reader.GetInt64(1));
            },
            cancellationToken).ConfigureAwait(false);
        var pages = StoredPairPages.StreamAsync(
            newest, after => ReadAsync((connection, ct) => ReadPageAsync(connection, filter, snapshot, after, newest, ct), cancellationToken), cancellationToken);
        await foreach (var pair in pages.ConfigureAwait(false))
        {
            yield return pair;
        }
    }

    private async Task<List<(long Seq, StoredPair Pair)>> ReadPageAsync(
        NpgsqlConnection connection, PairFilter? filter, string snapshot, long after, long newest, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand { Connection = connection };
        var where = PairWhere(command, filter);
        command.Parameters.Add(new NpgsqlParameter<long>("after", after));
        command.Parameters.Add(new NpgsqlParameter<long>("newest", newest));
        command.Parameters.Add(new NpgsqlParameter<string>("snapshot", snapshot));
        command.CommandText = PairSelect + (where.Length == 0 ? " WHERE " : where + " AND ") +
            $"p.seq > @after AND p.seq <= @newest AND pg_visible_in_snapshot(p.xact, @snapshot::pg_snapshot) ORDER BY p.seq LIMIT {StreamPageSize};";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var page = new List<(long, StoredPair)>(StreamPageSize);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            page.Add((reader.GetInt64(PairSeqColumn), ReadPair(reader)));
        }

        return page;
    }

    private static string PairWhere(NpgsqlCommand command, PairFilter? filter) =>
        Where(command, ("p.platform", filter?.Platform), ("p.section", filter?.Section), ("p.source", filter?.Source));

    private static string Where(NpgsqlCommand command, params (string Column, string? Value)[] conditions)
    {
        var where = new StringBuilder();
        foreach (var (column, value) in conditions)
        {
            if (value is null)
            {
                continue;
            }

            var name = "w" + command.Parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            where.Append(where.Length == 0 ? " WHERE " : " AND ").Append(column).Append(" = @").Append(name);
            command.Parameters.Add(new NpgsqlParameter<string>(name, value) { NpgsqlDbType = NpgsqlDbType.Text });
        }

        return where.ToString();
    }

    private StoredPair ReadPair(NpgsqlDataReader reader)
    {
        var id = reader.GetString(0);
        var better = reader.GetInt16(1) == 1 ? PairSide.A : PairSide.B;
        var tags = StoredValues.ReadTags(reader.GetFieldValue<string?[]>(3), id, Description);
        var note = reader.IsDBNull(4) ? null : reader.GetString(4);
        var createdAt = reader.GetFieldValue<DateTimeOffset>(5);
        var a = ReadItem(reader, 6);
        var b = ReadItem(reader, 6 + ItemColumnCount);
        var rater = reader.IsDBNull(PairRaterColumn) ? null : reader.GetString(PairRaterColumn);
        return new StoredPair(id, a, b, better, reader.GetString(2), tags, note, createdAt) { Rater = rater, Sequence = reader.GetInt64(PairSeqColumn) };
    }

    private StoredItem ReadItem(NpgsqlDataReader reader, int first)
    {
        var id = reader.GetString(first);
        return new StoredItem(
            id,
            reader.GetString(first + 1),
            reader.GetString(first + 2),
            reader.GetString(first + 3),
            reader.GetString(first + 4),
            reader.GetString(first + 5),
            StoredValues.ReadMetrics(reader.IsDBNull(first + 6) ? null : reader.GetFieldValue<float?[]>(first + 6), id, Description),
            reader.GetFieldValue<DateTimeOffset>(first + 7));
    }
}
