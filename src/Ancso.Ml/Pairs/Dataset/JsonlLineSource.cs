using System.Security.Cryptography;
using Ancso.Ml.Pairs.Export;

namespace Ancso.Ml.Pairs.Dataset;

/// <summary>
/// Splits <c>dataset.jsonl</c> into lines with one reusable buffer (1 MiB, grown up to the longest line allowed),
/// optionally hashing every byte as it is read. Refuses a line longer than the limit before reading on, and a last line
/// without its <c>\n</c>.
/// </summary>
internal sealed class JsonlLineSource : IAsyncDisposable
{
    private const int ChunkSize = 1 << 20;

    private readonly FileStream _file;
    private readonly string _path;
    private readonly int _maxLineBytes;
    private readonly IncrementalHash? _hash;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private int _scanned;

    public JsonlLineSource(string path, int maxLineBytes, bool hash)
    {
        _path = path;
        _maxLineBytes = maxLineBytes;
        _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous | FileOptions.SequentialScan);
        _buffer = new byte[Math.Min(ChunkSize, maxLineBytes)];
        _hash = hash ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
    }

    /// <summary>Gets the number of lines taken so far (the 1-based number of the last one).</summary>
    public long Line { get; private set; }

    /// <summary>Gets the buffer that <see cref="TryTakeLine"/>'s offsets refer to, valid until the next <see cref="FillAsync"/>.</summary>
    public byte[] Buffer => _buffer;

    /// <summary>Takes the next complete line in the buffer (without its <c>\n</c>), if there is one.</summary>
    public bool TryTakeLine(out int offset, out int length)
    {
        var newline = _buffer.AsSpan(_scanned, _end - _scanned).IndexOf((byte)'\n');
        if (newline < 0)
        {
            _scanned = _end;
            offset = length = 0;
            return false;
        }

        offset = _start;
        length = _scanned + newline - _start;
        _start = _scanned = _scanned + newline + 1;
        Line++;
        return true;
    }

    /// <summary>Reads more of the file; returns <see langword="false"/> at its end.</summary>
    public async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            System.Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _scanned -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= _maxLineBytes)
            {
                throw new PairDatasetFormatException(_path, Line + 1, null, $"the line is longer than {_maxLineBytes} bytes without a newline.");
            }

            Array.Resize(ref _buffer, (int)Math.Min((long)_buffer.Length * 2, _maxLineBytes));
        }

        var read = await _file.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            if (_end > 0)
            {
                throw new PairDatasetFormatException(_path, Line + 1, null,
                    "the last line does not end with a newline: the file is truncated (an export was probably interrupted) or was not written by the exporter.");
            }

            return false;
        }

        _hash?.AppendData(_buffer, _end, read);
        _end += read;
        return true;
    }

    /// <summary>Returns <c>sha256:</c> and the hex hash of every byte read; only for a source created with hashing.</summary>
    public string CompleteHash() => PairDatasetFiles.HashPrefix + Convert.ToHexStringLower(_hash!.GetHashAndReset());

    public async ValueTask DisposeAsync()
    {
        _hash?.Dispose();
        await _file.DisposeAsync().ConfigureAwait(false);
    }
}
