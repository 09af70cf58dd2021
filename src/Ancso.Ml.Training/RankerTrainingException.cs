namespace Ancso.Ml.Training;

/// <summary>What stopped a training run.</summary>
public enum RankerTrainingErrorKind
{
    /// <summary>Not classified.</summary>
    Unknown,

    /// <summary>An option is out of range or missing.</summary>
    InvalidOptions,

    /// <summary>The dataset or its <c>metadata.json</c> is missing, malformed or inconsistent; see <see cref="RankerTrainingException.FilePath"/> and <see cref="RankerTrainingException.LineNumber"/>.</summary>
    InvalidData,

    /// <summary>TorchSharp's native libraries could not be loaded on this machine.</summary>
    TorchUnavailable,

    /// <summary>The requested device (for example <c>cuda</c>) is not available.</summary>
    DeviceUnavailable,

    /// <summary>Training produced NaN or infinite weights or losses.</summary>
    Diverged,

    /// <summary>ONNX Runtime did not score the exported model as TorchSharp did.</summary>
    ParityMismatch,
}

/// <summary>
/// A training run failed; nothing was activated. The message names the cause and what to do; for bad data,
/// <see cref="FilePath"/>, <see cref="LineNumber"/> and <see cref="Field"/> say where.
/// </summary>
public sealed class RankerTrainingException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="kind">What went wrong.</param>
    /// <param name="message">What failed and what to do.</param>
    /// <param name="filePath">The file at fault, if any.</param>
    /// <param name="lineNumber">The 1-based line at fault, if any.</param>
    /// <param name="field">The field at fault, if any.</param>
    /// <param name="innerException">The cause, if any.</param>
    public RankerTrainingException(
        RankerTrainingErrorKind kind,
        string message,
        string? filePath = null,
        long? lineNumber = null,
        string? field = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        FilePath = filePath;
        LineNumber = lineNumber;
        Field = field;
    }

    /// <summary>Creates the exception.</summary>
    public RankerTrainingException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed and what to do.</param>
    public RankerTrainingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed and what to do.</param>
    /// <param name="innerException">The cause.</param>
    public RankerTrainingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets what went wrong.</summary>
    public RankerTrainingErrorKind Kind { get; }

    /// <summary>Gets the full path of the file at fault, or <see langword="null"/>.</summary>
    public string? FilePath { get; }

    /// <summary>Gets the 1-based line at fault, or <see langword="null"/>.</summary>
    public long? LineNumber { get; }

    /// <summary>Gets the JSON field at fault (for example <c>a_features[17]</c>), or <see langword="null"/>.</summary>
    public string? Field { get; }
}
