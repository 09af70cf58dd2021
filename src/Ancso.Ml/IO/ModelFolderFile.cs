using System.Globalization;
using Microsoft.Win32.SafeHandles;

namespace Ancso.Ml.IO;

/// <summary>What is wrong with a file of the models folder.</summary>
internal enum ModelFolderFileProblem
{
    /// <summary>The file does not exist.</summary>
    Missing,

    /// <summary>The file is not something to read: a symbolic link out of the folder, a folder, a FIFO, socket or device.</summary>
    Refused,

    /// <summary>The file is empty (or reports no size, as devices do).</summary>
    Empty,

    /// <summary>The file is larger than the limit for its kind.</summary>
    TooLarge,

    /// <summary>The file could not be read (permissions, I/O error, or it changed while being read).</summary>
    Unreadable,
}

/// <summary>A file of the models folder could not be read; <see cref="Exception.Message"/> is a phrase such as "is a FIFO".</summary>
internal sealed class ModelFolderFileException(ModelFolderFileProblem problem, string message, string? resolvedPath = null, Exception? innerException = null)
    : IOException(message, innerException)
{
    /// <summary>Gets what is wrong.</summary>
    public ModelFolderFileProblem Problem { get; } = problem;

    /// <summary>Gets where the path really leads, when that is part of the problem (kept for logs, never shown to callers).</summary>
    public string? ResolvedPath { get; } = resolvedPath;
}

/// <summary>
/// Reads a file of the models folder trusting nothing about it: it must lead (through any symbolic links) to a regular
/// file directly inside the folder, no larger than a limit, and it is never opened in a way that can block (a FIFO) or
/// read without end (<c>/dev/zero</c>). Exactly the file's size is read.
/// </summary>
internal static class ModelFolderFile
{
    /// <summary>Reads <paramref name="path"/>, a file named inside <paramref name="folder"/>, whole.</summary>
    /// <exception cref="ModelFolderFileException">The file is missing, refused, empty, too large or unreadable.</exception>
    public static async Task<byte[]> ReadAsync(string folder, string path, long maxBytes, CancellationToken cancellationToken)
    {
        var resolved = Resolve(folder, path);
        using var handle = Open(resolved);
        long length;
        try
        {
            length = RandomAccess.GetLength(handle);
        }
        catch (NotSupportedException ex)
        {
            throw new ModelFolderFileException(ModelFolderFileProblem.Refused, "is not a regular file (a FIFO, socket or terminal)", resolved, ex);
        }

        if (length == 0)
        {
            throw new ModelFolderFileException(ModelFolderFileProblem.Empty, "is empty (0 bytes; a device rather than a regular file also reads as empty)");
        }

        if (length > maxBytes)
        {
            throw new ModelFolderFileException(ModelFolderFileProblem.TooLarge, string.Create(CultureInfo.InvariantCulture,
                $"is {length} bytes, more than the {maxBytes} bytes such a file may have"));
        }

        var bytes = new byte[length];
        var filled = 0;
        try
        {
            while (filled < bytes.Length)
            {
                var read = await RandomAccess.ReadAsync(handle, bytes.AsMemory(filled), filled, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new ModelFolderFileException(ModelFolderFileProblem.Unreadable, "became shorter while it was read (it is being rewritten)");
                }

                filled += read;
            }

            if (await RandomAccess.ReadAsync(handle, new byte[1], filled, cancellationToken).ConfigureAwait(false) != 0)
            {
                throw new ModelFolderFileException(ModelFolderFileProblem.Unreadable, "grew while it was read (it is being rewritten, or is not a regular file)", resolved);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && ex is not ModelFolderFileException)
        {
            throw new ModelFolderFileException(ModelFolderFileProblem.Unreadable, $"could not be read: {ex.Message}", resolved, ex);
        }

        return bytes;
    }

    /// <summary>Follows <paramref name="path"/> to the file it leads to and checks that it lies directly inside <paramref name="folder"/>.</summary>
    private static string Resolve(string folder, string path)
    {
        string resolved, resolvedFolder;
        try
        {
            resolved = RealPath.Resolve(path);
            resolvedFolder = RealPath.Resolve(folder);
        }
        catch (IOException ex)
        {
            throw new ModelFolderFileException(ModelFolderFileProblem.Refused, $"cannot be followed: {ex.Message}", innerException: ex);
        }

        if (!RealPath.IsDirectlyInside(resolved, resolvedFolder))
        {
            throw new ModelFolderFileException(ModelFolderFileProblem.Refused, "is a symbolic link to a file outside the models folder", resolved);
        }

        if (Directory.Exists(resolved))
        {
            throw new ModelFolderFileException(ModelFolderFileProblem.Refused, "is a folder, not a file", resolved);
        }

        return resolved;
    }

    private static SafeFileHandle Open(string resolved)
    {
        try
        {
            if (NonBlockingFile.TryOpen(resolved) is { } handle)
            {
                return handle;
            }

            // No non-blocking open here: look first. FIFOs, sockets and devices report no size, and a regular file with
            // no size is refused anyway, so nothing that could block is opened.
            var info = new FileInfo(resolved);
            if (!info.Exists)
            {
                throw new FileNotFoundException("The file does not exist.", resolved);
            }

            if (info.Length == 0)
            {
                throw new ModelFolderFileException(ModelFolderFileProblem.Empty, "is empty (0 bytes), or is not a regular file");
            }

            return File.OpenHandle(resolved, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ModelFolderFileException(ModelFolderFileProblem.Missing, "does not exist", innerException: ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && ex is not ModelFolderFileException)
        {
            throw new ModelFolderFileException(ModelFolderFileProblem.Unreadable, $"could not be opened: {ex.Message}", resolved, ex);
        }
    }
}
