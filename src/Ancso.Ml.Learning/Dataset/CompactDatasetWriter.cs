using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Ancso.Ml.Learning.Dataset;

/// <summary>
/// Writes the compact dataset (<see cref="CompactDatasetLayout"/>) in one sequential pass, hashing exactly the bytes
/// written: each item's features go to the stream as the item is added; the item and pair tables and the strings are
/// kept in memory (about 40 bytes per pair plus its id) and written at the end. Low-cardinality strings (platforms,
/// sections, sources, tags) are stored once.
/// </summary>
public sealed class CompactDatasetWriter : IDisposable
{
    private const int FlushThreshold = 1 << 20;

    private readonly Stream _output;
    private readonly int _width;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly ArrayBufferWriter<byte> _pending = new(FlushThreshold + (1 << 16));
    private readonly ArrayBufferWriter<byte> _items = new();
    private readonly ArrayBufferWriter<byte> _pairs = new();
    private readonly ArrayBufferWriter<byte> _tags = new();
    private readonly ArrayBufferWriter<byte> _stringEnds = new();
    private readonly ArrayBufferWriter<byte> _stringBytes = new();
    private readonly Dictionary<string, uint> _shared = new(StringComparer.Ordinal);
    private uint _strings;
    private uint _tagCount;
    private int _itemCount;
    private int _pairCount;

    /// <summary>Creates a writer to <paramref name="output"/> (<see cref="Stream.Null"/> to compute only the hash).</summary>
    /// <param name="output">Where the file's bytes go, in one sequential pass.</param>
    /// <param name="width">The width of every feature vector.</param>
    public CompactDatasetWriter(Stream output, int width)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, CompactDatasetLayout.MaxWidth);
        _output = output;
        _width = width;
        var prefix = _pending.GetSpan(CompactDatasetLayout.PrefixSize);
        CompactDatasetLayout.Magic.CopyTo(prefix);
        BinaryPrimitives.WriteUInt32LittleEndian(prefix[8..], CompactDatasetLayout.Version);
        BinaryPrimitives.WriteUInt32LittleEndian(prefix[12..], (uint)width);
        _pending.Advance(CompactDatasetLayout.PrefixSize);
    }

    /// <summary>Gets the items written so far.</summary>
    public int ItemCount => _itemCount;

    /// <summary>Gets the pairs recorded so far.</summary>
    public int PairCount => _pairCount;

    /// <summary>Writes an item's features and records it; returns its index.</summary>
    /// <param name="id">The item's id, unique in the dataset.</param>
    /// <param name="platform">Its platform.</param>
    /// <param name="section">Its section.</param>
    /// <param name="features">Its features, of the writer's width, finite.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The item's index, for <see cref="AddPair"/>.</returns>
    public async ValueTask<int> AddItemAsync(string id, string platform, string section, ReadOnlyMemory<float> features, CancellationToken cancellationToken)
    {
        if (features.Length != _width)
        {
            throw new ArgumentException($"Item '{id}' has {features.Length} features; the dataset's width is {_width}.", nameof(features));
        }

        var record = _items.GetSpan(CompactDatasetLayout.ItemRecordSize);
        BinaryPrimitives.WriteUInt32LittleEndian(record, AddString(id));
        BinaryPrimitives.WriteUInt32LittleEndian(record[4..], Shared(platform));
        BinaryPrimitives.WriteUInt32LittleEndian(record[8..], Shared(section));
        _items.Advance(CompactDatasetLayout.ItemRecordSize);
        WriteFloats(features.Span);
        if (_pending.WrittenCount >= FlushThreshold)
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        return _itemCount++;
    }

    /// <summary>Records a pair of two items added before, with its rater's pseudonym (<see langword="null"/> when unattributed).</summary>
    /// <param name="pairId">The pair's id.</param>
    /// <param name="a">Item A's index.</param>
    /// <param name="b">Item B's index.</param>
    /// <param name="label">1 when A is better, -1 when B is.</param>
    /// <param name="source">The pair's source.</param>
    /// <param name="tags">The pair's tags.</param>
    /// <param name="createdAt">When the pair was recorded.</param>
    /// <param name="rater">The rater's pseudonym, or <see langword="null"/>.</param>
    public void AddPair(string pairId, int a, int b, int label, string source, IReadOnlyList<string> tags, DateTimeOffset createdAt, string? rater = null)
    {
        if ((uint)a >= (uint)_itemCount || (uint)b >= (uint)_itemCount || a == b || label is not (1 or -1))
        {
            throw new ArgumentException($"Pair '{pairId}' refers to items {a} and {b} of {_itemCount} with label {label}.", nameof(pairId));
        }

        var record = _pairs.GetSpan(CompactDatasetLayout.PairRecordSize);
        BinaryPrimitives.WriteUInt32LittleEndian(record, AddString(pairId));
        BinaryPrimitives.WriteUInt32LittleEndian(record[4..], (uint)a);
        BinaryPrimitives.WriteUInt32LittleEndian(record[8..], (uint)b);
        BinaryPrimitives.WriteUInt32LittleEndian(record[12..], Shared(source));
        BinaryPrimitives.WriteUInt32LittleEndian(record[16..], _tagCount);
        BinaryPrimitives.WriteUInt32LittleEndian(record[20..], (uint)tags.Count);
        BinaryPrimitives.WriteInt64LittleEndian(record[24..], createdAt.UtcTicks);
        BinaryPrimitives.WriteInt16LittleEndian(record[32..], checked((short)createdAt.Offset.TotalMinutes));
        record[34] = unchecked((byte)(sbyte)label);
        record[35] = 0;
        BinaryPrimitives.WriteUInt32LittleEndian(record[36..], rater is null ? CompactDatasetLayout.NoRater : Shared(rater));
        _pairs.Advance(CompactDatasetLayout.PairRecordSize);
        foreach (var tag in tags)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(_tags.GetSpan(sizeof(uint)), Shared(tag));
            _tags.Advance(sizeof(uint));
            _tagCount++;
        }

        _pairCount++;
    }

    /// <summary>Writes the tables and the footer, flushes, and returns <c>sha256:</c> and the hex hash of every byte written.</summary>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The hash, as the metadata's <c>dataset_hash</c> gives it.</returns>
    public async ValueTask<string> CompleteAsync(CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        foreach (var table in (ArrayBufferWriter<byte>[])[_items, _pairs, _tags, _stringEnds, _stringBytes])
        {
            await WriteAsync(table.WrittenMemory, cancellationToken).ConfigureAwait(false);
        }

        var footer = new byte[CompactDatasetLayout.FooterSize];
        BinaryPrimitives.WriteUInt32LittleEndian(footer, (uint)_itemCount);
        BinaryPrimitives.WriteUInt32LittleEndian(footer.AsSpan(4), (uint)_pairCount);
        BinaryPrimitives.WriteUInt32LittleEndian(footer.AsSpan(8), _tagCount);
        BinaryPrimitives.WriteUInt32LittleEndian(footer.AsSpan(12), _strings);
        BinaryPrimitives.WriteUInt64LittleEndian(footer.AsSpan(16), (ulong)_stringBytes.WrittenCount);
        CompactDatasetLayout.Magic.CopyTo(footer.AsSpan(32));
        await WriteAsync(footer, cancellationToken).ConfigureAwait(false);
        await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return PairDatasetFiles.HashPrefix + Convert.ToHexStringLower(_hash.GetHashAndReset());
    }

    /// <inheritdoc/>
    public void Dispose() => _hash.Dispose();

    private void WriteFloats(ReadOnlySpan<float> values)
    {
        var bytes = _pending.GetSpan(values.Length * sizeof(float));
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(values).CopyTo(bytes);
        }
        else
        {
            for (var i = 0; i < values.Length; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(bytes[(i * sizeof(float))..], values[i]);
            }
        }

        _pending.Advance(values.Length * sizeof(float));
    }

    private uint Shared(string value)
    {
        if (!_shared.TryGetValue(value, out var index))
        {
            index = AddString(value);
            _shared.Add(value, index);
        }

        return index;
    }

    private uint AddString(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        Encoding.UTF8.GetBytes(value, _stringBytes.GetSpan(length));
        _stringBytes.Advance(length);
        BinaryPrimitives.WriteUInt32LittleEndian(_stringEnds.GetSpan(sizeof(uint)), checked((uint)_stringBytes.WrittenCount));
        _stringEnds.Advance(sizeof(uint));
        return _strings++;
    }

    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending.WrittenCount > 0)
        {
            await WriteAsync(_pending.WrittenMemory, cancellationToken).ConfigureAwait(false);
            _pending.ResetWrittenCount();
        }
    }

    private async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        _hash.AppendData(bytes.Span);
        await _output.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
    }
}
