using Ancso.Ml.Features;
using Ancso.Ml.Pairs.Export;
using SdkDatasetReader = Ancso.Ml.Pairs.Export.PairDatasetReader;

namespace Ancso.Ml.Training.Data;

/// <summary>The parts of a dataset's <c>metadata.json</c> the trainer uses (see docs/dataset-format.md).</summary>
/// <param name="Path">The full path of <c>metadata.json</c>.</param>
/// <param name="Layout">The feature layout: generator id, embedding dimension, metric names in order.</param>
/// <param name="PairCount">The declared number of pairs.</param>
/// <param name="DatasetHash">The declared <c>sha256:…</c> of <c>dataset.jsonl</c>.</param>
internal sealed record DatasetMetadata(string Path, FeatureLayout Layout, int PairCount, string DatasetHash)
{
    public const string FileName = "metadata.json";

    /// <summary>
    /// Reads <c>metadata.json</c> with the SDK's one reader of the format (<see cref="SdkDatasetReader.ReadMetadataAsync"/>):
    /// every field required, unknown or repeated fields refused, the schema version this library writes, a well-formed
    /// <c>dataset_hash</c>. Any problem is a <see cref="RankerTrainingException"/> naming the file, line and field.
    /// </summary>
    public static async Task<DatasetMetadata> ReadAsync(string path, CancellationToken cancellationToken)
    {
        PairDatasetMetadata metadata;
        try
        {
            metadata = await SdkDatasetReader.ReadMetadataAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new RankerTrainingException(RankerTrainingErrorKind.InvalidData,
                $"{path} does not exist. The trainer needs the metadata.json that the exporter writes beside dataset.jsonl (it names the embedding generator, its dimension and the metric order); export the dataset again.",
                path, innerException: ex);
        }
        catch (PairDatasetFormatException ex)
        {
            throw new RankerTrainingException(RankerTrainingErrorKind.InvalidData,
                $"{ex.Message} Export the dataset again.", path, ex.LineNumber, ex.Field, ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RankerTrainingException(RankerTrainingErrorKind.InvalidData, $"{path} could not be read: {ex.Message}", path, innerException: ex);
        }

        FeatureLayout layout;
        try
        {
            layout = new FeatureLayout(metadata.EmbeddingGeneratorId, metadata.EmbeddingDimension, [.. metadata.MetricNames]);
        }
        catch (ArgumentException ex)
        {
            throw new RankerTrainingException(RankerTrainingErrorKind.InvalidData,
                $"{path}: 'metric_names' {ex.Message} Export the dataset again.", path, field: "metric_names", innerException: ex);
        }

        return new DatasetMetadata(path, layout, metadata.PairCount, metadata.DatasetHash);
    }
}
