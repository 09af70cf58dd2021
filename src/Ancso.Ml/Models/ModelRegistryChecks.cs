namespace Ancso.Ml.Models;

/// <summary>The checks every <see cref="IModelRegistry"/> makes, so that each store refuses the same arguments the same way.</summary>
public static class ModelRegistryChecks
{
    /// <summary>
    /// Checks the arguments of <see cref="IModelRegistry.StoreAsync"/>: the metadata is given, its version is usable in
    /// file names (<see cref="ModelFileNames.IsValidVersion"/>) and the model is not empty.
    /// </summary>
    /// <param name="onnxModel">The ONNX model's bytes.</param>
    /// <param name="metadata">Its metadata.</param>
    /// <exception cref="ArgumentNullException"><paramref name="metadata"/> is <see langword="null"/>.</exception>
    /// <exception cref="ModelRegistryException">The version is not a valid file name (<see cref="ModelRegistryErrorKind.InvalidVersion"/>).</exception>
    /// <exception cref="ArgumentException"><paramref name="onnxModel"/> is empty.</exception>
    public static void ThrowIfNotStorable(ReadOnlyMemory<byte> onnxModel, ModelMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (!ModelFileNames.IsValidVersion(metadata.Version))
        {
            throw new ModelRegistryException(ModelRegistryErrorKind.InvalidVersion,
                $"The model version '{metadata.Version}' cannot be part of a file name; use 1-100 letters, digits, '.', '_' or '-'.");
        }

        if (onnxModel.IsEmpty)
        {
            throw new ArgumentException("The ONNX model is empty.", nameof(onnxModel));
        }
    }
}
