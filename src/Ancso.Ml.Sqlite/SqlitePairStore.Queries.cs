using System.Runtime.CompilerServices;

namespace Ancso.Ml.Sqlite;

internal sealed partial class SqlitePairStore
{
    private const int StreamPageSize = 512;

    private const string PairSelect = $"""
        SELECT {StoredRows.PairColumns}
        FROM pairs p
        JOIN items a ON a.id = p.item_a
        JOIN items b ON b.id = p.item_b
        """;

    public Task<StoredItem?> GetItemAsync(string itemId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(itemId);
        return ReadAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"SELECT {StoredRows.ItemColumns} FROM items WHERE id = $id;";
                command.Parameters.AddWithValue("$id", itemId);
                using var reader = command.ExecuteReader();
                return reader.Read() ? SqliteRows.Instance.ReadItem(reader, 0) : null;
            },
            cancellationToken);
    }

    public Task<StoredPair?> GetPairAsync(string pairId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pairId);
        return ReadAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = PairSelect + " WHERE p.id = $id;";
                command.Parameters.AddWithValue("$id", pairId);
                using var reader = command.ExecuteReader();
                return reader.Read() ? SqliteRows.Instance.ReadPair(reader) : null;
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<StoredItem>> ListItemsAsync(ItemQuery? query = null, CancellationToken cancellationToken = default)
    {
        query = PairStoreArguments.CheckItemQuery(query);

        return ReadAsync<IReadOnlyList<StoredItem>>(
            connection =>
            {
                using var command = connection.CreateCommand();
                var where = ItemWhere(command, query.Platform, query.Section);
                command.CommandText = $"SELECT {StoredRows.ItemColumns} FROM items{where} ORDER BY seq LIMIT $take OFFSET $skip;";
                command.Parameters.AddWithValue("$take", query.Take);
                command.Parameters.AddWithValue("$skip", query.Skip);
                using var reader = command.ExecuteReader();
                var items = new List<StoredItem>();
                while (reader.Read())
                {
                    items.Add(SqliteRows.Instance.ReadItem(reader, 0));
                }

                return items;
            },
            cancellationToken);
    }

    public Task<int> CountItemsAsync(string? platform = null, string? section = null, CancellationToken cancellationToken = default) =>
        ReadAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT COUNT(*) FROM items" + ItemWhere(command, platform, section) + ";";
                return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            },
            cancellationToken);

    public Task<PairCounts> CountPairsAsync(PairFilter? filter = null, CancellationToken cancellationToken = default) =>
        ReadAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT source, platform, section, COUNT(*) FROM pairs p" + PairWhere(command, filter) +
                    " GROUP BY source, platform, section;";
                var counts = new PairCountsBuilder();
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    counts.Add(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3));
                }

                return counts.Build();
            },
            cancellationToken);

    public async IAsyncEnumerable<StoredPair> StreamPairsAsync(PairFilter? filter = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Pairs are only ever added or erased, and a number is never given twice, so "every pair up to the newest at the
        // start" is a consistent set (less any erased meanwhile). It is read in short pages rather than one long read
        // transaction, which would keep SQLite from checkpointing the WAL while writers (including the exporter's
        // embedding cache) keep appending to it.
        var newest = await ReadAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT COALESCE(MAX(seq), 0) FROM pairs;";
                return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            },
            cancellationToken).ConfigureAwait(false);
        var pages = StoredPairPages.StreamAsync(
            newest, after => ReadAsync(connection => ReadPage(connection, filter, after, newest), cancellationToken), cancellationToken);
        await foreach (var pair in pages.ConfigureAwait(false))
        {
            yield return pair;
        }
    }

    private static List<(long Seq, StoredPair Pair)> ReadPage(SqliteConnection connection, PairFilter? filter, long after, long newest)
    {
        using var command = connection.CreateCommand();
        var where = PairWhere(command, filter);
        command.CommandText = PairSelect + (where.Length == 0 ? " WHERE " : where + " AND ") + "p.seq > $after AND p.seq <= $newest ORDER BY p.seq LIMIT $page;";
        command.Parameters.AddWithValue("$after", after);
        command.Parameters.AddWithValue("$newest", newest);
        command.Parameters.AddWithValue("$page", StreamPageSize);
        using var reader = command.ExecuteReader();
        var page = new List<(long, StoredPair)>(StreamPageSize);
        while (reader.Read())
        {
            page.Add((reader.GetInt64(StoredRows.PairSeqColumn), SqliteRows.Instance.ReadPair(reader)));
        }

        return page;
    }

    private static string ItemWhere(SqliteCommand command, string? platform, string? section)
    {
        var where = new StringBuilder();
        Condition(command, where, "platform", "$platform", platform);
        Condition(command, where, "section", "$section", section);
        return where.ToString();
    }

    private static string PairWhere(SqliteCommand command, PairFilter? filter)
    {
        var where = new StringBuilder();
        Condition(command, where, "p.platform", "$platform", filter?.Platform);
        Condition(command, where, "p.section", "$section", filter?.Section);
        Condition(command, where, "p.source", "$source", filter?.Source);
        return where.ToString();
    }

    private static void Condition(SqliteCommand command, StringBuilder where, string column, string parameter, string? value)
    {
        if (value is null)
        {
            return;
        }

        where.Append(where.Length == 0 ? " WHERE " : " AND ").Append(column).Append(" = ").Append(parameter);
        command.Parameters.AddWithValue(parameter, value);
    }
}
