using System.Globalization;
using Ancso.Ml.Features;
using Ancso.Ml.Models;

namespace Ancso.Ml.Inference;

/// <summary>
/// Checks a model's metadata against itself and against the features this service builds. Details name the metadata
/// file by its name within the models folder (never an absolute path: they reach callers in provenances).
/// </summary>
internal static class ModelMetadataCheck
{
    private static readonly string[] KnownNormalizations = ["none", "folded"];

    /// <summary>Returns why the model cannot be used with <paramref name="serviceLayout"/>, or <see langword="null"/> when it can.</summary>
    public static (FallbackReason Reason, string Detail)? Check(ModelMetadata metadata, string metadataName, FeatureLayout serviceLayout)
    {
        if (CheckItself(metadata, metadataName) is { } problem)
        {
            return problem;
        }

        if (serviceLayout.DescribeDifference(metadata.GetFeatureLayout()) is { } difference)
        {
            return (FallbackReason.MetadataMismatch,
                $"The model in {metadataName} was trained on other features than this service builds: {difference}. Configure the same embedding generator and dimension as in training, or train a model for this configuration.");
        }

        return null;
    }

    /// <summary>Returns why the metadata cannot describe a usable model whatever service loads it, or <see langword="null"/>.</summary>
    public static (FallbackReason Reason, string Detail)? CheckItself(ModelMetadata metadata, string metadataName)
    {
        if (metadata.FormatVersion > ModelMetadata.CurrentFormatVersion)
        {
            return (FallbackReason.MetadataMismatch, Invariant(
                $"{metadataName} has format_version {metadata.FormatVersion}; this library reads up to {ModelMetadata.CurrentFormatVersion}. Update Ancso.Ml, or activate a model trained by this version."));
        }

        if (string.IsNullOrWhiteSpace(metadata.InputName) || string.IsNullOrWhiteSpace(metadata.OutputName))
        {
            return (FallbackReason.ModelCorrupt, $"{metadataName} must name 'input_name' and 'output_name'. Train again or activate another version.");
        }

        if (metadata.EmbeddingDimension <= 0)
        {
            return (FallbackReason.ModelCorrupt, Invariant(
                $"{metadataName} gives embedding_dimension {metadata.EmbeddingDimension}; it must be positive. Train again or activate another version."));
        }

        if (string.IsNullOrWhiteSpace(metadata.EmbeddingGeneratorId))
        {
            return (FallbackReason.MetadataMismatch,
                $"{metadataName} does not name the embedding generator the model was trained on (embedding_generator_id), so it cannot be checked against the service's. Train again with this library.");
        }

        FeatureLayout modelLayout;
        try
        {
            modelLayout = metadata.GetFeatureLayout();
        }
        catch (ArgumentException ex)
        {
            return (FallbackReason.MetadataMismatch, $"{metadataName} lists metrics this library does not build: {ex.Message} Train again with this library.");
        }

        if (metadata.InputDimension != modelLayout.Width)
        {
            return (FallbackReason.ModelCorrupt, Invariant(
                $"{metadataName} gives input_dimension {metadata.InputDimension}, but embedding_dimension {modelLayout.EmbeddingDimension} plus {modelLayout.MetricNames.Count} metrics make {modelLayout.Width}. Train again or activate another version."));
        }

        if (!double.IsFinite(metadata.Temperature) || metadata.Temperature <= 0)
        {
            return (FallbackReason.ModelCorrupt, Invariant(
                $"{metadataName} gives temperature {metadata.Temperature}; it must be a positive number (1 when unsure). Fix the file or train again."));
        }

        if (!KnownNormalizations.Contains(metadata.Normalization, StringComparer.Ordinal))
        {
            return (FallbackReason.MetadataMismatch,
                $"{metadataName} asks for normalization '{metadata.Normalization}'; this library feeds raw features and understands only 'none' and 'folded'. Train again with this library.");
        }

        return CheckReasons(metadata, metadataName);
    }

    /// <summary>
    /// A reason output needs its tags: as many as its width, distinct, each of the vocabulary (at most 256). A model
    /// whose reason output cannot be read is refused, not served with reasons that would name the wrong tags.
    /// </summary>
    private static (FallbackReason Reason, string Detail)? CheckReasons(ModelMetadata metadata, string metadataName)
    {
        const int MaxTags = 256;
        if (metadata.ReasonOutputName is null && metadata.ReasonTags is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(metadata.ReasonOutputName) || metadata.ReasonTags is not { Count: > 0 and <= MaxTags } tags)
        {
            return (FallbackReason.ModelCorrupt, Invariant(
                $"{metadataName} must give both 'reason_output_name' and 'reason_tags' (1 to {MaxTags} tags), or neither. Train again or activate another version."));
        }

        if (string.Equals(metadata.ReasonOutputName, metadata.OutputName, StringComparison.Ordinal))
        {
            return (FallbackReason.ModelCorrupt, $"{metadataName} names '{metadata.OutputName}' as both the score and the reason output. Train again or activate another version.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < tags.Count; i++)
        {
            if (!Reasons.ReasonTags.Contains(tags[i]))
            {
                return (FallbackReason.MetadataMismatch, Invariant(
                    $"{metadataName}, reason_tags[{i}]: '{tags[i]}' is not in this library's reason vocabulary. Update Ancso.Ml, or train again with this version."));
            }

            if (!seen.Add(tags[i]))
            {
                return (FallbackReason.ModelCorrupt, Invariant($"{metadataName}, reason_tags[{i}]: '{tags[i]}' appears twice. Train again or activate another version."));
            }
        }

        return null;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
