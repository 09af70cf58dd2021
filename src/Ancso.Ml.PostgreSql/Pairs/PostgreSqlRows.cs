using System.Data.Common;
using Ancso.Ml.Metrics;

namespace Ancso.Ml.PostgreSql.Pairs;

/// <summary>Rows as the PostgreSQL store keeps them: the label as a <c>smallint</c>, tags and metrics as arrays, times as <c>timestamptz</c>.</summary>
/// <param name="database">How messages about a damaged value name the database.</param>
internal sealed class PostgreSqlRows(string database) : StoredRows
{
    protected override int ReadLabel(DbDataReader reader, int column) => reader.GetInt16(column);

    protected override IReadOnlyList<string> ReadTags(DbDataReader reader, int column, string pairId) =>
        StoredValues.ReadTags(reader.GetFieldValue<string?[]>(column), pairId, database);

    protected override ContentMetrics? ReadMetrics(DbDataReader reader, int column, string itemId) =>
        StoredValues.ReadMetrics(reader.IsDBNull(column) ? null : reader.GetFieldValue<float?[]>(column), itemId, database);

    protected override DateTimeOffset ReadTime(DbDataReader reader, int column) => reader.GetFieldValue<DateTimeOffset>(column);
}
