using Ancso.Ml.Features;

namespace Ancso.Ml.Learning.Dataset;

/// <summary>
/// Reads the pair store as a dataset, item-deduplicated: streams the matching pairs in batches, builds each item's
/// features once (the first time a pair names it) through <see cref="IFeatureBuilder"/>, the path inference uses, and
/// hands items and pairs to a <see cref="CompactDatasetWriter"/> (a file, or only its hash) and optionally to a sink.
/// Memory holds the item index and the writer's tables, never the features of more than one embedding batch.
/// </summary>
public sealed class PairStoreDatasetReader
{
    /// <summary>How positions in the store are described in messages.</summary>
    public const string SourceName = "the pair store";

    private readonly IPairStore _store;
    private readonly IFeatureBuilder _features;
    private readonly int _pairBatchSize;
    private readonly int _embeddingBatchSize;

    /// <summary>Creates a reader.</summary>
    /// <param name="store">The pair store.</param>
    /// <param name="features">Builds each item's features, as inference does.</param>
    /// <param name="pairBatchSize">Pairs read from the store per batch.</param>
    /// <param name="embeddingBatchSize">Items featurized per call of <paramref name="features"/>.</param>
    public PairStoreDatasetReader(IPairStore store, IFeatureBuilder features, int pairBatchSize, int embeddingBatchSize)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pairBatchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(embeddingBatchSize);
        _store = store;
        _features = features;
        _pairBatchSize = pairBatchSize;
        _embeddingBatchSize = embeddingBatchSize;
    }

    /// <summary>Reads every pair matching <paramref name="filter"/> up to <paramref name="maxSequence"/>; returns their counts.</summary>
    /// <param name="filter">Which pairs.</param>
    /// <param name="maxSequence">The fingerprint's highest sequence (<see cref="IPairStore.GetFingerprintAsync"/>, taken before): pairs stored after it are left out.</param>
    /// <param name="writer">Receives every item and pair, in order.</param>
    /// <param name="sink">Receives them too, or <see langword="null"/>.</param>
    /// <param name="progress">Told the number of pairs read after each batch, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The counts of the pairs read.</returns>
    public async Task<PairCounts> ReadAsync(PairFilter filter, long maxSequence, CompactDatasetWriter writer, IPairDatasetSink? sink, Action<int>? progress, CancellationToken cancellationToken)
    {
        var state = new State(writer, sink, _features.Layout.Width);
        var batch = new List<StoredPair>(_pairBatchSize);
        await foreach (var pair in _store.StreamPairsAsync(filter, cancellationToken).ConfigureAwait(false))
        {
            if (pair.Sequence > maxSequence)
            {
                continue;
            }

            batch.Add(pair);
            if (batch.Count == _pairBatchSize)
            {
                await AddBatchAsync(batch, state, cancellationToken).ConfigureAwait(false);
                progress?.Invoke(state.Pairs);
            }
        }

        await AddBatchAsync(batch, state, cancellationToken).ConfigureAwait(false);
        progress?.Invoke(state.Pairs);
        return state.Counts.Build();
    }

    private async Task AddBatchAsync(List<StoredPair> batch, State state, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var fresh = new List<StoredItem>();
        var pending = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pair in batch)
        {
            foreach (var item in (ReadOnlySpan<StoredItem>)[pair.ItemA, pair.ItemB])
            {
                if (!state.Items.ContainsKey(item.Id) && pending.Add(item.Id))
                {
                    fresh.Add(item);
                }
            }
        }

        foreach (var chunk in fresh.Chunk(_embeddingBatchSize))
        {
            var contentItems = Array.ConvertAll(chunk, static item => new ContentItem(item.Id, item.Platform, item.Section, item.Text));
            var rows = state.Rows(chunk.Length);
            await _features.WriteFeaturesAsync(contentItems, rows, new ContentMetrics[chunk.Length], cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < chunk.Length; i++)
            {
                var item = chunk[i];
                var features = rows.AsMemory(i * state.Width, state.Width);
                var index = await state.Writer.AddItemAsync(item.Id, item.Platform, item.Section, features, cancellationToken).ConfigureAwait(false);
                state.Sink?.AddItem(new DatasetPosition(SourceName, DatasetUnit.Item, index + 1), ItemField(index), item.Id, features.Span);
                state.Items.Add(item.Id, index);
            }
        }

        foreach (var pair in batch)
        {
            var a = state.Items[pair.ItemA.Id];
            var b = state.Items[pair.ItemB.Id];
            state.Writer.AddPair(pair.Id, a, b, pair.Label, pair.Source, pair.Tags, pair.CreatedAt, pair.Rater);
            state.Pairs++;
            state.Sink?.AddPair(new DatasetPosition(SourceName, DatasetUnit.Pair, state.Pairs), pair.Id, a, b, pair.Label, pair.Source, pair.Rater, pair.Tags);
            state.Counts.Add(pair.Source, pair.Platform, pair.Section, 1);
        }

        batch.Clear();
    }

    private static string ItemField(int index) => string.Create(CultureInfo.InvariantCulture, $"items[{index}]");

    private sealed class State(CompactDatasetWriter writer, IPairDatasetSink? sink, int width)
    {
        private float[] _rows = [];

        public CompactDatasetWriter Writer { get; } = writer;

        public IPairDatasetSink? Sink { get; } = sink;

        public int Width { get; } = width;

        public Dictionary<string, int> Items { get; } = new(StringComparer.Ordinal);

        public PairCountsBuilder Counts { get; } = new();

        public int Pairs { get; set; }

        public float[] Rows(int count)
        {
            if (_rows.Length < count * Width)
            {
                _rows = new float[count * Width];
            }

            return _rows;
        }
    }
}
