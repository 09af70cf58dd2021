
namespace Ancso.Ml.Learning.Dataset;

/// <summary>The names and version of the dataset files (see <c>docs/dataset-format.md</c>).</summary>
public static class PairDatasetFiles
{
    /// <summary>The pairs, one JSON object per line: <c>dataset.jsonl</c>.</summary>
    public const string DatasetFileName = "dataset.jsonl";

    /// <summary>The compact layout: each item's features once, pairs referring to items: <c>dataset.bin</c>.</summary>
    public const string CompactFileName = "dataset.bin";

    /// <summary>The dataset's description: <c>metadata.json</c>.</summary>
    public const string MetadataFileName = "metadata.json";

    /// <summary>The dataset format this library writes and reads: 1.</summary>
    public const int SchemaVersion = 1;

    /// <summary>The prefix of <c>dataset_hash</c>: <c>sha256:</c>.</summary>
    public const string HashPrefix = "sha256:";

    /// <summary>Gets the file name of a layout's dataset file.</summary>
    /// <param name="format">The layout.</param>
    /// <returns><see cref="DatasetFileName"/> or <see cref="CompactFileName"/>.</returns>
    public static string FileNameOf(PairDatasetFormat format) => format == PairDatasetFormat.Jsonl ? DatasetFileName : CompactFileName;
}
