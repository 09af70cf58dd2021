using System.Data.Common;
using Ancso.Ml.Metrics;

namespace Ancso.Ml.Pairs.Storage;

/// <summary>
/// The columns the SQLite and PostgreSQL stores select for an item and for a pair, and how such a row becomes a
/// <see cref="StoredItem"/> or <see cref="StoredPair"/> (compiled into each store package). A store says how its
/// database keeps a label, tags, metrics and times.
/// </summary>
internal abstract class StoredRows
{
    /// <summary>An item's columns, in the order <see cref="ReadItem"/> reads them.</summary>
    public const string ItemColumns = "id, platform, section, text, content_hash, text_hash, metrics, created_at";

    /// <summary>
    /// A pair's columns, in the order <see cref="ReadPair"/> reads them: those of the pair <c>p</c>, the
    /// <see cref="ItemColumns"/> of its items <c>a</c> and <c>b</c>, then its sequence number and rater.
    /// </summary>
    public const string PairColumns = """
        p.id, p.label, p.source, p.tags, p.note, p.created_at,
               a.id, a.platform, a.section, a.text, a.content_hash, a.text_hash, a.metrics, a.created_at,
               b.id, b.platform, b.section, b.text, b.content_hash, b.text_hash, b.metrics, b.created_at,
               p.seq, p.rater
        """;

    /// <summary>The column of a pair's sequence number in <see cref="PairColumns"/>.</summary>
    public const int PairSeqColumn = 22;

    private const int ItemColumnCount = 8;
    private const int PairRaterColumn = 23;

    /// <summary>Reads a pair selected as <see cref="PairColumns"/>.</summary>
    public StoredPair ReadPair(DbDataReader reader)
    {
        var id = reader.GetString(0);
        var better = ReadLabel(reader, 1) == 1 ? PairSide.A : PairSide.B;
        var tags = ReadTags(reader, 3, id);
        var note = reader.IsDBNull(4) ? null : reader.GetString(4);
        var createdAt = ReadTime(reader, 5);
        var a = ReadItem(reader, 6);
        var b = ReadItem(reader, 6 + ItemColumnCount);
        var rater = reader.IsDBNull(PairRaterColumn) ? null : reader.GetString(PairRaterColumn);
        return new StoredPair(id, a, b, better, reader.GetString(2), tags, note, createdAt) { Rater = rater, Sequence = reader.GetInt64(PairSeqColumn) };
    }

    /// <summary>Reads an item selected as <see cref="ItemColumns"/> from column <paramref name="first"/> on.</summary>
    public StoredItem ReadItem(DbDataReader reader, int first)
    {
        var id = reader.GetString(first);
        return new StoredItem(
            id,
            reader.GetString(first + 1),
            reader.GetString(first + 2),
            reader.GetString(first + 3),
            reader.GetString(first + 4),
            reader.GetString(first + 5),
            ReadMetrics(reader, first + 6, id),
            ReadTime(reader, first + 7));
    }

    /// <summary>Reads a pair's label: 1 when A is better, -1 when B is.</summary>
    protected abstract int ReadLabel(DbDataReader reader, int column);

    /// <summary>Reads the tags of pair <paramref name="pairId"/>.</summary>
    protected abstract IReadOnlyList<string> ReadTags(DbDataReader reader, int column, string pairId);

    /// <summary>Reads the metrics of item <paramref name="itemId"/>, or <see langword="null"/> where none were stored.</summary>
    protected abstract ContentMetrics? ReadMetrics(DbDataReader reader, int column, string itemId);

    /// <summary>Reads a time the pair or item was stored.</summary>
    protected abstract DateTimeOffset ReadTime(DbDataReader reader, int column);
}
