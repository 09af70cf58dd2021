using System.Buffers;
using System.Globalization;
using Ancso.Ml.DependencyInjection;
using Ancso.Ml.Features;
using Ancso.Ml.Models;
using Microsoft.ML.OnnxRuntime;
using ModelMetadata = Ancso.Ml.Models.ModelMetadata;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Ancso.Ml.Inference;

/// <summary>
/// Finds the active model through the registry, checks its metadata against the service's features, creates the
/// ONNX Runtime session, checks the session's input and output against the metadata and warms it up. Every way this can
/// fail becomes a <see cref="LoadOutcome"/> with a reason and a sentence saying what to do; nothing is thrown for a bad
/// model.
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
        ModelVersionInfo? active;
        try
        {
            active = await _registry.GetActiveAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ModelRegistryException ex)
        {
            var reason = ex.Kind == ModelRegistryErrorKind.FileMissing ? FallbackReason.ModelFileMissing : FallbackReason.ModelCorrupt;
            return LoadOutcome.Failed(reason, ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return LoadOutcome.Failed(FallbackReason.ModelCorrupt,
                $"The models folder {_registry.ModelsDirectory} could not be read: {ex.Message} Check the folder's permissions.");
        }

        if (active is null)
        {
            return LoadOutcome.Failed(FallbackReason.NoModel,
                $"No model is active in {_registry.ModelsDirectory}: there is no {ModelFileNames.ActivePointer} and no {ModelFileNames.LegacyModel}. Train and activate one (ancso ranker train) or activate a stored version (ancso ranker activate <version>).");
        }

        if (active.Metadata is not { } metadata)
        {
            return LoadOutcome.Failed(FallbackReason.ModelCorrupt,
                $"The metadata file {active.MetadataPath} of version '{active.Version}' could not be read. Train again or activate another version.", active.Version);
        }

        if (ModelMetadataCheck.Check(metadata, active.MetadataPath, _layout) is { } problem)
        {
            return LoadOutcome.Failed(problem.Reason, problem.Detail, active.Version);
        }

        var stamp = FileStamp.Of(active.ModelPath);
        if (current is not null && current.Serves(active, stamp))
        {
            return LoadOutcome.Unchanged;
        }

        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(active.ModelPath, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return LoadOutcome.Failed(FallbackReason.ModelFileMissing,
                $"The model file {active.ModelPath} of version '{active.Version}' does not exist. Train again or activate another version (ancso ranker activate <version>).", active.Version);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return LoadOutcome.Failed(FallbackReason.ModelCorrupt,
                $"The model file {active.ModelPath} could not be read: {ex.Message} Check the file's permissions.", active.Version);
        }

        if (bytes.Length == 0)
        {
            return LoadOutcome.Failed(FallbackReason.ModelCorrupt,
                $"The model file {active.ModelPath} is empty. Train again or activate another version (ancso ranker activate <version>).", active.Version);
        }

        InferenceSession session;
        try
        {
            session = _factory.Create(bytes, _options);
        }
        catch (Exception ex) when (OnnxSessionFactory.IsRuntimeLoadFailure(ex))
        {
            var cause = ex.GetBaseException();
            return LoadOutcome.Failed(FallbackReason.RuntimeUnavailable,
                $"The ONNX Runtime native library could not be loaded on this machine ({cause.GetType().Name}: {cause.Message}). Run on a platform the Microsoft.ML.OnnxRuntime package supports (win, linux or osx; x64 or arm64) and make sure its native library is deployed with the app.",
                active.Version);
        }
        catch (OnnxRuntimeException ex)
        {
            return LoadOutcome.Failed(FallbackReason.ModelCorrupt,
                $"ONNX Runtime could not load the model file {active.ModelPath} (corrupt or truncated): {ex.Message} Train again or activate another version (ancso ranker activate <version>).",
                active.Version);
        }

        var ownsSession = true;
        try
        {
            if (DescribeSignatureProblem(session, metadata, out var scoreHasColumn) is { } signatureProblem)
            {
                return LoadOutcome.Failed(FallbackReason.MetadataMismatch,
                    $"The model file {active.ModelPath} does not match its metadata {active.MetadataPath}: {signatureProblem}. Train again or activate another version.",
                    active.Version);
            }

            var loaded = new ModelSession(session, active, metadata, stamp, scoreHasColumn);
            ownsSession = false;
            if (WarmUp(loaded) is { } warmUpProblem)
            {
                loaded.Release();
                return LoadOutcome.Failed(FallbackReason.ModelCorrupt,
                    $"The model file {active.ModelPath} loaded but failed its first run: {warmUpProblem} Train again or activate another version.",
                    active.Version);
            }

            return LoadOutcome.Loaded(loaded);
        }
        finally
        {
            if (ownsSession)
            {
                session.Dispose();
            }
        }
    }

    private static string? DescribeSignatureProblem(InferenceSession session, ModelMetadata metadata, out bool scoreHasColumn)
    {
        scoreHasColumn = false;
        var inputs = session.InputMetadata;
        if (inputs.Count != 1 || !inputs.TryGetValue(metadata.InputName, out var input))
        {
            return $"the model takes inputs [{string.Join(", ", inputs.Keys)}]; the metadata names one input, '{metadata.InputName}'";
        }

        if (!input.IsTensor || input.ElementDataType != TensorElementType.Float)
        {
            return $"input '{metadata.InputName}' is not a float32 tensor";
        }

        var inDims = input.Dimensions;
        if (inDims.Length != 2 || inDims[1] != metadata.InputDimension)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"input '{metadata.InputName}' has shape [{string.Join(", ", inDims)}]; the metadata says [N, {metadata.InputDimension}]");
        }

        if (inDims[0] > 0)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"input '{metadata.InputName}' has a fixed batch of {inDims[0]}; comparing and ranking need a dynamic batch dimension");
        }

        if (!session.OutputMetadata.TryGetValue(metadata.OutputName, out var output))
        {
            return $"the model gives outputs [{string.Join(", ", session.OutputMetadata.Keys)}]; the metadata names '{metadata.OutputName}'";
        }

        if (!output.IsTensor || output.ElementDataType != TensorElementType.Float)
        {
            return $"output '{metadata.OutputName}' is not a float32 tensor";
        }

        var outDims = output.Dimensions;
        if (outDims.Length == 2 && outDims[1] == 1)
        {
            scoreHasColumn = true;
        }
        else if (outDims.Length != 1)
        {
            return $"output '{metadata.OutputName}' has shape [{string.Join(", ", outDims)}]; one score per row ([N] or [N, 1]) is expected";
        }

        return null;
    }

    private static string? WarmUp(ModelSession session)
    {
        var features = ArrayPool<float>.Shared.Rent(session.Width);
        var scores = ArrayPool<float>.Shared.Rent(1);
        try
        {
            Array.Clear(features, 0, session.Width);
            session.Run(features, scores, rows: 1);
            return null;
        }
        catch (OnnxRuntimeException ex)
        {
            return ex.Message;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(features);
            ArrayPool<float>.Shared.Return(scores);
        }
    }
}
