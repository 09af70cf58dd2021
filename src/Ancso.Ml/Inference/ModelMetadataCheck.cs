using System.Globalization;
using Ancso.Ml.Features;
using Ancso.Ml.Models;

namespace Ancso.Ml.Inference;

/// <summary>Checks a model's metadata against itself and against the features this service builds.</summary>
internal static class ModelMetadataCheck
{
    private static readonly string[] KnownNormalizations = ["none", "folded"];

    /// <summary>Returns why the model cannot be used with <paramref name="serviceLayout"/>, or <see langword="null"/> when it can.</summary>
    public static (FallbackReason Reason, string Detail)? Check(ModelMetadata metadata, string metadataPath, FeatureLayout serviceLayout)
    {
        if (metadata.FormatVersion > ModelMetadata.CurrentFormatVersion)
        {
            return (FallbackReason.MetadataMismatch, Invariant(
                $"{metadataPath} has format_version {metadata.FormatVersion}; this library reads up to {ModelMetadata.CurrentFormatVersion}. Update Ancso.Ml, or activate a model trained by this version."));
        }

        if (string.IsNullOrWhiteSpace(metadata.InputName) || string.IsNullOrWhiteSpace(metadata.OutputName))
        {
            return (FallbackReason.ModelCorrupt, $"{metadataPath} must name 'input_name' and 'output_name'. Train again or activate another version.");
        }

        if (metadata.EmbeddingDimension <= 0)
        {
            return (FallbackReason.ModelCorrupt, Invariant(
                $"{metadataPath} gives embedding_dimension {metadata.EmbeddingDimension}; it must be positive. Train again or activate another version."));
        }

        if (string.IsNullOrWhiteSpace(metadata.EmbeddingGeneratorId))
        {
            return (FallbackReason.MetadataMismatch,
                $"{metadataPath} does not name the embedding generator the model was trained on (embedding_generator_id), so it cannot be checked against '{serviceLayout.EmbeddingGeneratorId}'. Train again with this library.");
        }

        FeatureLayout modelLayout;
        try
        {
            modelLayout = metadata.GetFeatureLayout();
        }
        catch (ArgumentException ex)
        {
            return (FallbackReason.MetadataMismatch, $"{metadataPath} lists metrics this library does not build: {ex.Message} Train again with this library.");
        }

        if (metadata.InputDimension != modelLayout.Width)
        {
            return (FallbackReason.ModelCorrupt, Invariant(
                $"{metadataPath} gives input_dimension {metadata.InputDimension}, but embedding_dimension {modelLayout.EmbeddingDimension} plus {modelLayout.MetricNames.Count} metrics make {modelLayout.Width}. Train again or activate another version."));
        }

        if (!double.IsFinite(metadata.Temperature) || metadata.Temperature <= 0)
        {
            return (FallbackReason.ModelCorrupt, Invariant(
                $"{metadataPath} gives temperature {metadata.Temperature}; it must be a positive number (1 when unsure). Fix the file or train again."));
        }

        if (!KnownNormalizations.Contains(metadata.Normalization, StringComparer.Ordinal))
        {
            return (FallbackReason.MetadataMismatch,
                $"{metadataPath} asks for normalization '{metadata.Normalization}'; this library feeds raw features and understands only 'none' and 'folded'. Train again with this library.");
        }

        if (serviceLayout.DescribeDifference(modelLayout) is { } difference)
        {
            return (FallbackReason.MetadataMismatch,
                $"The model in {metadataPath} was trained on other features than this service builds: {difference}. Configure the same embedding generator and dimension as in training, or train a model for this configuration.");
        }

        return null;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
