
namespace Ancso.Ml.Learning.Dataset;

/// <summary>The layout of an exported dataset (see <c>docs/dataset-format.md</c>); <c>metadata.json</c> describes either.</summary>
public enum PairDatasetFormat
{
    /// <summary>
    /// <c>dataset.bin</c>: each item's feature vector stored once as float32, pairs referring to items. About 10× smaller
    /// than JSON Lines at 1,536 dimensions, written and read many times faster; the default.
    /// </summary>
    Compact = 0,

    /// <summary><c>dataset.jsonl</c>: one JSON object per pair with both feature vectors; the original system's format, readable by its Python tools.</summary>
    Jsonl = 1,
}
