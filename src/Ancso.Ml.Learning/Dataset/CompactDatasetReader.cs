using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Ancso.Ml.IO;

namespace Ancso.Ml.Learning.Dataset;

/// <summary>
/// Reads the compact dataset file: the tables first (<see cref="CompactDatasetTables"/>), then the feature matrix in
/// one sequential pass, each vector checked to be finite. Into a sink, every byte is hashed in file order as it passes.
/// </summary>
internal static class CompactDatasetReader
{
    private const int ChunkBytes = 1 << 20;

    /// <summary>Reads the whole file into <paramref name="sink"/>; returns the hash of its bytes and its pair count.</summary>
    public static async Task<(string Hash, int Pairs)> ReadAsync(string path, int? width, IPairDatasetSink sink, CancellationToken cancellationToken)
    {
        using (var file = PairDatasetFormatException.Open(path, long.MaxValue))
        {
            var tables = await CompactDatasetTables.ReadAsync(file, path, width, cancellationToken).ConfigureAwait(false);
            sink.Reserve(tables.ItemCount, tables.Pairs.Length);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            hash.AppendData(tables.Prefix);
            var rowBytes = tables.Width * sizeof(float);
            var rowsPerChunk = Math.Max(1, ChunkBytes / rowBytes);
            var buffer = ArrayPool<byte>.Shared.Rent(rowsPerChunk * rowBytes);
            var floats = BitConverter.IsLittleEndian ? null : new float[tables.Width];
            try
            {
                var offset = CompactDatasetTables.FeaturesOffset;
                for (var first = 0; first < tables.ItemCount; first += rowsPerChunk)
                {
                    var rows = Math.Min(rowsPerChunk, tables.ItemCount - first);
                    var bytes = buffer.AsMemory(0, rows * rowBytes);
                    await CompactDatasetTables.ReadExactlyAsync(file, bytes, offset, cancellationToken).ConfigureAwait(false);
                    offset += bytes.Length;
                    hash.AppendData(bytes.Span);
                    for (var r = 0; r < rows; r++)
                    {
                        var item = first + r;
                        var features = Row(path, bytes.Span.Slice(r * rowBytes, rowBytes), item, floats);
                        sink.AddItem(new DatasetPosition(path, DatasetUnit.Item, item + 1), ItemField(item), tables.ItemIds[item], features);
                    }
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            hash.AppendData(tables.TableBytes);
            hash.AppendData(tables.Footer);
            for (var p = 0; p < tables.Pairs.Length; p++)
            {
                var pair = tables.Pairs[p];
                sink.AddPair(new DatasetPosition(path, DatasetUnit.Pair, p + 1), pair.PairId, pair.A, pair.B, pair.Label, pair.Source, pair.Rater, tables.TagsOf(pair));
            }

            return (PairDatasetFiles.HashPrefix + Convert.ToHexStringLower(hash.GetHashAndReset()), tables.Pairs.Length);
        }
    }

    /// <summary>Streams the pairs as rows, each with copies of both items' features (read from the file as needed).</summary>
    public static async IAsyncEnumerable<PairDatasetRow> ReadRowsAsync(string path, int? width, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using (var file = PairDatasetFormatException.Open(path, long.MaxValue))
        {
            var tables = await CompactDatasetTables.ReadAsync(file, path, width, cancellationToken).ConfigureAwait(false);
            var rowBytes = tables.Width * sizeof(float);
            var bytes = new byte[rowBytes];
            for (var p = 0; p < tables.Pairs.Length; p++)
            {
                var pair = tables.Pairs[p];
                var a = await ReadItemAsync(file, tables, pair.A, bytes, cancellationToken).ConfigureAwait(false);
                var b = await ReadItemAsync(file, tables, pair.B, bytes, cancellationToken).ConfigureAwait(false);
                yield return new PairDatasetRow
                {
                    LineNumber = p + 1,
                    PairId = pair.PairId,
                    AId = tables.ItemIds[pair.A],
                    BId = tables.ItemIds[pair.B],
                    Platform = tables.ItemPlatforms[pair.A],
                    Section = tables.ItemSections[pair.A],
                    Label = pair.Label,
                    Source = pair.Source,
                    Tags = tables.TagsOf(pair),
                    Rater = pair.Rater,
                    CreatedAt = pair.CreatedAt,
                    AFeatures = a,
                    BFeatures = b,
                };
            }
        }
    }

    private static async Task<float[]> ReadItemAsync(InputFile file, CompactDatasetTables tables, int item, byte[] bytes, CancellationToken cancellationToken)
    {
        var offset = CompactDatasetTables.FeaturesOffset + ((long)item * bytes.Length);
        await CompactDatasetTables.ReadExactlyAsync(file, bytes, offset, cancellationToken).ConfigureAwait(false);
        var floats = new float[tables.Width];
        var row = Row(tables.Path, bytes, item, BitConverter.IsLittleEndian ? null : floats);
        row.CopyTo(floats);
        return floats;
    }

    /// <summary>Views one feature row as floats (converting on a big-endian machine), checking every value is finite.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ReadOnlySpan<float> Row(string path, ReadOnlySpan<byte> bytes, int item, float[]? converted)
    {
        ReadOnlySpan<float> values;
        if (converted is null)
        {
            values = MemoryMarshal.Cast<byte, float>(bytes);
        }
        else
        {
            for (var i = 0; i < converted.Length; i++)
            {
                converted[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * sizeof(float))..]);
            }

            values = converted;
        }

        var bad = FiniteCheck.IndexOfNonFinite(values);
        if (bad >= 0)
        {
            throw new PairDatasetFormatException(path, null, string.Create(CultureInfo.InvariantCulture, $"{ItemField(item)}[{bad}]"),
                string.Create(CultureInfo.InvariantCulture, $"the value is {values[bad]}; features must be finite."));
        }

        return values;
    }

    private static string ItemField(int item) => string.Create(CultureInfo.InvariantCulture, $"items[{item}].features");
}
