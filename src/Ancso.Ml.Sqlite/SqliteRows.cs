using System.Data.Common;
using Ancso.Ml.Metrics;

namespace Ancso.Ml.Sqlite;

/// <summary>Rows as the SQLite store keeps them: the label as an integer, tags and metrics as JSON, times as Unix milliseconds.</summary>
internal sealed class SqliteRows : StoredRows
{
    public static readonly SqliteRows Instance = new();

    protected override int ReadLabel(DbDataReader reader, int column) => reader.GetInt32(column);

    protected override IReadOnlyList<string> ReadTags(DbDataReader reader, int column, string pairId) => StoredJson.ReadTags(reader.GetString(column), pairId);

    protected override ContentMetrics? ReadMetrics(DbDataReader reader, int column, string itemId) =>
        StoredJson.ReadMetrics(reader.IsDBNull(column) ? null : reader.GetString(column), itemId);

    protected override DateTimeOffset ReadTime(DbDataReader reader, int column) => DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(column));
}
