namespace Ancso.Ml.Pairs.Export;

/// <summary>The names and version of the dataset files (see <c>docs/dataset-format.md</c>).</summary>
public static class PairDatasetFiles
{
    /// <summary>The pairs, one JSON object per line: <c>dataset.jsonl</c>.</summary>
    public const string DatasetFileName = "dataset.jsonl";

    /// <summary>The dataset's description: <c>metadata.json</c>.</summary>
    public const string MetadataFileName = "metadata.json";

    /// <summary>The dataset format this library writes and reads: 1.</summary>
    public const int SchemaVersion = 1;

    /// <summary>The prefix of <c>dataset_hash</c>: <c>sha256:</c>.</summary>
    public const string HashPrefix = "sha256:";
}
