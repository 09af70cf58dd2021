namespace Ancso.Ml.Models;

/// <summary>What went wrong in the models folder.</summary>
public enum ModelRegistryErrorKind
{
    /// <summary>Not classified.</summary>
    Unknown,

    /// <summary><c>active_model.json</c> could not be read or parsed.</summary>
    PointerCorrupt,

    /// <summary><c>active_model.json</c> names a file outside the models folder.</summary>
    OutsideModelsDirectory,

    /// <summary>A model or metadata file named by the pointer or a version does not exist.</summary>
    FileMissing,

    /// <summary>A metadata file could not be read or parsed.</summary>
    MetadataCorrupt,

    /// <summary>The requested version is not stored.</summary>
    VersionNotFound,

    /// <summary>A version with that name is already stored.</summary>
    VersionExists,

    /// <summary>The version name is not usable as part of a file name.</summary>
    InvalidVersion,

    /// <summary>There is no previous version to roll back to.</summary>
    NoPreviousVersion,

    /// <summary>
    /// A file of the models folder is not one to read: a symbolic link to a file outside the folder, a folder, a FIFO,
    /// socket or device, or a file larger than its kind may be.
    /// </summary>
    FileRefused,

    /// <summary>The pointer, the metadata and the file names do not name the same version.</summary>
    VersionMismatch,

    /// <summary>
    /// The version was not activated because its model failed the checks made before the switch: it does not load in
    /// ONNX Runtime, does not match its metadata, keeps weights in external files, or gives a non-finite score.
    /// </summary>
    ModelRejected,

    /// <summary>The version is the active one and cannot be deleted: activate another version first.</summary>
    VersionActive,
}

/// <summary>A models folder operation failed; the message names the file and what to do.</summary>
public sealed class ModelRegistryException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="kind">What went wrong.</param>
    /// <param name="message">What failed and what to do.</param>
    /// <param name="innerException">The cause, if any.</param>
    public ModelRegistryException(ModelRegistryErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    /// <summary>Gets what went wrong.</summary>
    public ModelRegistryErrorKind Kind { get; }

    /// <summary>Creates the exception.</summary>
    public ModelRegistryException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed and what to do.</param>
    public ModelRegistryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed and what to do.</param>
    /// <param name="innerException">The cause.</param>
    public ModelRegistryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
