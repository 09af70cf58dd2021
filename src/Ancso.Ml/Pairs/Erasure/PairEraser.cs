using Ancso.Ml.Models;
using Ancso.Ml.Pairs.Dataset;
using Ancso.Ml.Pairs.Export;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ancso.Ml.Pairs;

/// <summary>
/// Erases in the order that keeps a crash harmless: the store's transaction first (pairs, unused items and their cached
/// embeddings leave together, and the erasure log records what went); then everything derived, which is decided from
/// the erasure log alone and so is simply done again by a rerun: the dataset in the data folder is deleted when its
/// fingerprint says it held erased pairs, and model versions are judged the same way.
/// </summary>
internal sealed class PairEraser(
    IPairStore store, IRaterPseudonymizer raters, IModelRegistry registry, PairStoreOptions options, TimeProvider time, ILogger? logger = null) : IPairEraser
{
    /// <summary>The key of a model's training fingerprint in its metadata's <c>extra</c>.</summary>
    public const string FingerprintKey = "training_data";

    /// <summary>The key of the fingerprints a warm-started model inherited from the model it started from.</summary>
    public const string InheritedKey = "inherited_training_data";

    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    public async Task<ErasureResult> EraseAsync(ErasureRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.OlderThan is { } age && age <= TimeSpan.Zero)
        {
            throw new ArgumentException($"The erasure's age limit is {age}; give a positive duration (for example 365 days).", nameof(request));
        }

        var query = new PairErasureQuery
        {
            Rater = request.RaterId is null ? null : raters.Pseudonymize(request.RaterId),
            ItemId = request.ItemId,
            TextHash = request.Text is null ? null : PairErasureQuery.ForText(request.Text).TextHash,
            CreatedBefore = request.OlderThan is { } olderThan ? time.GetUtcNow() - olderThan : null,
        };
        query.Validate();

        var counts = await store.ErasePairsAsync(query, request.DryRun, cancellationToken).ConfigureAwait(false);
        var datasets = request.DryRun ? [] : await DeleteErasedDatasetsAsync(cancellationToken).ConfigureAwait(false);
        var models = await CheckModelsAsync(cancellationToken).ConfigureAwait(false);
        var marked = models.Where(static m => m.TrainedOnErasedData == true).ToList();
        var active = marked.Any(static m => m.IsActive);
        var criteria = query.ToString();
        if (counts.IsEmpty && datasets.Count == 0)
        {
            // A retention sweep that finds nothing is not worth an audit line every few minutes.
            ErasureLog.NothingErased(_logger, criteria, marked.Count, active);
        }
        else
        {
            ErasureLog.Erased(_logger, criteria, request.DryRun ? " (dry run)" : "", counts.Pairs, counts.Items, counts.Embeddings, datasets.Count, marked.Count, active);
        }
        return new ErasureResult(counts, datasets, [.. marked.Select(static m => m.Version)], active, request.DryRun);
    }

    public async Task<IReadOnlyList<ModelErasureStatus>> CheckModelsAsync(CancellationToken cancellationToken = default)
    {
        var versions = await registry.ListVersionsAsync(cancellationToken).ConfigureAwait(false);
        var storeId = versions.Count == 0 ? "" : await store.GetStoreIdAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<ModelErasureStatus>(versions.Count);
        foreach (var version in versions)
        {
            result.Add(new ModelErasureStatus(version.Version, version.IsActive, await LearnedFromErasedDataAsync(version.Metadata?.Extra, storeId, cancellationToken).ConfigureAwait(false)));
        }

        return result;
    }

    /// <summary>
    /// Whether a model learned from erased data: its own fingerprint or one it inherited through a warm start is marked
    /// (true); none is, and all are known (false); otherwise unknown (null).
    /// </summary>
    private async Task<bool?> LearnedFromErasedDataAsync(IDictionary<string, System.Text.Json.JsonElement>? extra, string storeId, CancellationToken cancellationToken)
    {
        var fingerprints = new List<PairStoreFingerprint?>
        {
            extra is not null && extra.TryGetValue(FingerprintKey, out var own) ? PairStoreFingerprint.FromJson(own) : null,
        };
        if (extra is not null && extra.TryGetValue(InheritedKey, out var inherited) && inherited.ValueKind == System.Text.Json.JsonValueKind.Array)
        {
            fingerprints.AddRange(inherited.EnumerateArray().Select(PairStoreFingerprint.FromJson));
        }

        // A fingerprint of another store cannot be judged here: unknown, not "no".
        var known = fingerprints.Select(f => f is not null && string.Equals(f.StoreId, storeId, StringComparison.Ordinal) ? f : null).ToList();
        foreach (var fingerprint in known)
        {
            if (fingerprint is not null && await store.HasErasedPairsAsync(fingerprint, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }
        }

        return known.Contains(null) ? null : false;
    }

    public async Task<ModelPurgeResult> PurgeModelsAsync(CancellationToken cancellationToken = default)
    {
        var models = await CheckModelsAsync(cancellationToken).ConfigureAwait(false);
        var deleted = new List<string>();
        foreach (var model in models.Where(static m => m.TrainedOnErasedData == true && !m.IsActive))
        {
            if (await registry.DeleteAsync(model.Version, cancellationToken).ConfigureAwait(false))
            {
                deleted.Add(model.Version);
            }
        }

        var active = models.Any(static m => m.IsActive && m.TrainedOnErasedData == true);
        ErasureLog.Purged(_logger, deleted.Count, active);
        return new ModelPurgeResult(deleted, active);
    }

    /// <summary>
    /// Deletes the dataset in the data folder when it held erased pairs: its metadata's fingerprint says so exactly. A
    /// dataset that cannot be judged (no fingerprint, from another store, unreadable metadata, or a dataset file the
    /// metadata does not name, left by an interrupted export) is deleted once anything has ever been erased from the
    /// store, and so are the temporary files of an export (they hold pairs, and one in progress would finish with erased
    /// ones). The dataset file goes before its metadata, so an interrupted delete is finished by a rerun, which still
    /// finds the metadata.
    /// </summary>
    private async Task<IReadOnlyList<string>> DeleteErasedDatasetsAsync(CancellationToken cancellationToken)
    {
        var directory = Path.GetFullPath(options.DatasetDirectory);
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
            ErasureLog.DatasetProblem(_logger, directory, ex.Message);
            throw new IOException($"The dataset in '{directory}' holds erased pairs but could not be deleted: {ex.Message} Delete it, or run the erasure again.", ex);
        }

        return deleted;
    }
}
