using System.Globalization;
using System.Text.Json;
using Ancso.Ml.Features;

namespace Ancso.Ml.Training.Data;

/// <summary>The parts of a dataset's <c>metadata.json</c> the trainer uses (see docs/dataset-format.md).</summary>
/// <param name="Path">The full path of <c>metadata.json</c>.</param>
/// <param name="Layout">The feature layout: generator id, embedding dimension, metric names in order.</param>
/// <param name="PairCount">The declared number of pairs, if given.</param>
/// <param name="DatasetHash">The declared <c>sha256:…</c> of <c>dataset.jsonl</c>, if given.</param>
internal sealed record DatasetMetadata(string Path, FeatureLayout Layout, int? PairCount, string? DatasetHash)
{
    public const string FileName = "metadata.json";

    public static async Task<DatasetMetadata> ReadAsync(string path, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new RankerTrainingException(RankerTrainingErrorKind.InvalidData,
                $"{path} does not exist. The trainer needs the metadata.json that the exporter writes beside dataset.jsonl (it names the embedding generator, its dimension and the metric order); export the dataset again.",
                path, innerException: ex);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException ex)
        {
            throw new RankerTrainingException(RankerTrainingErrorKind.InvalidData,
                $"{path} line {(ex.LineNumber ?? 0) + 1} is not valid JSON: {ex.Message} Export the dataset again.", path, (ex.LineNumber ?? 0) + 1, innerException: ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(path, null, "must hold a JSON object");
            }

            var generator = RequiredString(path, root, "embedding_generator_id");
            var dimension = RequiredInt(path, root, "embedding_dimension");
            if (!root.TryGetProperty("metric_names", out var metricsElement) || metricsElement.ValueKind != JsonValueKind.Array)
            {
                throw Invalid(path, "metric_names", "is missing or not an array of metric names");
            }

            var metrics = new List<string>();
            foreach (var m in metricsElement.EnumerateArray())
            {
                metrics.Add(m.ValueKind == JsonValueKind.String ? m.GetString()! : throw Invalid(path, "metric_names", "holds a value that is not a string"));
            }

            FeatureLayout layout;
            try
            {
                layout = new FeatureLayout(generator, dimension, metrics);
            }
            catch (ArgumentException ex)
            {
                throw Invalid(path, "metric_names", ex.Message);
            }

            if (root.TryGetProperty("feature_names", out var names) && names.ValueKind == JsonValueKind.Array && names.GetArrayLength() != layout.Width)
            {
                throw Invalid(path, "feature_names", string.Create(CultureInfo.InvariantCulture,
                    $"lists {names.GetArrayLength()} names, but embedding_dimension {dimension} plus {metrics.Count} metrics make {layout.Width}"));
            }

            int? pairCount = root.TryGetProperty("pair_count", out var pc) && pc.ValueKind == JsonValueKind.Number ? pc.GetInt32() : null;
            string? hash = root.TryGetProperty("dataset_hash", out var h) && h.ValueKind == JsonValueKind.String ? h.GetString() : null;
            return new DatasetMetadata(path, layout, pairCount, hash);
        }
    }

    private static string RequiredString(string path, JsonElement root, string field) =>
        root.TryGetProperty(field, out var e) && e.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(e.GetString())
            ? e.GetString()!
            : throw Invalid(path, field, "is missing or not a non-empty string");

    private static int RequiredInt(string path, JsonElement root, string field) =>
        root.TryGetProperty(field, out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var v) && v > 0
            ? v
            : throw Invalid(path, field, "is missing or not a positive integer");

    private static RankerTrainingException Invalid(string path, string? field, string problem) =>
        new(RankerTrainingErrorKind.InvalidData,
            field is null ? $"{path} {problem}. Export the dataset again." : $"{path}: '{field}' {problem}. Export the dataset again.",
            path, field: field);
}
