using System.Buffers;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Ancso.Ml.Learning.Export;

/// <summary>
/// Writes <c>dataset.jsonl</c> line by line into a new file, hashing exactly the bytes written. Lines are built in a
/// small reusable buffer and flushed as it fills, so memory stays flat however many pairs pass through.
/// </summary>
internal sealed class DatasetLineWriter : IAsyncDisposable
{
    private const int FlushThreshold = 1 << 16;

    private static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    private readonly FileStream _file;
    private readonly ArrayBufferWriter<byte> _buffer = new(FlushThreshold * 2);
    private readonly Utf8JsonWriter _json;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public DatasetLineWriter(string path)
    {
        _file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, FileOptions.Asynchronous);
        _json = new Utf8JsonWriter(_buffer, Options);
    }

    public async ValueTask WriteAsync(StoredPair pair, float[] aFeatures, float[] bFeatures, CancellationToken cancellationToken)
    {
        _json.Reset(_buffer);
        _json.WriteStartObject();
        _json.WriteString("pair_id"u8, pair.Id);
        _json.WriteString("a_id"u8, pair.ItemA.Id);
        _json.WriteString("b_id"u8, pair.ItemB.Id);
        _json.WriteString("platform"u8, pair.Platform);
        _json.WriteString("section"u8, pair.Section);
        _json.WriteNumber("label"u8, pair.Label);
        _json.WriteString("source"u8, pair.Source);
        _json.WriteStartArray("tags"u8);
        foreach (var tag in pair.Tags)
        {
            _json.WriteStringValue(tag);
        }

        _json.WriteEndArray();
        _json.WriteString("created_at"u8, pair.CreatedAt);
        WriteVector("a_features"u8, aFeatures);
        WriteVector("b_features"u8, bFeatures);
        if (pair.Rater is { } rater)
        {
            _json.WriteString("rater"u8, rater);
        }
        _json.WriteEndObject();
        _json.Flush();
        _buffer.Write("\n"u8);
        if (_buffer.WrittenCount >= FlushThreshold)
        {
            await FlushBufferAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Flushes everything to disk and returns <c>sha256:</c> and the hex hash of the file's bytes.</summary>
    public async ValueTask<string> CompleteAsync(CancellationToken cancellationToken)
    {
        await FlushBufferAsync(cancellationToken).ConfigureAwait(false);
        await _file.FlushAsync(cancellationToken).ConfigureAwait(false);
        _file.Flush(flushToDisk: true);
        return PairDatasetFiles.HashPrefix + Convert.ToHexStringLower(_hash.GetHashAndReset());
    }

    public async ValueTask DisposeAsync()
    {
        await _json.DisposeAsync().ConfigureAwait(false);
        await _file.DisposeAsync().ConfigureAwait(false);
        _hash.Dispose();
    }

    private void WriteVector(ReadOnlySpan<byte> name, float[] vector)
    {
        _json.WriteStartArray(name);
        foreach (var value in vector)
        {
            _json.WriteNumberValue(value);
        }

        _json.WriteEndArray();
    }

    private async ValueTask FlushBufferAsync(CancellationToken cancellationToken)
    {
        if (_buffer.WrittenCount == 0)
        {
            return;
        }

        _hash.AppendData(_buffer.WrittenSpan);
        await _file.WriteAsync(_buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        _buffer.ResetWrittenCount();
    }
}
