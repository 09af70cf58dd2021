using Microsoft.Win32.SafeHandles;

namespace Ancso.Ml.IO;

/// <summary>What is wrong with an input file.</summary>
public enum InputFileProblem
{
    /// <summary>The path leads to a folder.</summary>
    Folder,

    /// <summary>The path leads to a FIFO, socket, terminal or device: something that is not a regular file.</summary>
    NotRegular,

    /// <summary>The file is larger than the limit for its kind.</summary>
    TooLarge,

    /// <summary>The file could not be opened or read (permissions, an I/O error, or it changed while being read).</summary>
    Unreadable,
}

/// <summary>
/// An input file could not be read. <see cref="Reason"/> is a phrase such as "is a FIFO, not a regular file";
/// <see cref="Exception.Message"/> is the file's path followed by it.
/// </summary>
public sealed class InputFileException(string filePath, InputFileProblem problem, string reason, Exception? innerException = null)
    : IOException($"{filePath} {reason}", innerException)
{
    /// <summary>Gets the file.</summary>
    public string FilePath { get; } = filePath;

    /// <summary>Gets what is wrong.</summary>
    public InputFileProblem Problem { get; } = problem;

    /// <summary>Gets what is wrong, as a phrase that follows the file's name ("is a folder, not a file").</summary>
    public string Reason { get; } = reason;
}

/// <summary>
/// The one way input files are opened and read (datasets, their metadata, judged pairs, configuration, model files):
/// a regular file only, opened without ever blocking (a FIFO is refused, not waited on), no larger than a limit given
/// per kind of file, and never read past the size it had when it was opened (<c>/dev/zero</c> cannot make a reader run
/// without end). Reads are positional, so readers of any layout pay for each byte once.
/// </summary>
public sealed class InputFile : IDisposable
{
    private readonly SafeFileHandle _handle;

    private InputFile(string path, SafeFileHandle handle, long length)
    {
        Path = path;
        _handle = handle;
        Length = length;
    }

    /// <summary>Gets the file's path, as given.</summary>
    public string Path { get; }

    /// <summary>Gets the file's size when it was opened; nothing beyond it is read.</summary>
    public long Length { get; }

    /// <summary>Opens <paramref name="path"/> for reading.</summary>
    /// <param name="path">The file.</param>
    /// <param name="maxBytes">The largest size accepted for this kind of file.</param>
    /// <returns>The open file.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InputFileException">The path is a folder or not a regular file, the file is too large, or it cannot be opened.</exception>
    public static InputFile Open(string path, long maxBytes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Directory.Exists(path))
        {
            throw new InputFileException(path, InputFileProblem.Folder, "is a folder, not a file.");
        }

        var handle = OpenHandle(path);
        try
        {
            long length;
            try
            {
                length = RandomAccess.GetLength(handle);
            }
            catch (NotSupportedException ex)
            {
                throw new InputFileException(path, InputFileProblem.NotRegular, "is a FIFO, socket or terminal, not a regular file; give the path of a file.", ex);
            }

            if (length > maxBytes)
            {
                throw new InputFileException(path, InputFileProblem.TooLarge, string.Create(CultureInfo.InvariantCulture,
                    $"is {length} bytes, more than the {maxBytes} bytes such a file may have."));
            }

            if (length == 0 && ReadsPastItsSize(handle, path))
            {
                throw new InputFileException(path, InputFileProblem.NotRegular, "is a device (it has no size but gives bytes), not a regular file; give the path of a file.");
            }

            return new InputFile(path, handle, length);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Reads a whole file of at most <paramref name="maxBytes"/> bytes.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InputFileException">See <see cref="Open"/>; or the file changed size while it was read.</exception>
    public static async Task<byte[]> ReadAllBytesAsync(string path, long maxBytes, CancellationToken cancellationToken)
    {
        using var file = Open(path, maxBytes);
        return await file.ReadAllAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the file whole (its <see cref="Length"/> bytes), checking that it did not grow meanwhile.</summary>
    public async Task<byte[]> ReadAllAsync(CancellationToken cancellationToken)
    {
        var bytes = new byte[Length];
        await ReadExactlyAsync(bytes, 0, cancellationToken).ConfigureAwait(false);
        if (await ReadRawAsync(new byte[1], Length, cancellationToken).ConfigureAwait(false) != 0)
        {
            throw new InputFileException(Path, InputFileProblem.Unreadable, "grew while it was read (it is being rewritten); try again once it is written.");
        }

        return bytes;
    }

    /// <summary>Reads the file whole synchronously, for callers that cannot wait asynchronously (configuration loading).</summary>
    public byte[] ReadAll()
    {
        var bytes = new byte[Length];
        var filled = 0;
        while (filled < bytes.Length)
        {
            var read = Read(bytes.AsSpan(filled), filled);
            if (read == 0)
            {
                throw new InputFileException(Path, InputFileProblem.Unreadable, string.Create(CultureInfo.InvariantCulture,
                    $"ended at byte {filled} while being read: it was truncated meanwhile."));
            }

            filled += read;
        }

        return bytes;
    }

    /// <summary>Reads up to <paramref name="buffer"/>'s length from <paramref name="offset"/>, never past <see cref="Length"/>; 0 at the end.</summary>
    public ValueTask<int> ReadAsync(Memory<byte> buffer, long offset, CancellationToken cancellationToken)
    {
        var left = Math.Max(0, Length - offset);
        return left == 0 ? ValueTask.FromResult(0) : ReadRawAsync(buffer[..(int)Math.Min(buffer.Length, left)], offset, cancellationToken);
    }

    /// <summary>Reads up to <paramref name="buffer"/>'s length from <paramref name="offset"/> synchronously, never past <see cref="Length"/>.</summary>
    public int Read(Span<byte> buffer, long offset)
    {
        var left = Math.Max(0, Length - offset);
        try
        {
            return left == 0 ? 0 : RandomAccess.Read(_handle, buffer[..(int)Math.Min(buffer.Length, left)], offset);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && ex is not InputFileException)
        {
            throw new InputFileException(Path, InputFileProblem.Unreadable, $"could not be read: {ex.Message}", ex);
        }
    }

    /// <summary>Fills <paramref name="buffer"/> from <paramref name="offset"/>.</summary>
    /// <exception cref="InputFileException">The file ends before the buffer is full (it was truncated while being read).</exception>
    public async Task ReadExactlyAsync(Memory<byte> buffer, long offset, CancellationToken cancellationToken)
    {
        while (!buffer.IsEmpty)
        {
            var read = await ReadAsync(buffer, offset, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new InputFileException(Path, InputFileProblem.Unreadable, string.Create(CultureInfo.InvariantCulture,
                    $"ended at byte {offset} while being read: it was truncated meanwhile."));
            }

            buffer = buffer[read..];
            offset += read;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();

    private async ValueTask<int> ReadRawAsync(Memory<byte> buffer, long offset, CancellationToken cancellationToken)
    {
        try
        {
            return await RandomAccess.ReadAsync(_handle, buffer, offset, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && ex is not InputFileException)
        {
            throw new InputFileException(Path, InputFileProblem.Unreadable, $"could not be read: {ex.Message}", ex);
        }
    }

    /// <summary>Whether a file that reports no size still gives bytes, as character devices do.</summary>
    private static bool ReadsPastItsSize(SafeFileHandle handle, string path)
    {
        try
        {
            return RandomAccess.Read(handle, stackalloc byte[1], 0) > 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            // A device that cannot be read without waiting (a terminal opened non-blocking) is not a file either.
            throw new InputFileException(path, InputFileProblem.NotRegular, "is a device, not a regular file; give the path of a file.", ex);
        }
    }

    private static SafeFileHandle OpenHandle(string path)
    {
        try
        {
            if (NonBlockingFile.TryOpen(path) is { } handle)
            {
                return handle;
            }

            // No non-blocking open on this platform: look first. FIFOs, sockets and devices report no size, and an
            // empty regular file has nothing to read, so nothing that could block is opened.
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new FileNotFoundException($"{path} does not exist.", path);
            }

            if (info.Length == 0)
            {
                throw new InputFileException(path, InputFileProblem.NotRegular, "is empty, or is not a regular file.");
            }

            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FileNotFoundException($"{path} does not exist.", path, ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && ex is not InputFileException)
        {
            throw new InputFileException(path, InputFileProblem.Unreadable, $"could not be opened: {ex.Message}", ex);
        }
    }
}
