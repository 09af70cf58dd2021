namespace Ancso.Ml.Learning.Export;

/// <summary>What to export.</summary>
public sealed class PairDatasetExportRequest
{
    /// <summary>Gets the folder to write the dataset file and <c>metadata.json</c> into; created when missing.</summary>
    /// <value>Default: <see langword="null"/> (<see cref="DatasetExportOptions.DatasetDirectory"/>, <c>data/ranker</c>).</value>
    public string? OutputDirectory { get; init; }

    /// <summary>
    /// Gets the layout to write: the compact <c>dataset.bin</c> (each item's features once, float32) or
    /// <c>dataset.jsonl</c> (the original system's format). The other layout's file in the folder, from an earlier
    /// export, is removed once the new dataset is in place, so the folder holds one dataset.
    /// </summary>
    /// <value>Default: <see cref="PairDatasetFormat.Compact"/>.</value>
    public PairDatasetFormat Format { get; init; } = PairDatasetFormat.Compact;

    /// <summary>Gets the platform to export.</summary>
    /// <value>Default: <see langword="null"/> (every platform).</value>
    public string? Platform { get; init; }

    /// <summary>Gets the source to export, one of <see cref="PairSources.All"/>.</summary>
    /// <value>Default: <see langword="null"/> (every source).</value>
    public string? Source { get; init; }

    /// <summary>Gets whether to count the matching pairs only, writing no file and computing no feature.</summary>
    /// <value>Default: <see langword="false"/>.</value>
    public bool StatisticsOnly { get; init; }

    /// <summary>Gets a receiver of progress (pairs written so far, of the matching total), reported after each batch.</summary>
    /// <value>Default: <see langword="null"/> (no report, and no count before the export).</value>
    public IProgress<PairDatasetExportProgress>? Progress { get; init; }
}

/// <summary>Progress of an export.</summary>
/// <param name="Written">Pairs written so far.</param>
/// <param name="Total">Pairs matching the request when the export started.</param>
public sealed record PairDatasetExportProgress(int Written, int Total);
