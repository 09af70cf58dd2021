using Ancso.Ml.Pairs.Erasure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ancso.Ml.Learning.Export;

/// <summary>The exported dataset in the data folder, as a copy of stored pairs that an erasure must reach.</summary>
internal sealed class ExportedDatasetEraser(IOptions<DatasetExportOptions> options, ILogger? logger = null) : IPairCopyEraser
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <summary>
    /// Deletes the dataset in the data folder when it held erased pairs: its metadata's fingerprint says so exactly. A
    /// dataset that cannot be judged (no fingerprint, from another store, unreadable metadata, or a dataset file the
    /// metadata does not name, left by an interrupted export) is deleted once anything has ever been erased from the
    /// store, and so are the temporary files of an export (they hold pairs, and one in progress would finish with erased
    /// ones). The dataset file goes before its metadata, so an interrupted delete is finished by a rerun, which still
    /// finds the metadata.
    /// </summary>
    public async Task<IReadOnlyList<string>> EraseCopiesAsync(IPairStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var directory = Path.GetFullPath(options.Value.DatasetDirectory);
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var metadataPath = Path.Combine(directory, PairDatasetFiles.MetadataFileName);
        string[] datasetFiles = [.. new[] { PairDatasetFiles.DatasetFileName, PairDatasetFiles.CompactFileName }.Where(f => File.Exists(Path.Combine(directory, f)))];
        string[] temporary = [.. Directory.EnumerateFiles(directory, "*.tmp")
            .Select(Path.GetFileName)
            .Where(static f => f!.StartsWith(PairDatasetFiles.DatasetFileName + ".", StringComparison.Ordinal)
                || f.StartsWith(PairDatasetFiles.CompactFileName + ".", StringComparison.Ordinal)
                || f.StartsWith(PairDatasetFiles.MetadataFileName + ".", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)!];
        var hasMetadata = File.Exists(metadataPath);
        if (datasetFiles.Length == 0 && !hasMetadata && temporary.Length == 0)
        {
            return [];
        }

        var storeId = await store.GetStoreIdAsync(cancellationToken).ConfigureAwait(false);
        var anythingErased = await store.HasErasedPairsAsync(new PairStoreFingerprint(storeId, long.MaxValue), cancellationToken).ConfigureAwait(false);
        PairDatasetMetadata? metadata = null;
        try
        {
            metadata = hasMetadata ? await PairDatasetReader.ReadMetadataAsync(metadataPath, cancellationToken).ConfigureAwait(false) : null;
        }
        catch (Exception ex) when (ex is PairDatasetFormatException or IOException or UnauthorizedAccessException)
        {
            // Unreadable metadata says nothing about the dataset: it is judged as one without a fingerprint.
        }

        var fingerprint = metadata?.SourceStore?.ToFingerprint(metadata.Filters);
        var described = metadata?.DatasetFile ?? PairDatasetFiles.DatasetFileName;
        var tainted = fingerprint is not null && string.Equals(fingerprint.StoreId, storeId, StringComparison.Ordinal)
            ? await store.HasErasedPairsAsync(fingerprint, cancellationToken).ConfigureAwait(false)
            : anythingErased;
        var doomed = new List<string>();
        if (anythingErased)
        {
            doomed.AddRange(temporary);
            doomed.AddRange(datasetFiles.Where(f => metadata is null || !string.Equals(f, described, StringComparison.Ordinal) || tainted));
        }

        if (tainted && hasMetadata)
        {
            doomed.Add(PairDatasetFiles.MetadataFileName);
        }

        var deleted = new List<string>();
        try
        {
            foreach (var file in doomed.Distinct(StringComparer.Ordinal))
            {
                var path = Path.Combine(directory, file);
                if (File.Exists(path))
                {
                    File.Delete(path);
                    deleted.Add(file);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            PairDatasetExporterLog.ErasedDatasetProblem(_logger, directory, ex.Message);
            throw new IOException($"The dataset in '{directory}' holds erased pairs but could not be deleted: {ex.Message} Delete it, or run the erasure again.", ex);
        }

        return deleted;
    }
}
