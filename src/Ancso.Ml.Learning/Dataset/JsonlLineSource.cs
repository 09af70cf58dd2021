using System.Security.Cryptography;
using Ancso.Ml.IO;

namespace Ancso.Ml.Learning.Dataset;

/// <summary>
/// Splits <c>dataset.jsonl</c> into lines with one reusable buffer (1 MiB, grown up to the longest line allowed),
/// optionally hashing every byte as it is read. The file is opened as every input file is (<see cref="InputFile"/>: a
/// regular file, never blocking, never read past its size). Refuses a line longer than the limit before reading on,
/// and a last line without its <c>\n</c> unless told that a file written by hand may end without one.
/// </summary>
public sealed class JsonlLineSource : IAsyncDisposable
{
    private const int ChunkSize = 1 << 20;

    private readonly InputFile _file;
    private readonly string _path;
    private readonly int _maxLineBytes;
    private readonly bool _lastLineMayBeUnterminated;
    private readonly IncrementalHash? _hash;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private int _scanned;
    private long _position;
    private bool _ended;

    /// <summary>Opens <paramref name="path"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="maxLineBytes">The longest line accepted.</param>
    /// <param name="hash">Whether to hash every byte read.</param>
    /// <param name="maxFileBytes">The largest file accepted.</param>
    /// <param name="lastLineMayBeUnterminated">Whether the last line may end without <c>\n</c> (files written by hand).</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="PairDatasetFormatException">The path is not a regular file, or the file is too large.</exception>
    public JsonlLineSource(string path, int maxLineBytes, bool hash, long maxFileBytes = long.MaxValue, bool lastLineMayBeUnterminated = false)
    {
        _path = path;
        _maxLineBytes = maxLineBytes;
        _lastLineMayBeUnterminated = lastLineMayBeUnterminated;
        _file = PairDatasetFormatException.Open(path, maxFileBytes);
        _buffer = new byte[(int)Math.Min(Math.Min(ChunkSize, maxLineBytes), Math.Max(1, _file.Length + 1))];
        _hash = hash ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
    }

    /// <summary>Gets the file's size in bytes.</summary>
    public long Length => _file.Length;

    /// <summary>Gets the number of lines taken so far (the 1-based number of the last one).</summary>
    public long Line { get; private set; }

    /// <summary>Gets the buffer that <see cref="TryTakeLine"/>'s offsets refer to, valid until the next <see cref="FillAsync"/>.</summary>
    public byte[] Buffer => _buffer;

    /// <summary>Takes the next complete line in the buffer (without its <c>\n</c>), if there is one.</summary>
    /// <param name="offset">Where the line starts in <see cref="Buffer"/>.</param>
    /// <param name="length">Its length in bytes.</param>
    /// <returns>Whether a line was taken; when not, call <see cref="FillAsync"/>.</returns>
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
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Whether anything was read.</returns>
    /// <exception cref="PairDatasetFormatException">A line is longer than the limit, or the last one has no newline (unless allowed).</exception>
    public async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_ended)
        {
            return false;
        }

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

        int read;
        try
        {
            read = await _file.ReadAsync(_buffer.AsMemory(_end), _position, cancellationToken).ConfigureAwait(false);
        }
        catch (InputFileException ex)
        {
            throw new PairDatasetFormatException(_path, Line + 1, null, "it " + ex.Reason, ex);
        }

        if (read == 0)
        {
            if (_end > _start && _lastLineMayBeUnterminated)
            {
                // Hand the last line over as if it ended with a newline.
                _ended = true;
                _buffer[_end] = (byte)'\n';
                _end++;
                return true;
            }

            if (_end > 0)
            {
                throw new PairDatasetFormatException(_path, Line + 1, null,
                    "the last line does not end with a newline: the file is truncated (an export was probably interrupted) or was not written by the exporter.");
            }

            return false;
        }

        _hash?.AppendData(_buffer, _end, read);
        _position += read;
        _end += read;
        return true;
    }

    /// <summary>Returns <c>sha256:</c> and the hex hash of every byte read; only for a source created with hashing.</summary>
    /// <returns>The hash.</returns>
    public string CompleteHash() => PairDatasetFiles.HashPrefix + Convert.ToHexStringLower(_hash!.GetHashAndReset());

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        _hash?.Dispose();
        _file.Dispose();
        return ValueTask.CompletedTask;
    }
}
