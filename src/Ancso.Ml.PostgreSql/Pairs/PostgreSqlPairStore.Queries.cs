using System.Runtime.CompilerServices;
using System.Text;

namespace Ancso.Ml.PostgreSql.Pairs;

internal sealed partial class PostgreSqlPairStore
{
    private const int StreamPageSize = 512;

    private string PairSelect => $"""
        SELECT {StoredRows.PairColumns}
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
                await using var command = new NpgsqlCommand($"SELECT {StoredRows.ItemColumns} FROM {_items} WHERE id = $1;", connection);
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = itemId });
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                return await reader.ReadAsync(ct).ConfigureAwait(false) ? _rows.ReadItem(reader, 0) : null;
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
                return await reader.ReadAsync(ct).ConfigureAwait(false) ? _rows.ReadPair(reader) : null;
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
                command.CommandText = $"SELECT {StoredRows.ItemColumns} FROM {_items}{where} ORDER BY seq LIMIT {query.Take} OFFSET {query.Skip};";
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                var items = new List<StoredItem>();
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    items.Add(_rows.ReadItem(reader, 0));
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
            page.Add((reader.GetInt64(StoredRows.PairSeqColumn), _rows.ReadPair(reader)));
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
}
