using Ancso.Ml.DependencyInjection;
using Ancso.Ml.Features;
using Ancso.Ml.IO;

namespace Ancso.Ml.Inference;

/// <summary>
/// Finds the active model through the registry, checks its metadata against the service's features, and hands the file
/// to <see cref="ModelOpener"/> (read as untrusted, loaded, checked against the metadata, warmed up). Every way this can
/// fail becomes a <see cref="LoadOutcome"/> with a reason and a sentence saying what to do, naming files only by their
/// name within the models folder; nothing is thrown for a bad model or a bad models folder.
/// </summary>
internal sealed class ModelLoader
{
    private readonly IModelRegistry _registry;
    private readonly FeatureLayout _layout;
    private readonly IOnnxSessionFactory _factory;
    private readonly RankerOptions _options;

    public ModelLoader(IModelRegistry registry, FeatureLayout layout, IOnnxSessionFactory factory, RankerOptions options)
    {
        _registry = registry;
        _layout = layout;
        _factory = factory;
        _options = options;
    }

    public async Task<LoadOutcome> LoadAsync(ModelSession? current, CancellationToken cancellationToken)
    {
        var folder = _registry.ModelsDirectory;
        ModelVersionInfo? active;
        try
        {
            active = await _registry.GetActiveAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ModelRegistryException ex)
        {
            var reason = ex.Kind == ModelRegistryErrorKind.FileMissing ? FallbackReason.ModelFileMissing : FallbackReason.ModelCorrupt;
            var resolved = (ex.InnerException as ModelFolderFileException)?.ResolvedPath;
            return LoadOutcome.Failed(reason, PathText.Redact(ex.Message, folder), logDetail: resolved is null ? ex.Message : $"{ex.Message} (it leads to {resolved}.)");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return LoadOutcome.Failed(FallbackReason.ModelCorrupt,
                $"The models folder could not be read: {PathText.Redact(ex.Message, folder)} Check the folder's permissions.", logDetail: ex.Message);
        }

        if (active is null)
        {
            return LoadOutcome.Failed(FallbackReason.NoModel,
                $"No model is active in the models folder: there is no {ModelFileNames.ActivePointer} and no {ModelFileNames.LegacyModel}. Train and activate one (ancso ranker train) or activate a stored version (ancso ranker activate <version>).");
        }

        if (active.Metadata is not { } metadata)
        {
            return LoadOutcome.Failed(FallbackReason.ModelCorrupt,
                $"The metadata file {Path.GetFileName(active.MetadataPath)} of version '{active.Version}' could not be read. Train again or activate another version.", active.Version);
        }

        if (ModelMetadataCheck.Check(metadata, Path.GetFileName(active.MetadataPath), _layout) is { } problem)
        {
            return LoadOutcome.Failed(problem.Reason, problem.Detail, active.Version);
        }

        var stamp = FileStamp.Of(active.ModelPath);
        if (current is not null && current.Serves(active, stamp))
        {
            return LoadOutcome.Unchanged;
        }

        return await ModelOpener.OpenAsync(folder, active, metadata, stamp, _factory, _options, cancellationToken).ConfigureAwait(false);
    }
}
