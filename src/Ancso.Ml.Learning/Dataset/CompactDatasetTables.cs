using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;
using Ancso.Ml.IO;
using Ancso.Ml.Pairs.Signals;

namespace Ancso.Ml.Learning.Dataset;

/// <summary>
/// Everything of a compact dataset file but its feature matrix, read and checked: the prefix, the footer, the length the
/// counts imply against the file's, every string (UTF-8, in range, ids not empty), every item (unique id, platform and
/// section) and every pair (items in range and distinct, of one platform and section, label, source, tags, time).
/// </summary>
internal sealed class CompactDatasetTables
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly string[] _strings;
    private readonly ArraySegment<byte> _tagTable;

    private CompactDatasetTables(
        string path, int width, byte[] prefix, byte[] tables, byte[] footer, string[] strings, ArraySegment<byte> tagTable, string[] itemIds, string[] itemPlatforms, string[] itemSections, CompactPair[] pairs)
    {
        _strings = strings;
        _tagTable = tagTable;
        Path = path;
        Width = width;
        Prefix = prefix;
        TableBytes = tables;
        Footer = footer;
        ItemIds = itemIds;
        ItemPlatforms = itemPlatforms;
        ItemSections = itemSections;
        Pairs = pairs;
    }

    public string Path { get; }

    public int Width { get; }

    public int ItemCount => ItemIds.Length;

    public string[] ItemIds { get; }

    public string[] ItemPlatforms { get; }

    public string[] ItemSections { get; }

    public CompactPair[] Pairs { get; }

    /// <summary>Gets the first <see cref="CompactDatasetLayout.PrefixSize"/> bytes, as read (for the hash).</summary>
    public byte[] Prefix { get; }

    /// <summary>Gets the bytes from the end of the feature matrix to the footer, as read (for the hash).</summary>
    public byte[] TableBytes { get; }

    /// <summary>Gets the footer, as read (for the hash).</summary>
    public byte[] Footer { get; }

    /// <summary>Gets the offset of the feature matrix.</summary>
    public static long FeaturesOffset => CompactDatasetLayout.PrefixSize;

    /// <summary>Reads and checks everything but the features.</summary>
    /// <param name="file">The open file.</param>
    /// <param name="path">Its path, for messages.</param>
    /// <param name="expectedWidth">The width the metadata gives, or <see langword="null"/> to take the file's.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static async Task<CompactDatasetTables> ReadAsync(InputFile file, string path, int? expectedWidth, CancellationToken cancellationToken)
    {
        var length = file.Length;
        if (length < CompactDatasetLayout.PrefixSize + CompactDatasetLayout.FooterSize)
        {
            throw Error(path, null, $"the file is {length} bytes; a compact dataset has at least {CompactDatasetLayout.PrefixSize + CompactDatasetLayout.FooterSize}. It is truncated or not a compact dataset.");
        }

        var prefix = new byte[CompactDatasetLayout.PrefixSize];
        await ReadExactlyAsync(file, prefix, 0, cancellationToken).ConfigureAwait(false);
        if (!prefix.AsSpan(0, 8).SequenceEqual(CompactDatasetLayout.Magic))
        {
            throw Error(path, "magic", "the file does not start with 'ANCSOPDS': it is not a compact dataset.");
        }

        var version = BinaryPrimitives.ReadUInt32LittleEndian(prefix.AsSpan(8));
        if (version is not (CompactDatasetLayout.FirstVersion or CompactDatasetLayout.Version))
        {
            throw Error(path, "version", $"the file has format version {version}; this library reads versions {CompactDatasetLayout.FirstVersion} to {CompactDatasetLayout.Version}. Export the dataset again with this version, or upgrade the library.");
        }

        var pairRecordSize = CompactDatasetLayout.PairRecordSizeOf(version);

        var width = BinaryPrimitives.ReadUInt32LittleEndian(prefix.AsSpan(12));
        if (width is 0 or > CompactDatasetLayout.MaxWidth)
        {
            throw Error(path, "width", $"the feature width is {width}; it must be from 1 to {CompactDatasetLayout.MaxWidth}.");
        }

        if (expectedWidth is { } expected && width != expected)
        {
            throw Error(path, "width", $"the file's vectors have {width} values; the metadata's feature_names give {expected}.");
        }

        var footer = new byte[CompactDatasetLayout.FooterSize];
        await ReadExactlyAsync(file, footer, length - CompactDatasetLayout.FooterSize, cancellationToken).ConfigureAwait(false);
        if (!footer.AsSpan(32, 8).SequenceEqual(CompactDatasetLayout.Magic))
        {
            throw Error(path, "footer", "the file does not end with 'ANCSOPDS': it is truncated or was not written by the exporter.");
        }

        var items = Count(path, "item_count", BinaryPrimitives.ReadUInt32LittleEndian(footer));
        var pairs = Count(path, "pair_count", BinaryPrimitives.ReadUInt32LittleEndian(footer.AsSpan(4)));
        var tags = Count(path, "tag_count", BinaryPrimitives.ReadUInt32LittleEndian(footer.AsSpan(8)));
        var strings = Count(path, "string_count", BinaryPrimitives.ReadUInt32LittleEndian(footer.AsSpan(12)));
        var stringBytes = BinaryPrimitives.ReadUInt64LittleEndian(footer.AsSpan(16));
        if (BinaryPrimitives.ReadUInt64LittleEndian(footer.AsSpan(24)) != 0)
        {
            throw Error(path, "footer", "the reserved footer bytes are not zero.");
        }

        var expectedLength = stringBytes > int.MaxValue ? -1 : CompactDatasetLayout.FileLength((int)width, items, pairs, tags, strings, (long)stringBytes, pairRecordSize);
        if (expectedLength != length)
        {
            throw Error(path, null, string.Create(CultureInfo.InvariantCulture,
                $"the file is {length} bytes, but its footer ({items} items of width {width}, {pairs} pairs, {tags} tags, {strings} strings of {stringBytes} bytes) needs {(expectedLength < 0 ? "more than a file can hold" : expectedLength.ToString(CultureInfo.InvariantCulture))}: it is truncated or corrupt."));
        }

        var tablesOffset = FeaturesOffset + ((long)items * width * sizeof(float));
        var tablesLength = length - CompactDatasetLayout.FooterSize - tablesOffset;
        if (tablesLength > Array.MaxLength)
        {
            throw Error(path, null, $"the item, pair and string tables take {tablesLength} bytes; at most {Array.MaxLength} are read.");
        }

        var tables = new byte[tablesLength];
        await ReadExactlyAsync(file, tables, tablesOffset, cancellationToken).ConfigureAwait(false);
        var itemTable = tables.AsSpan(0, items * CompactDatasetLayout.ItemRecordSize);
        var pairTable = tables.AsSpan(itemTable.Length, pairs * pairRecordSize);
        var tagTable = tables.AsSpan(itemTable.Length + pairTable.Length, tags * sizeof(uint));
        var endTable = tables.AsSpan(itemTable.Length + pairTable.Length + tagTable.Length, strings * sizeof(uint));
        var text = tables.AsSpan(itemTable.Length + pairTable.Length + tagTable.Length + endTable.Length);

        var decoded = DecodeStrings(path, endTable, text);
        var (ids, platforms, sections) = ReadItems(path, itemTable, decoded);
        var pairRecords = ReadPairs(path, pairTable, pairRecordSize, tagTable, decoded, platforms, sections);
        var tagSegment = new ArraySegment<byte>(tables, itemTable.Length + pairTable.Length, tagTable.Length);
        return new CompactDatasetTables(path, (int)width, prefix, tables, footer, decoded, tagSegment, ids, platforms, sections, pairRecords);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string[] DecodeStrings(string path, ReadOnlySpan<byte> ends, ReadOnlySpan<byte> text)
    {
        var strings = new string[ends.Length / sizeof(uint)];
        var start = 0u;
        for (var i = 0; i < strings.Length; i++)
        {
            var end = BinaryPrimitives.ReadUInt32LittleEndian(ends[(i * sizeof(uint))..]);
            if (end < start || end > (uint)text.Length)
            {
                throw Error(path, Field("strings", i), $"the string ends at byte {end}, before it starts ({start}) or after the {text.Length} string bytes.");
            }

            try
            {
                strings[i] = StrictUtf8.GetString(text[(int)start..(int)end]);
            }
            catch (DecoderFallbackException e)
            {
                throw Error(path, Field("strings", i), "the string is not valid UTF-8.", e);
            }

            start = end;
        }

        if (start != (uint)text.Length)
        {
            throw Error(path, "strings", $"the strings end at byte {start} of {text.Length}: bytes are left over.");
        }

        return strings;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (string[] Ids, string[] Platforms, string[] Sections) ReadItems(string path, ReadOnlySpan<byte> table, string[] strings)
    {
        var count = table.Length / CompactDatasetLayout.ItemRecordSize;
        var ids = new string[count];
        var platforms = new string[count];
        var sections = new string[count];
        var seen = new Dictionary<string, int>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var record = table.Slice(i * CompactDatasetLayout.ItemRecordSize, CompactDatasetLayout.ItemRecordSize);
            ids[i] = String(path, strings, record, 0, i, "items", "id");
            platforms[i] = String(path, strings, record, 4, i, "items", "platform");
            sections[i] = String(path, strings, record, 8, i, "items", "section");
            if (!seen.TryAdd(ids[i], i))
            {
                throw Error(path, Field("items", i, "id"), $"item id '{ids[i]}' is also item {seen[ids[i]]}; each item is stored once.");
            }
        }

        return (ids, platforms, sections);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static CompactPair[] ReadPairs(string path, ReadOnlySpan<byte> table, int recordSize, ReadOnlySpan<byte> tagTable, string[] strings, string[] platforms, string[] sections)
    {
        var count = table.Length / recordSize;
        var tagCount = (uint)(tagTable.Length / sizeof(uint));
        var pairs = new CompactPair[count];
        var used = new bool[platforms.Length];
        var nextTag = 0u;
        for (var i = 0; i < count; i++)
        {
            var record = table.Slice(i * recordSize, recordSize);
            var id = String(path, strings, record, 0, i, "pairs", "pair_id");
            var a = Item(path, record, 4, i, "a", platforms.Length);
            var b = Item(path, record, 8, i, "b", platforms.Length);
            if (a == b)
            {
                throw Error(path, Field("pairs", i, "b"), $"item {a} is on both sides of the pair.");
            }

            if (!string.Equals(platforms[a], platforms[b], StringComparison.Ordinal) || !string.Equals(sections[a], sections[b], StringComparison.Ordinal))
            {
                throw Error(path, Field("pairs", i, "b"), $"the pair compares {platforms[a]}/{sections[a]} with {platforms[b]}/{sections[b]}; both items of a pair have one platform and section.");
            }

            var source = String(path, strings, record, 12, i, "pairs", "source");
            if (!PairSources.IsKnown(source))
            {
                throw Error(path, Field("pairs", i, "source"), $"'{source}' is not a source; expected one of {string.Join(", ", PairSources.All)}.");
            }

            // Each pair's tags follow the previous pair's, as the exporter writes them, so the tag table is read once
            // in all: a file cannot make the reader (or a later TagsOf per pair) pay for pairs × tags.
            var firstTag = BinaryPrimitives.ReadUInt32LittleEndian(record[16..]);
            var tags = BinaryPrimitives.ReadUInt32LittleEndian(record[20..]);
            if (firstTag != nextTag)
            {
                throw Error(path, Field("pairs", i, "tags"), $"the tags start at {firstTag}; they must follow the previous pair's, at {nextTag}.");
            }

            if (tags > tagCount - firstTag)
            {
                throw Error(path, Field("pairs", i, "tags"), $"tags {firstTag} to {(ulong)firstTag + tags} are out of the {tagCount} stored.");
            }

            for (var t = firstTag; t < firstTag + tags; t++)
            {
                _ = String(path, strings, tagTable, (int)(t * sizeof(uint)), i, "pairs", "tags");
            }

            nextTag = firstTag + tags;
            var ticks = BinaryPrimitives.ReadInt64LittleEndian(record[24..]);
            var offset = BinaryPrimitives.ReadInt16LittleEndian(record[32..]);
            if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks || offset is < -840 or > 840)
            {
                throw Error(path, Field("pairs", i, "created_at"), $"{ticks} UTC ticks at offset {offset} minutes is not a time.");
            }

            DateTimeOffset createdAt;
            try
            {
                createdAt = new DateTimeOffset(ticks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(offset));
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw Error(path, Field("pairs", i, "created_at"), $"{ticks} UTC ticks at offset {offset} minutes is not a time.", e);
            }

            var label = unchecked((sbyte)record[34]);
            if (label is not (1 or -1))
            {
                throw Error(path, Field("pairs", i, "label"), $"expected 1 or -1, found {label}.");
            }

            if (record[35] != 0)
            {
                throw Error(path, Field("pairs", i), "the reserved byte is not zero.");
            }

            string? rater = null;
            if (recordSize > CompactDatasetLayout.FirstVersionPairRecordSize && BinaryPrimitives.ReadUInt32LittleEndian(record[36..]) != CompactDatasetLayout.NoRater)
            {
                rater = String(path, strings, record, 36, i, "pairs", "rater");
                if (!RaterPseudonyms.IsValid(rater))
                {
                    throw Error(path, Field("pairs", i, "rater"), "the value is not a rater pseudonym ('r_' and 32 lower-case hex digits); the dataset never holds a person's id.");
                }

                if (source == PairSources.Bootstrap)
                {
                    throw Error(path, Field("pairs", i, "rater"), "a bootstrap pair has no rater; bootstrap pairs are generated, not judged by a person.");
                }
            }

            used[a] = used[b] = true;
            pairs[i] = new CompactPair(id, a, b, label, source, firstTag, tags, createdAt, rater);
        }

        if (nextTag != tagCount)
        {
            throw Error(path, "tags", $"the pairs use tags 0 to {nextTag} of the {tagCount} stored: tags are left over.");
        }

        var unused = Array.IndexOf(used, false);
        if (unused >= 0)
        {
            throw Error(path, Field("items", unused), "no pair refers to the item; the exporter stores only items of pairs.");
        }

        return pairs;
    }

    /// <summary>Gets the tags of a pair.</summary>
    public string[] TagsOf(in CompactPair pair)
    {
        if (pair.TagCount == 0)
        {
            return [];
        }

        var tags = new string[pair.TagCount];
        for (var t = 0; t < tags.Length; t++)
        {
            tags[t] = _strings[BinaryPrimitives.ReadUInt32LittleEndian(_tagTable.AsSpan((int)((pair.FirstTag + t) * sizeof(uint))))];
        }

        return tags;
    }

    /// <summary>Fills <paramref name="buffer"/> from <paramref name="offset"/>; a file that ends first was cut short while being read.</summary>
    internal static async Task ReadExactlyAsync(InputFile file, Memory<byte> buffer, long offset, CancellationToken cancellationToken)
    {
        try
        {
            await file.ReadExactlyAsync(buffer, offset, cancellationToken).ConfigureAwait(false);
        }
        catch (InputFileException ex)
        {
            throw Error(file.Path, null, "the file " + ex.Reason, ex);
        }
    }

    private static int Count(string path, string field, uint value) =>
        value <= int.MaxValue ? (int)value : throw Error(path, field, $"the count is {value}; at most {int.MaxValue}.");

    private static int Item(string path, ReadOnlySpan<byte> record, int at, int pair, string field, int items)
    {
        var index = BinaryPrimitives.ReadUInt32LittleEndian(record[at..]);
        return index < (uint)items ? (int)index : throw Error(path, Field("pairs", pair, field), $"item {index} is out of range: the file holds {items} items.");
    }

    private static string String(string path, string[] strings, ReadOnlySpan<byte> record, int at, int index, string table, string field)
    {
        var reference = BinaryPrimitives.ReadUInt32LittleEndian(record[at..]);
        if (reference >= (uint)strings.Length)
        {
            throw Error(path, Field(table, index, field), $"string {reference} is out of range: the file holds {strings.Length} strings.");
        }

        var value = strings[reference];
        return value.Length > 0 ? value : throw Error(path, Field(table, index, field), "the value is empty.");
    }

    private static string Field(string table, int index, string? field = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{table}[{index}]{(field is null ? "" : "." + field)}");

    internal static PairDatasetFormatException Error(string path, string? field, string problem, Exception? inner = null) =>
        new(path, null, field, problem, inner);
}

/// <summary>A pair of a compact file: its id, item indices, label, source, tag range, time and rater.</summary>
internal readonly record struct CompactPair(string PairId, int A, int B, int Label, string Source, uint FirstTag, uint TagCount, DateTimeOffset CreatedAt, string? Rater);
