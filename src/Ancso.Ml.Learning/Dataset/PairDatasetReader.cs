using System.Security.Cryptography;
using System.Text.Json;
using Ancso.Ml.IO;

namespace Ancso.Ml.Learning.Dataset;

/// <summary>
/// The one reader of the dataset format, used by the trainer and the tests as well: <c>metadata.json</c> whole, and the
/// dataset file (<c>dataset.jsonl</c> or the compact <c>dataset.bin</c>) as a stream of rows. Strict: anything the
/// format does not allow (a missing, repeated, unknown or mistyped field, a vector of the wrong width or not finite, a
/// truncated file, a count or reference out of range) stops the read with a <see cref="PairDatasetFormatException"/>
/// naming the file, the line or record, and the field.
/// </summary>
public static class PairDatasetReader
{
    /// <summary>The longest line read: 256 MiB (a row at the largest embedding dimension is under 2 MB).</summary>
    public const int MaxLineBytes = 256 << 20;

    /// <summary>The largest <c>metadata.json</c> read: 16 MiB.</summary>
    internal const int MaxMetadataBytes = 16 << 20;

    /// <summary>Reads and checks <c>metadata.json</c>.</summary>
    /// <param name="metadataPath">The file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The metadata.</returns>
    /// <exception cref="PairDatasetFormatException">
    /// The file is malformed (not UTF-8, not JSON, a field missing, unknown or repeated, larger than 16 MiB), is of another
    /// schema version, or is not a regular file (a folder, a FIFO, a device).
    /// </exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static async Task<PairDatasetMetadata> ReadMetadataAsync(string metadataPath, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(metadataPath);
        byte[] bytes;
        using (var file = PairDatasetFormatException.Open(metadataPath, MaxMetadataBytes))
        {
            try
            {
                bytes = await file.ReadAllAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (InputFileException ex)
            {
                throw new PairDatasetFormatException(metadataPath, null, null, "it " + ex.Reason, ex);
            }
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

    /// <summary>
    /// Streams the rows of a dataset file of either layout (<c>dataset.jsonl</c>, or the compact <c>dataset.bin</c>:
    /// a <c>.bin</c> file or one that starts with the compact magic); each row carries its own copies of both vectors. JSON Lines are read one
    /// line at a time; the compact file's tables are read and checked first, then each pair's vectors as it is yielded.
    /// </summary>
    /// <param name="datasetPath">The file.</param>
    /// <param name="featureWidth">
    /// The width every feature vector must have (the length of the metadata's <c>feature_names</c>), or
    /// <see langword="null"/> to take the first row's width and hold every other row to it.
    /// </param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The rows, in file order; <see cref="PairDatasetRow.LineNumber"/> is the pair's 1-based position.</returns>
    /// <exception cref="PairDatasetFormatException">The file is malformed: the message names the file, the line or record, and the field.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static IAsyncEnumerable<PairDatasetRow> ReadRowsAsync(string datasetPath, int? featureWidth = null, CancellationToken cancellationToken = default) =>
        ReadRowsAsync(datasetPath, featureWidth, MaxLineBytes, cancellationToken);

    /// <summary>Streams the rows, refusing a JSON line longer than <paramref name="maxLineBytes"/>.</summary>
    internal static IAsyncEnumerable<PairDatasetRow> ReadRowsAsync(string datasetPath, int? featureWidth, int maxLineBytes, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(datasetPath);
        if (featureWidth is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(featureWidth), featureWidth, "The feature width is positive.");
        }

        return IsCompact(datasetPath)
            ? CompactDatasetReader.ReadRowsAsync(datasetPath, featureWidth, cancellationToken)
            : JsonlDatasetReader.ReadRowsAsync(datasetPath, featureWidth, maxLineBytes, cancellationToken);
    }

    /// <summary>
    /// Reads a whole exported dataset into the sink <paramref name="createSink"/> gives: <c>metadata.json</c>, then the dataset file it names
    /// (<c>dataset_file</c>, <c>dataset.jsonl</c> by default), held to the metadata's width, then checks the file's hash
    /// and pair count against the metadata.
    /// </summary>
    /// <param name="path">The dataset's folder, or its dataset file (then the one the metadata beside it names).</param>
    /// <param name="createSink">Gives the sink that receives the items and pairs, once the metadata is read.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The metadata, the files read and the dataset file's hash.</returns>
    /// <exception cref="PairDatasetFormatException">A file is malformed: the message names the file, the line or record, and the field.</exception>
    /// <exception cref="FileNotFoundException">The metadata or the dataset file does not exist.</exception>
    public static Task<PairDatasetContent> ReadAsync(string path, Func<PairDatasetMetadata, IPairDatasetSink> createSink, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(createSink);
        return ReadAsync(path, createSink, MaxLineBytes, cancellationToken);
    }

    /// <summary>Reads a whole exported dataset, refusing a JSON line longer than <paramref name="maxLineBytes"/>.</summary>
    internal static async Task<PairDatasetContent> ReadAsync(string path, Func<PairDatasetMetadata, IPairDatasetSink> createSink, int maxLineBytes, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        var folder = Directory.Exists(full) ? full : Path.GetDirectoryName(full)!;
        var metadataPath = Path.Combine(folder, PairDatasetFiles.MetadataFileName);
        var metadata = await ReadMetadataAsync(metadataPath, cancellationToken).ConfigureAwait(false);
        var datasetName = metadata.DatasetFile ?? PairDatasetFiles.DatasetFileName;
        var datasetPath = Path.Combine(folder, datasetName);
        if (!Directory.Exists(full) && !string.Equals(full, datasetPath, StringComparison.Ordinal))
        {
            throw new PairDatasetFormatException(metadataPath, null, "dataset_file",
                $"the metadata describes {datasetName}, not {Path.GetFileName(full)}: that file is left from an earlier export. Train on the folder, or export again.");
        }

        var width = metadata.FeatureNames.Count;
        var sink = createSink(metadata);
        var (hash, pairs) = metadata.Format == PairDatasetFormat.Compact
            ? await CompactDatasetReader.ReadAsync(datasetPath, width, sink, cancellationToken).ConfigureAwait(false)
            : await JsonlDatasetReader.ReadAsync(datasetPath, width, sink, metadata.PairCount, maxLineBytes, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(metadata.DatasetHash, hash, StringComparison.Ordinal))
        {
            throw new PairDatasetFormatException(metadataPath, null, "dataset_hash",
                $"the metadata gives {metadata.DatasetHash}, but {datasetPath} hashes to {hash}: the dataset changed after it was exported. Export it again.");
        }

        if (metadata.PairCount != pairs)
        {
            throw new PairDatasetFormatException(metadataPath, null, "pair_count",
                $"the metadata gives {metadata.PairCount} pairs, but {datasetPath} holds {pairs}. Export the dataset again.");
        }

        return new PairDatasetContent(metadata, metadataPath, datasetPath, hash);
    }

    /// <summary>Computes the hash the metadata's <c>dataset_hash</c> must equal: <c>sha256:</c> and the hex SHA-256 of the file's bytes.</summary>
    /// <param name="datasetPath">The file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The hash.</returns>
    public static async Task<string> ComputeHashAsync(string datasetPath, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(datasetPath);
        using var file = PairDatasetFormatException.Open(datasetPath, long.MaxValue);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        long offset = 0;
        int read;
        while ((read = await file.ReadAsync(buffer, offset, cancellationToken).ConfigureAwait(false)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            offset += read;
        }

        return PairDatasetFiles.HashPrefix + Convert.ToHexStringLower(hash.GetHashAndReset());
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

        if (metadata.DatasetFile is not null and not (PairDatasetFiles.DatasetFileName or PairDatasetFiles.CompactFileName))
        {
            throw new PairDatasetFormatException(path, null, "dataset_file",
                $"'{metadata.DatasetFile}' is not a dataset file of this format; expected {PairDatasetFiles.CompactFileName} or {PairDatasetFiles.DatasetFileName}, in the metadata's folder.");
        }

        var hash = metadata.DatasetHash;
        if (!hash.StartsWith(PairDatasetFiles.HashPrefix, StringComparison.Ordinal) || hash.Length != PairDatasetFiles.HashPrefix.Length + 64 ||
            !IsLowerHex(hash.AsSpan(PairDatasetFiles.HashPrefix.Length)))
        {
            throw new PairDatasetFormatException(path, null, "dataset_hash", $"'{hash}' is not 'sha256:' and 64 lower-case hex digits.");
        }
    }

    private static bool IsCompact(string path)
    {
        if (path.EndsWith(".bin", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        using var file = PairDatasetFormatException.Open(path, long.MaxValue);
        Span<byte> start = stackalloc byte[8];
        return file.Read(start, 0) == start.Length && start.SequenceEqual(CompactDatasetLayout.Magic);
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

/// <summary>A dataset read whole: its metadata, its files, and the hash of the dataset file's bytes (equal to the metadata's).</summary>
/// <param name="Metadata">The metadata.</param>
/// <param name="MetadataPath">The metadata's file.</param>
/// <param name="DatasetPath">The dataset file.</param>
/// <param name="Hash">The dataset file's hash (<c>sha256:</c> and hex).</param>
public sealed record PairDatasetContent(PairDatasetMetadata Metadata, string MetadataPath, string DatasetPath, string Hash);
