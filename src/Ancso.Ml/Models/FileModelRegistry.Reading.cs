using System.Text.Json;
using Ancso.Ml.IO;

namespace Ancso.Ml.Models;

/// <summary>Reading <c>active_model.json</c> and metadata files: untrusted, size-capped, never blocking, checked field by field.</summary>
public sealed partial class FileModelRegistry
{
    private const string ActivateAgain = "Activate a version again (ancso ranker activate <version>) to rewrite it.";

    private async Task<ActiveModelPointer?> ReadPointerAsync(CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await ModelFolderFile.ReadAsync(ModelsDirectory, PointerPath, ModelFileLimits.MaxPointerBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelFolderFileException ex) when (ex.Problem == ModelFolderFileProblem.Missing)
        {
            return null;
        }
        catch (ModelFolderFileException ex)
        {
            throw new ModelRegistryException(KindOf(ex, ModelRegistryErrorKind.PointerCorrupt), $"{PointerPath} {ex.Message}; refused. {ActivateAgain}", ex);
        }

        ActiveModelPointer? pointer;
        try
        {
            pointer = JsonSerializer.Deserialize(bytes, ModelsJsonContext.Default.ActiveModelPointer);
        }
        catch (JsonException ex)
        {
            throw new ModelRegistryException(ModelRegistryErrorKind.PointerCorrupt,
                $"{PointerPath} is not valid JSON (line {ex.LineNumber + 1}): {ex.Message} {ActivateAgain}", ex);
        }

        if (pointer is null || string.IsNullOrWhiteSpace(pointer.ModelFile) || string.IsNullOrWhiteSpace(pointer.MetadataFile))
        {
            throw new ModelRegistryException(ModelRegistryErrorKind.PointerCorrupt,
                $"{PointerPath} must name 'model_file' and 'metadata_file'. {ActivateAgain}");
        }

        CheckInside(pointer.ModelFile, "model_file");
        CheckInside(pointer.MetadataFile, "metadata_file");
        if (!ModelFileNames.IsValidVersion(pointer.Version))
        {
            throw new ModelRegistryException(ModelRegistryErrorKind.PointerCorrupt,
                $"{PointerPath} names the version {Quote(pointer.Version)}, which is not a valid version name (1-100 letters, digits, '.', '_' or '-'). {ActivateAgain}");
        }

        // The version, the pointer's file names and (in GetActiveAsync) the metadata must agree: a score is reported under
        // the pointer's version, so it must be the version whose files are loaded.
        if (!string.Equals(pointer.ModelFile, ModelFileNames.Model(pointer.Version), StringComparison.Ordinal)
            || !string.Equals(pointer.MetadataFile, ModelFileNames.Metadata(pointer.Version), StringComparison.Ordinal))
        {
            throw new ModelRegistryException(ModelRegistryErrorKind.VersionMismatch,
                $"{PointerPath} activates version '{pointer.Version}' but names the files {Quote(pointer.ModelFile)} and {Quote(pointer.MetadataFile)}; a version's files are {ModelFileNames.Model(pointer.Version)} and {ModelFileNames.Metadata(pointer.Version)}. {ActivateAgain}");
        }

        return pointer;
    }

    /// <summary>Refuses a pointer field that is not a plain file name directly inside the folder (absolute, '..', a sub-folder, a NUL).</summary>
    private void CheckInside(string fileName, string field)
    {
        if (fileName.Any(char.IsControl))
        {
            throw new ModelRegistryException(ModelRegistryErrorKind.PointerCorrupt,
                $"{PointerPath} field '{field}' holds {Quote(fileName)}, which has control characters and is no file name. {ActivateAgain}");
        }

        string full;
        try
        {
            full = Path.GetFullPath(Path.Combine(ModelsDirectory, fileName));
        }
        catch (ArgumentException ex)
        {
            throw new ModelRegistryException(ModelRegistryErrorKind.PointerCorrupt,
                $"{PointerPath} field '{field}' holds {Quote(fileName)}, which is not a usable file name ({ex.Message}). {ActivateAgain}", ex);
        }

        var root = Path.EndsInDirectorySeparator(ModelsDirectory) ? ModelsDirectory : ModelsDirectory + Path.DirectorySeparatorChar;
        if (Path.IsPathRooted(fileName) || !full.StartsWith(root, StringComparison.Ordinal) || full.IndexOf(Path.DirectorySeparatorChar, root.Length) >= 0
            || fileName.IndexOfAny(['/', '\\']) >= 0)
        {
            throw new ModelRegistryException(ModelRegistryErrorKind.OutsideModelsDirectory,
                $"{PointerPath} field '{field}' names {Quote(fileName)}, which is not a file directly inside {ModelsDirectory}; refused. {ActivateAgain}");
        }
    }

    private static async Task<ModelMetadata> ReadMetadataAsync(string folder, string path, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await ModelFolderFile.ReadAsync(folder, path, ModelFileLimits.MaxMetadataBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelFolderFileException ex) when (ex.Problem == ModelFolderFileProblem.Missing)
        {
            throw new ModelRegistryException(ModelRegistryErrorKind.FileMissing,
                $"The model metadata file {path} does not exist. Train again or activate another version.", ex);
        }
        catch (ModelFolderFileException ex)
        {
            throw new ModelRegistryException(KindOf(ex, ModelRegistryErrorKind.MetadataCorrupt),
                $"The model metadata file {path} {ex.Message}; refused. Train again or activate another version.", ex);
        }

        try
        {
            return JsonSerializer.Deserialize(bytes, ModelsJsonContext.Default.ModelMetadata)
                ?? throw new JsonException("The file holds 'null'.");
        }
        catch (JsonException ex)
        {
            throw new ModelRegistryException(ModelRegistryErrorKind.MetadataCorrupt,
                $"The model metadata file {path} is not valid (line {ex.LineNumber + 1}): {ex.Message} Train again or activate another version.", ex);
        }
    }

    private Task<ModelMetadata> ReadMetadataAsync(string path, CancellationToken cancellationToken) => ReadMetadataAsync(ModelsDirectory, path, cancellationToken);

    private static ModelRegistryErrorKind KindOf(ModelFolderFileException ex, ModelRegistryErrorKind otherwise) =>
        ex.Problem is ModelFolderFileProblem.Refused or ModelFolderFileProblem.TooLarge ? ModelRegistryErrorKind.FileRefused : otherwise;
}
