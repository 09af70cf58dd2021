using System.Buffers;
using System.Globalization;
using Ancso.Ml.DependencyInjection;
using Ancso.Ml.IO;
using Ancso.Ml.Models;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using ModelMetadata = Ancso.Ml.Models.ModelMetadata;

namespace Ancso.Ml.Inference;

/// <summary>
/// Turns a model file whose metadata has been checked into a warmed-up <see cref="ModelSession"/>, trusting nothing
/// about the file: it is read as an untrusted file of the models folder (<see cref="ModelFolderFile"/>), refused if any
/// tensor keeps its data in another file, loaded in ONNX Runtime, checked against its metadata, and run once on two
/// rows, whose scores must be finite. Shared by the inference service and by activation, so a model is judged the same
/// way before it is activated and when it is served. Never throws for a bad model: every failure is a
/// <see cref="LoadOutcome"/> whose detail names files within the models folder only.
/// </summary>
internal static class ModelOpener
{
    private const string TryAnother = "Train again or activate another version (ancso ranker activate <version>).";

    public static async Task<LoadOutcome> OpenAsync(
        string modelsDirectory, ModelVersionInfo active, ModelMetadata metadata, FileStamp stamp, IOnnxSessionFactory factory, RankerOptions options, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(active.ModelPath);
        byte[] bytes;
        try
        {
            bytes = await ModelFolderFile.ReadAsync(modelsDirectory, active.ModelPath, ModelFileLimits.MaxModelBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelFolderFileException ex)
        {
            var reason = ex.Problem == ModelFolderFileProblem.Missing ? FallbackReason.ModelFileMissing : FallbackReason.ModelCorrupt;
            var detail = $"The model file {name} of version '{active.Version}' {PathText.Redact(ex.Message, modelsDirectory)}; refused. {TryAnother}";
            var log = ex.ResolvedPath is { } resolved ? $"{detail} ({active.ModelPath} leads to {resolved}.)" : null;
            return LoadOutcome.Failed(reason, detail, active.Version, log);
        }

        if (OnnxExternalData.Find(bytes) is { } finding)
        {
            return LoadOutcome.Failed(FallbackReason.ModelCorrupt, finding.IsMalformed
                ? $"The model file {name} of version '{active.Version}' is corrupt or truncated: {finding.Description}. {TryAnother}"
                : $"The model file {name} of version '{active.Version}' cannot be served: {finding.Description}. A served model must hold its weights itself; external data is refused. {TryAnother}",
                active.Version);
        }

        InferenceSession session;
        try
        {
            session = factory.Create(bytes, options);
        }
        catch (Exception ex) when (OnnxSessionFactory.IsRuntimeLoadFailure(ex))
        {
            var cause = ex.GetBaseException();
            return LoadOutcome.Failed(FallbackReason.RuntimeUnavailable,
                $"The ONNX Runtime native library could not be loaded on this machine ({cause.GetType().Name}: {PathText.Redact(cause.Message, modelsDirectory)}). Run on a platform the Microsoft.ML.OnnxRuntime package supports (win, linux or osx; x64 or arm64) and make sure its native library is deployed with the app.",
                active.Version);
        }
        catch (OnnxRuntimeException ex)
        {
            return LoadOutcome.Failed(FallbackReason.ModelCorrupt,
                $"ONNX Runtime could not load the model file {name} of version '{active.Version}' (corrupt or truncated): {PathText.Redact(ex.Message, modelsDirectory)} {TryAnother}",
                active.Version);
        }

        var ownsSession = true;
        try
        {
            if (DescribeSignatureProblem(session, metadata, out var scoreHasColumn) is { } signatureProblem)
            {
                return LoadOutcome.Failed(FallbackReason.MetadataMismatch,
                    $"The model file {name} does not match its metadata {Path.GetFileName(active.MetadataPath)}: {signatureProblem}. {TryAnother}",
                    active.Version);
            }

            var loaded = new ModelSession(session, active, metadata, stamp, scoreHasColumn);
            ownsSession = false;
            if (WarmUp(loaded) is { } warmUpProblem)
            {
                loaded.Release();
                return LoadOutcome.Failed(FallbackReason.ModelCorrupt,
                    $"The model file {name} of version '{active.Version}' loaded but failed its first run: {PathText.Redact(warmUpProblem, modelsDirectory)} {TryAnother}",
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

        return CheckReasonOutput(session, metadata);
    }

    /// <summary>A reason output, when the metadata names one: float32 <c>[N, K]</c> with K the number of reason tags.</summary>
    private static string? CheckReasonOutput(InferenceSession session, ModelMetadata metadata)
    {
        if (metadata.ReasonOutputName is not { } name || metadata.ReasonTags is not { } tags)
        {
            return null;
        }

        if (!session.OutputMetadata.TryGetValue(name, out var output))
        {
            return $"the model gives outputs [{string.Join(", ", session.OutputMetadata.Keys)}]; the metadata names the reason output '{name}'";
        }

        var dims = output.Dimensions;
        if (!output.IsTensor || output.ElementDataType != TensorElementType.Float || dims.Length != 2 || dims[1] != tags.Count)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"reason output '{name}' is {(output.IsTensor ? output.ElementDataType.ToString() : "not a tensor")} [{string.Join(", ", dims)}]; the metadata's {tags.Count} reason tags need float32 [N, {tags.Count}]");
        }

        return null;
    }

    /// <summary>Runs the model on a row of zeros and a row of ones; both scores must be finite.</summary>
    private static string? WarmUp(ModelSession session)
    {
        var features = ArrayPool<float>.Shared.Rent(2 * session.Width);
        var scores = ArrayPool<float>.Shared.Rent(2);
        try
        {
            features.AsSpan(0, session.Width).Clear();
            features.AsSpan(session.Width, session.Width).Fill(1f);
            session.Run(features, scores, rows: 2);
            for (var row = 0; row < 2; row++)
            {
                if (!float.IsFinite(scores[row]))
                {
                    return string.Create(CultureInfo.InvariantCulture,
                        $"it scored a row of {(row == 0 ? "zeros" : "ones")} as {scores[row]}, not a finite number (its weights hold NaN or infinity, or overflow).");
                }
            }

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
