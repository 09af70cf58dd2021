using System.Buffers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using Ancso.Ml.IO;
using Ancso.Ml.Metrics;

namespace Ancso.Ml.Pairs.Export;

/// <summary>
/// Reads a dataset written by <see cref="IPairDatasetExporter"/>: <c>metadata.json</c> whole, <c>dataset.jsonl</c> as a
/// stream of rows. Strict: anything malformed (a missing, repeated, unknown or mistyped field, a vector of the wrong
/// width, a truncated last line) stops the read with a <see cref="PairDatasetFormatException"/> naming file, line and field.
/// </summary>
public static class PairDatasetReader
{
    /// <summary>The longest line read: 256 MiB (a row at the largest embedding dimension is under 2 MB).</summary>
    internal const int MaxLineBytes = 256 << 20;

    /// <summary>The largest <c>metadata.json</c> read: 16 MiB.</summary>
    internal const int MaxMetadataBytes = 16 << 20;

    private const int InitialBuffer = 1 << 16;

    /// <summary>Reads and checks <c>metadata.json</c>.</summary>
    /// <param name="metadataPath">The file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The metadata.</returns>
    /// <exception cref="PairDatasetFormatException">
    /// The file is malformed (not UTF-8, not JSON, a field missing, unknown or repeated, larger than 16 MiB) or of another
    /// schema version.
    /// </exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static async Task<PairDatasetMetadata> ReadMetadataAsync(string metadataPath, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(metadataPath);
        byte[] bytes;
        var file = new FileStream(metadataPath, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.Asynchronous);
        await using (file.ConfigureAwait(false))
        {
            if (file.Length > MaxMetadataBytes)
            {
                throw new PairDatasetFormatException(metadataPath, null, null,
                    $"the file is {file.Length} bytes; metadata.json is at most {MaxMetadataBytes} bytes. Export the dataset again.");
            }

            bytes = new byte[file.Length];
            await file.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
        }

        if (Utf8Check.FirstInvalidByte(bytes) is var invalid and >= 0)
        {
            throw new PairDatasetFormatException(metadataPath, LineOf(bytes, invalid), null, $"the file is not valid UTF-8 (byte {invalid + 1}).");
        }

        PairDatasetMetadata? metadata;
        try
        {
            metadata = JsonSerializer.Deserialize(bytes, PairDatasetJsonContext.Default.PairDatasetMetadata);
        }
        catch (JsonException e)
        {
            throw new PairDatasetFormatException(metadataPath, e.LineNumber + 1, e.Path, e.Message, e);
        }

        if (metadata is null)
        {
            throw new PairDatasetFormatException(metadataPath, 1, null, "the file holds null instead of a metadata object.");
        }

        CheckMetadata(metadataPath, metadata);
        return metadata;
    }

    /// <summary>Streams the rows of <c>dataset.jsonl</c>; one line is held in memory at a time.</summary>
    /// <param name="datasetPath">The file.</param>
    /// <param name="featureWidth">
    /// The width every feature vector must have (the length of the metadata's <c>feature_names</c>), or
    /// <see langword="null"/> to take the first row's width and hold every other row to it.
    /// </param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The rows, in file order.</returns>
    /// <exception cref="PairDatasetFormatException">A line is malformed.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static IAsyncEnumerable<PairDatasetRow> ReadRowsAsync(string datasetPath, int? featureWidth = null, CancellationToken cancellationToken = default) =>
        ReadRowsAsync(datasetPath, featureWidth, MaxLineBytes, cancellationToken);

    /// <summary>Streams the rows, refusing a line longer than <paramref name="maxLineBytes"/> (a power of two).</summary>
    internal static async IAsyncEnumerable<PairDatasetRow> ReadRowsAsync(
        string datasetPath, int? featureWidth, int maxLineBytes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(datasetPath);
        if (featureWidth is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(featureWidth), featureWidth, "The feature width is positive.");
        }

        var file = new FileStream(datasetPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (file.ConfigureAwait(false))
        {
            var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(InitialBuffer, maxLineBytes));
            try
            {
                int start = 0, end = 0;
                long line = 0;
                var width = featureWidth;
                while (true)
                {
                    var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                    if (newline >= 0)
                    {
                        line++;
                        var row = PairDatasetLineParser.Parse(datasetPath, line, buffer.AsSpan(start, newline), ref width);
                        start += newline + 1;
                        yield return row;
                        continue;
                    }

                    if (start > 0)
                    {
                        Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                        end -= start;
                        start = 0;
                    }

                    if (end == buffer.Length)
                    {
                        if (buffer.Length >= maxLineBytes)
                        {
                            throw new PairDatasetFormatException(datasetPath, line + 1, null, $"the line is longer than {maxLineBytes} bytes without a newline.");
                        }

                        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        Buffer.BlockCopy(buffer, 0, larger, 0, end);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    var read = await file.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        if (end > 0)
                        {
                            throw new PairDatasetFormatException(
                                datasetPath, line + 1, null, "the last line does not end with a newline: the file is truncated or was not written by the exporter.");
                        }

                        yield break;
                    }

                    end += read;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>Computes the hash the metadata's <c>dataset_hash</c> must equal: <c>sha256:</c> and the hex SHA-256 of the file's bytes.</summary>
    /// <param name="datasetPath">The file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The hash.</returns>
    public static async Task<string> ComputeHashAsync(string datasetPath, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(datasetPath);
        var file = new FileStream(datasetPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (file.ConfigureAwait(false))
        {
            var hash = await SHA256.HashDataAsync(file, cancellationToken).ConfigureAwait(false);
            return PairDatasetFiles.HashPrefix + Convert.ToHexStringLower(hash);
        }
    }

    private static void CheckMetadata(string path, PairDatasetMetadata metadata)
    {
        if (metadata.SchemaVersion != PairDatasetFiles.SchemaVersion)
        {
            throw new PairDatasetFormatException(path, null, "schema_version",
                $"the dataset has schema version {metadata.SchemaVersion}; this library reads version {PairDatasetFiles.SchemaVersion}. Re-export it with this version, or upgrade the library.");
        }

        if (string.IsNullOrWhiteSpace(metadata.EmbeddingGeneratorId))
        {
            throw new PairDatasetFormatException(path, null, "embedding_generator_id", "the generator id is empty.");
        }

        if (metadata.EmbeddingDimension <= 0)
        {
            throw new PairDatasetFormatException(path, null, "embedding_dimension", $"the dimension is {metadata.EmbeddingDimension}; it must be positive.");
        }

        foreach (var name in metadata.MetricNames)
        {
            if (!ContentMetrics.IsKnown(name))
            {
                throw new PairDatasetFormatException(path, null, "metric_names", $"'{name}' is not a metric; known metrics: {string.Join(", ", MetricNames.All)}.");
            }
        }

        var width = metadata.EmbeddingDimension + metadata.MetricNames.Count;
        if (metadata.FeatureNames.Count != width)
        {
            throw new PairDatasetFormatException(path, null, "feature_names",
                $"{metadata.FeatureNames.Count} names for {metadata.EmbeddingDimension} embedding values and {metadata.MetricNames.Count} metrics ({width} expected).");
        }

        if (metadata.PairCount < 0)
        {
            throw new PairDatasetFormatException(path, null, "pair_count", $"the count is {metadata.PairCount}.");
        }

        var hash = metadata.DatasetHash;
        if (!hash.StartsWith(PairDatasetFiles.HashPrefix, StringComparison.Ordinal) || hash.Length != PairDatasetFiles.HashPrefix.Length + 64 ||
            !IsLowerHex(hash.AsSpan(PairDatasetFiles.HashPrefix.Length)))
        {
            throw new PairDatasetFormatException(path, null, "dataset_hash", $"'{hash}' is not 'sha256:' and 64 lower-case hex digits.");
        }
    }

    private static long LineOf(ReadOnlySpan<byte> bytes, int offset) => bytes[..offset].Count((byte)'\n') + 1;

    private static bool IsLowerHex(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }
}
