using Microsoft.Extensions.Logging.Abstractions;
using Ancso.Ml.Pairs.Signals;

namespace Ancso.Ml.Pairs.Erasure;

/// <summary>
/// Erases in the order that keeps a crash harmless: the store's transaction first (pairs, unused items and their cached
/// embeddings leave together, and the erasure log records what went); then everything derived, which is decided from
/// the erasure log alone and so is simply done again by a rerun: every <see cref="IPairCopyEraser"/> deletes its copies
/// that held erased pairs (the exported dataset, when Ancso.Ml.Learning registered one), and model versions are judged
/// the same way.
/// </summary>
internal sealed class PairEraser(
    IPairStore store, IRaterPseudonymizer raters, IModelRegistry registry, IEnumerable<IPairCopyEraser> copyErasers, TimeProvider time, ILogger? logger = null) : IPairEraser
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
        var datasets = request.DryRun ? [] : await EraseCopiesAsync(cancellationToken).ConfigureAwait(false);
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

    private async Task<IReadOnlyList<string>> EraseCopiesAsync(CancellationToken cancellationToken)
    {
        var deleted = new List<string>();
        foreach (var copies in copyErasers)
        {
            deleted.AddRange(await copies.EraseCopiesAsync(store, cancellationToken).ConfigureAwait(false));
        }

        return deleted;
    }
}
