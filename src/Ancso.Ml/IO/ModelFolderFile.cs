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
        try
        {
            using var file = InputFile.Open(resolved, maxBytes);
            if (file.Length == 0)
            {
                throw new ModelFolderFileException(ModelFolderFileProblem.Empty, "is empty (0 bytes)");
            }

            return await file.ReadAllAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException ex)
        {
            throw new ModelFolderFileException(ModelFolderFileProblem.Missing, "does not exist", innerException: ex);
        }
        catch (InputFileException ex)
        {
            var problem = ex.Problem switch
            {
                InputFileProblem.TooLarge => ModelFolderFileProblem.TooLarge,
                InputFileProblem.Unreadable => ModelFolderFileProblem.Unreadable,
                _ => ModelFolderFileProblem.Refused,
            };
            throw new ModelFolderFileException(problem, ex.Reason.TrimEnd('.'), resolved, ex);
        }
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
}
