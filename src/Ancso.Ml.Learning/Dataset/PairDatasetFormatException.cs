
namespace Ancso.Ml.Learning.Dataset;

/// <summary>A dataset file is malformed. The message names the file, the line and the field, and what is wrong.</summary>
public sealed class PairDatasetFormatException : Exception
{
    /// <summary>Creates an exception.</summary>
    public PairDatasetFormatException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What is wrong.</param>
    public PairDatasetFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public PairDatasetFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for a place in a file.</summary>
    /// <param name="filePath">The file.</param>
    /// <param name="lineNumber">The 1-based line, or <see langword="null"/> when unknown.</param>
    /// <param name="field">The field, or <see langword="null"/> when the problem is not in one field.</param>
    /// <param name="problem">What is wrong.</param>
    /// <param name="innerException">The cause, if any.</param>
    public PairDatasetFormatException(string filePath, long? lineNumber, string? field, string problem, Exception? innerException = null)
        : base(Describe(filePath, lineNumber, field, problem), innerException)
    {
        FilePath = filePath;
        LineNumber = lineNumber;
        Field = field;
    }

    /// <summary>Gets the file, when known.</summary>
    public string? FilePath { get; }

    /// <summary>Gets the 1-based line, when known.</summary>
    public long? LineNumber { get; }

    /// <summary>Gets the field, when the problem is in one field.</summary>
    public string? Field { get; }

    /// <summary>Opens an input file of a dataset, turning a refusal (a folder, a FIFO, a device, too large) into a format error naming the file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    internal static IO.InputFile Open(string path, long maxBytes)
    {
        try
        {
            return IO.InputFile.Open(path, maxBytes);
        }
        catch (IO.InputFileException ex)
        {
            throw new PairDatasetFormatException(path, null, null, "it " + ex.Reason, ex);
        }
    }

    private static string Describe(string filePath, long? lineNumber, string? field, string problem)
    {
        var where = lineNumber is { } line ? $"{filePath}, line {line}" : filePath;
        return field is null ? $"{where}: {problem}" : $"{where}, field '{field}': {problem}";
    }
}
