using System.Runtime.CompilerServices;
using Ancso.Ml.Pairs.Erasure;
using Ancso.Ml.Pairs.Storage;

namespace Ancso.Ml.Tests.Pairs.Export;

/// <summary>Passes everything to a real store; calls back as each streamed pair is handed out.</summary>
internal class ObservingPairStore(IPairStore inner, Action<int> onPair) : IPairStore
{
    public Task<int> AddPairsAsync(IReadOnlyList<NewPair> pairs, CancellationToken cancellationToken = default) => inner.AddPairsAsync(pairs, cancellationToken);

    public Task<StoredItem?> GetItemAsync(string itemId, CancellationToken cancellationToken = default) => inner.GetItemAsync(itemId, cancellationToken);

    public Task<StoredPair?> GetPairAsync(string pairId, CancellationToken cancellationToken = default) => inner.GetPairAsync(pairId, cancellationToken);

    public Task<IReadOnlyList<StoredItem>> ListItemsAsync(ItemQuery? query = null, CancellationToken cancellationToken = default) => inner.ListItemsAsync(query, cancellationToken);

    public Task<int> CountItemsAsync(string? platform = null, string? section = null, CancellationToken cancellationToken = default) =>
        inner.CountItemsAsync(platform, section, cancellationToken);

    public Task<PairCounts> CountPairsAsync(PairFilter? filter = null, CancellationToken cancellationToken = default) => inner.CountPairsAsync(filter, cancellationToken);

    public Task<IReadOnlyList<CachedEmbeddingSet>> ListCachedEmbeddingsAsync(CancellationToken cancellationToken = default) => inner.ListCachedEmbeddingsAsync(cancellationToken);

    public Task<string> GetStoreIdAsync(CancellationToken cancellationToken = default) => inner.GetStoreIdAsync(cancellationToken);

    public Task<PairStoreFingerprint> GetFingerprintAsync(PairFilter? filter = null, CancellationToken cancellationToken = default) =>
        inner.GetFingerprintAsync(filter, cancellationToken);

    public Task<PairErasureCounts> ErasePairsAsync(PairErasureQuery query, bool dryRun = false, CancellationToken cancellationToken = default) =>
        inner.ErasePairsAsync(query, dryRun, cancellationToken);

    public Task<bool> HasErasedPairsAsync(PairStoreFingerprint fingerprint, CancellationToken cancellationToken = default) =>
        inner.HasErasedPairsAsync(fingerprint, cancellationToken);

    public async IAsyncEnumerable<StoredPair> StreamPairsAsync(PairFilter? filter = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var index = 0;
        await foreach (var pair in inner.StreamPairsAsync(filter, cancellationToken))
        {
            onPair(index++);
            yield return pair;
        }
    }
}

/// <summary>Cancels a token once a given number of pairs has been streamed.</summary>
internal sealed class CancellingPairStore(IPairStore inner, CancellationTokenSource cancellation, int cancelAfter)
    : ObservingPairStore(inner, index =>
    {
        if (index + 1 == cancelAfter)
        {
            cancellation.Cancel();
        }
    });
