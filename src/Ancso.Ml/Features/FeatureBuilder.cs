using Ancso.Ml.Embeddings;
using Ancso.Ml.Embeddings.Pipeline;

namespace Ancso.Ml.Features;

/// <summary>The one featurization path: embedding of dimension D, then the metrics in layout order.</summary>
/// <remarks>
/// Two shortcuts give the same features as the general path with less work: the hashing generator (bare, or behind the
/// pipeline's validation only) writes each missing embedding straight into its row, with no vector, list or task
/// allocated (the same function <c>GenerateAsync</c> calls, so the same bits); and an item supplying its six metrics in
/// an ordinary dictionary is read in one pass over it (see <see cref="SuppliedMetrics"/>).
/// </remarks>
internal sealed class FeatureBuilder : IFeatureBuilder
{
    private readonly IEmbeddingGenerator<string, Embedding<float>> _generator;
    private readonly IContentMetricsAnalyzer _analyzer;
    private readonly HashingEmbeddingGenerator? _hashing;
    private readonly bool _tallyHashing;

    public FeatureBuilder(IEmbeddingGenerator<string, Embedding<float>> generator, IContentMetricsAnalyzer analyzer, int? fallbackDimension = null)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(analyzer);
        _generator = generator;
        _analyzer = analyzer;
        var (id, dimension) = EmbeddingGeneratorIdentity.Describe(generator, fallbackDimension);
        Layout = new FeatureLayout(id, dimension, MetricNames.All);
        (_hashing, _tallyHashing) = generator switch
        {
            HashingEmbeddingGenerator hashing => (hashing, false),
            ValidatingEmbeddingGenerator { Inner: HashingEmbeddingGenerator hashing } validating => (hashing, validating.TalliesAsGenerated),
            _ => (null, false),
        };
    }

    public FeatureLayout Layout { get; }

    /// <summary>Gets the generator this builder calls (with <c>AddRanker</c>, the embeddings pipeline).</summary>
    internal IEmbeddingGenerator<string, Embedding<float>> Generator => _generator;

    public ContentMetrics GetMetrics(ContentItem item)
    {
        ArgumentNullException.ThrowIfNull(item);

        if (SuppliedMetrics.TryRead(item.Metrics, out var supplied))
        {
            return supplied;
        }

        // When the item supplies all six metrics, analysing the text could not change the result: skip it.
        return SuppliesEveryMetric(item.Metrics)
            ? default(ContentMetrics).WithOverrides(item.Metrics)
            : _analyzer.Analyze(item.Platform, item.Section, item.Text).WithOverrides(item.Metrics);
    }

    private static bool SuppliesEveryMetric(IReadOnlyDictionary<string, float>? supplied)
    {
        if (supplied is null || supplied.Count < MetricNames.All.Count)
        {
            return false;
        }

        foreach (var name in MetricNames.All)
        {
            if (!supplied.TryGetValue(name, out var value) || float.IsNaN(value))
            {
                return false;
            }
        }

        return true;
    }

    public async ValueTask WriteFeaturesAsync(IReadOnlyList<ContentItem> items, Memory<float> destination, Memory<ContentMetrics> metrics, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var width = Layout.Width;
        var dimension = Layout.EmbeddingDimension;
        if (destination.Length < items.Count * width)
        {
            throw new ArgumentException($"The destination holds {destination.Length} floats; {items.Count} items need {items.Count * width}.", nameof(destination));
        }

        if (metrics.Length < items.Count)
        {
            throw new ArgumentException($"The metrics buffer holds {metrics.Length} entries; {items.Count} items need {items.Count}.", nameof(metrics));
        }

        List<int>? missing = null;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i] ?? throw new ArgumentException($"Item {i} is null.", nameof(items));
            if (item.Embedding is { } embedding)
            {
                if (embedding.Length != dimension)
                {
                    throw new ArgumentException($"Item '{item.Id}' carries an embedding of dimension {embedding.Length}; the generator '{Layout.EmbeddingGeneratorId}' uses {dimension}.", nameof(items));
                }

                embedding.Span.CopyTo(destination.Span.Slice(i * width, dimension));
            }
            else
            {
                (missing ??= []).Add(i);
            }
        }

        if (missing is not null && _hashing is not null)
        {
            WriteHashingEmbeddings(items, missing, destination.Span, cancellationToken);
        }
        else if (missing is not null)
        {
            var texts = new string[missing.Count];
            for (var j = 0; j < missing.Count; j++)
            {
                texts[j] = items[missing[j]].Text;
            }

            var generated = await _generator.GenerateAsync(texts, options: null, cancellationToken).ConfigureAwait(false);
            if (generated.Count != texts.Length)
            {
                throw new InvalidOperationException($"The embedding generator '{Layout.EmbeddingGeneratorId}' returned {generated.Count} embeddings for {texts.Length} texts.");
            }

            for (var j = 0; j < missing.Count; j++)
            {
                var vector = generated[j].Vector;
                if (vector.Length != dimension)
                {
                    throw new InvalidOperationException($"The embedding generator '{Layout.EmbeddingGeneratorId}' returned a vector of dimension {vector.Length}; expected {dimension}.");
                }

                vector.Span.CopyTo(destination.Span.Slice(missing[j] * width, dimension));
            }
        }

        var rows = destination.Span;
        var metricsSpan = metrics.Span;
        for (var i = 0; i < items.Count; i++)
        {
            var m = GetMetrics(items[i]);
            metricsSpan[i] = m;
            SuppliedMetrics.WriteInDefaultOrder(m, rows.Slice((i * width) + dimension, MetricNames.All.Count));
        }
    }

    /// <summary>Writes the hashing embeddings of the items at <paramref name="missing"/> straight into their rows.</summary>
    private void WriteHashingEmbeddings(IReadOnlyList<ContentItem> items, List<int> missing, Span<float> destination, CancellationToken cancellationToken)
    {
        var width = Layout.Width;
        var dimension = Layout.EmbeddingDimension;
        foreach (var i in missing)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _hashing!.Embed(items[i].Text ?? string.Empty, destination.Slice(i * width, dimension));
        }

        if (_tallyHashing)
        {
            EmbeddingCacheTally.Current?.AddGenerated(missing.Count);
        }
    }
}
