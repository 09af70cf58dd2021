using Ancso.Ml.Content;
using Ancso.Ml.Diagnostics;
using Ancso.Ml.Embeddings;
using Ancso.Ml.Features;
using Ancso.Ml.IO;
using Ancso.Ml.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

namespace Ancso.Ml.Inference;

/// <summary>
/// Scores with the active ONNX model, or with the heuristic when no model is usable, saying which in every result.
/// Thread-safe singleton. The scoring paths complete synchronously when features need no awaited embedding call
/// (precomputed embeddings, or a synchronous generator such as the hashing one) and rent their buffers from the shared
/// array pool; loading, reloading and watching live in the other part of this class.
/// </summary>
internal sealed partial class RankerInferenceService : IRankerInferenceService
{
    private const string ScoreOperation = "score";
    private const string CompareOperation = "compare";
    private const string RankOperation = "rank";
    private const double HeuristicTemperature = 1.0;

    public ValueTask<ItemScore> ScoreItemAsync(ContentItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (RankerActivities.Source.HasListeners())
        {
            return ScoreItemTracedAsync(item, cancellationToken);
        }

        return Volatile.Read(ref _state) is null ? ScoreItemAfterInitializationAsync(item, cancellationToken) : ScoreItemCore(item, cancellationToken);
    }

    public ValueTask<ComparisonResult> CompareAsync(ContentItem a, ContentItem b, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (RankerActivities.Source.HasListeners())
        {
            return CompareTracedAsync(a, b, cancellationToken);
        }

        return Volatile.Read(ref _state) is null ? CompareAfterInitializationAsync(a, b, cancellationToken) : CompareCore(a, b, cancellationToken);
    }

    public ValueTask<RankingResult> RankAsync(IReadOnlyList<ContentItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (RankerActivities.Source.HasListeners())
        {
            return RankTracedAsync(items, cancellationToken);
        }

        return Volatile.Read(ref _state) is null ? RankAfterInitializationAsync(items, cancellationToken) : RankCore(items, cancellationToken);
    }

    private async ValueTask<ItemScore> ScoreItemAfterInitializationAsync(ContentItem item, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await ScoreItemCore(item, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<ComparisonResult> CompareAfterInitializationAsync(ContentItem a, ContentItem b, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await CompareCore(a, b, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<RankingResult> RankAfterInitializationAsync(IReadOnlyList<ContentItem> items, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await RankCore(items, cancellationToken).ConfigureAwait(false);
    }

    private ValueTask<ItemScore> ScoreItemCore(ContentItem item, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        CheckForChangesIfDue();
        var start = _telemetry.Start();
        var state = Lease();
        if (state.Session is not { } session)
        {
            var metrics = _features.GetMetrics(item);
            _telemetry.Record(ScoreOperation, state.Provenance, 1, start);
            return new ValueTask<ItemScore>(new ItemScore(item.Id, HeuristicScorer.Score(metrics), metrics, state.Provenance));
        }

        var batch = FeatureBatch.Rent(1, session.Width);
        bool ready;
        ValueTask pending;
        try
        {
            ready = StartFeatures([item], batch, session, cancellationToken, out pending);
        }
        catch (EmbeddingServiceException ex)
        {
            return new ValueTask<ItemScore>(ScoreItemWithoutEmbedding(item, ex, start));
        }

        if (!ready)
        {
            return ScoreItemAwaitingFeaturesAsync(pending, item, session, batch, start);
        }

        return new ValueTask<ItemScore>(FinishScoreItem(item, session, batch, start));
    }

    private async ValueTask<ItemScore> ScoreItemAwaitingFeaturesAsync(ValueTask pending, ContentItem item, ModelSession session, FeatureBatch batch, long start)
    {
        try
        {
            await AwaitFeaturesAsync(pending, session, batch).ConfigureAwait(false);
        }
        catch (EmbeddingServiceException ex)
        {
            return ScoreItemWithoutEmbedding(item, ex, start);
        }

        return FinishScoreItem(item, session, batch, start);
    }

    private ItemScore ScoreItemWithoutEmbedding(ContentItem item, EmbeddingServiceException exception, long start)
    {
        var provenance = EmbeddingUnavailable(exception);
        var metrics = _features.GetMetrics(item);
        _telemetry.Record(ScoreOperation, provenance, 1, start);
        return new ItemScore(item.Id, HeuristicScorer.Score(metrics), metrics, provenance);
    }

    /// <summary>The provenance of a call whose embeddings failed; logged on every failure, since each is a new attempt.</summary>
    private ScoreProvenance EmbeddingUnavailable(EmbeddingServiceException exception)
    {
        var generator = _features.Layout.EmbeddingGeneratorId;
        _logger.EmbeddingUnavailable(generator, exception.Kind, exception);
        return ScoreProvenance.FromHeuristic(FallbackReason.EmbeddingUnavailable,
            $"The embedding generator '{generator}' failed ({exception.Kind}): {exception.Message}");
    }

    private ItemScore FinishScoreItem(ContentItem item, ModelSession session, FeatureBatch batch, long start)
    {
        try
        {
            var provenance = RunModel(session, batch);
            _telemetry.Record(ScoreOperation, provenance, 1, start);
            return new ItemScore(item.Id, batch.Scores[0], batch.Metrics[0], provenance);
        }
        finally
        {
            batch.Return();
            session.Release();
        }
    }

    private ValueTask<ComparisonResult> CompareCore(ContentItem a, ContentItem b, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        CheckForChangesIfDue();
        var start = _telemetry.Start();
        var state = Lease();
        if (state.Session is not { } session)
        {
            var aScore = HeuristicScorer.Score(_features.GetMetrics(a));
            var bScore = HeuristicScorer.Score(_features.GetMetrics(b));
            _telemetry.Record(CompareOperation, state.Provenance, 2, start);
            return new ValueTask<ComparisonResult>(Compare(aScore, bScore, HeuristicTemperature, state.Provenance));
        }

        var batch = FeatureBatch.Rent(2, session.Width);
        bool ready;
        ValueTask pending;
        try
        {
            ready = StartFeatures([a, b], batch, session, cancellationToken, out pending);
        }
        catch (EmbeddingServiceException ex)
        {
            return new ValueTask<ComparisonResult>(CompareWithoutEmbedding(a, b, ex, start));
        }

        if (!ready)
        {
            return CompareAwaitingFeaturesAsync(pending, a, b, session, batch, start);
        }

        return new ValueTask<ComparisonResult>(FinishCompare(session, batch, start));
    }

    private async ValueTask<ComparisonResult> CompareAwaitingFeaturesAsync(ValueTask pending, ContentItem a, ContentItem b, ModelSession session, FeatureBatch batch, long start)
    {
        try
        {
            await AwaitFeaturesAsync(pending, session, batch).ConfigureAwait(false);
        }
        catch (EmbeddingServiceException ex)
        {
            return CompareWithoutEmbedding(a, b, ex, start);
        }

        return FinishCompare(session, batch, start);
    }

    private ComparisonResult CompareWithoutEmbedding(ContentItem a, ContentItem b, EmbeddingServiceException exception, long start)
    {
        var provenance = EmbeddingUnavailable(exception);
        var aScore = HeuristicScorer.Score(_features.GetMetrics(a));
        var bScore = HeuristicScorer.Score(_features.GetMetrics(b));
        _telemetry.Record(CompareOperation, provenance, 2, start);
        return Compare(aScore, bScore, HeuristicTemperature, provenance);
    }

    private ComparisonResult FinishCompare(ModelSession session, FeatureBatch batch, long start)
    {
        try
        {
            var provenance = RunModel(session, batch);
            _telemetry.Record(CompareOperation, provenance, 2, start);
            var temperature = provenance.Kind == ProvenanceKind.Model ? session.Temperature : HeuristicTemperature;
            return Compare(batch.Scores[0], batch.Scores[1], temperature, provenance);
        }
        finally
        {
            batch.Return();
            session.Release();
        }
    }

    private ComparisonResult Compare(float aScore, float bScore, double temperature, ScoreProvenance provenance)
    {
        var (preference, confidence) = ComparisonMath.Compare(aScore, bScore, temperature, _options.TieTolerance);
        return new ComparisonResult(aScore, bScore, preference, confidence, provenance);
    }

    private ValueTask<RankingResult> RankCore(IReadOnlyList<ContentItem> items, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        CheckForChangesIfDue();
        var start = _telemetry.Start();
        var state = Lease();
        if (state.Session is not { } session || items.Count == 0)
        {
            state.Session?.Release();
            var result = RankWithHeuristic(items, state.Provenance);
            _telemetry.Record(RankOperation, state.Provenance, items.Count, start);
            return new ValueTask<RankingResult>(result);
        }

        var batch = FeatureBatch.Rent(items.Count, session.Width);
        bool ready;
        ValueTask pending;
        try
        {
            ready = StartFeatures(items, batch, session, cancellationToken, out pending);
        }
        catch (EmbeddingServiceException ex)
        {
            return new ValueTask<RankingResult>(RankWithoutEmbedding(items, ex, start));
        }

        if (!ready)
        {
            return RankAwaitingFeaturesAsync(pending, items, session, batch, start);
        }

        return new ValueTask<RankingResult>(FinishRank(items, session, batch, start));
    }

    private async ValueTask<RankingResult> RankAwaitingFeaturesAsync(ValueTask pending, IReadOnlyList<ContentItem> items, ModelSession session, FeatureBatch batch, long start)
    {
        try
        {
            await AwaitFeaturesAsync(pending, session, batch).ConfigureAwait(false);
        }
        catch (EmbeddingServiceException ex)
        {
            return RankWithoutEmbedding(items, ex, start);
        }

        return FinishRank(items, session, batch, start);
    }

    private RankingResult RankWithoutEmbedding(IReadOnlyList<ContentItem> items, EmbeddingServiceException exception, long start)
    {
        var provenance = EmbeddingUnavailable(exception);
        var result = RankWithHeuristic(items, provenance);
        _telemetry.Record(RankOperation, provenance, items.Count, start);
        return result;
    }

    private RankingResult FinishRank(IReadOnlyList<ContentItem> items, ModelSession session, FeatureBatch batch, long start)
    {
        try
        {
            var provenance = RunModel(session, batch);
            var ranked = RankingOrder.Rank(items, batch.Scores.AsSpan(0, items.Count));
            _telemetry.Record(RankOperation, provenance, items.Count, start);
            return new RankingResult(ranked, provenance);
        }
        finally
        {
            batch.Return();
            session.Release();
        }
    }

    private RankingResult RankWithHeuristic(IReadOnlyList<ContentItem> items, ScoreProvenance provenance)
    {
        if (items.Count == 0)
        {
            return new RankingResult([], provenance);
        }

        var scores = new float[items.Count];
        for (var i = 0; i < scores.Length; i++)
        {
            var item = items[i] ?? throw new ArgumentException($"Item {i} is null.", nameof(items));
            scores[i] = HeuristicScorer.Score(_features.GetMetrics(item));
        }

        return new RankingResult(RankingOrder.Rank(items, scores), provenance);
    }

    /// <summary>
    /// Starts building features into <paramref name="batch"/>. Returns <see langword="true"/> when they are ready; else
    /// <paramref name="pending"/> must be awaited. On an exception the batch and the lease are given back.
    /// </summary>
    private bool StartFeatures(IReadOnlyList<ContentItem> items, FeatureBatch batch, ModelSession session, CancellationToken cancellationToken, out ValueTask pending)
    {
        try
        {
            pending = _features.WriteFeaturesAsync(items, batch.FeatureMemory, batch.MetricsMemory, cancellationToken);
            if (!pending.IsCompletedSuccessfully)
            {
                return false;
            }

            pending.GetAwaiter().GetResult();
            return true;
        }
        catch
        {
            batch.Return();
            session.Release();
            throw;
        }
    }

    private static async ValueTask AwaitFeaturesAsync(ValueTask pending, ModelSession session, FeatureBatch batch)
    {
        try
        {
            await pending.ConfigureAwait(false);
        }
        catch
        {
            batch.Return();
            session.Release();
            throw;
        }
    }

    /// <summary>
    /// Runs the model over the batch. If the runtime fails, or the model gives a score that is not a finite number (NaN
    /// or infinity), the batch is scored with the heuristic instead and the provenance says why (logged once per cause).
    /// </summary>
    private ScoreProvenance RunModel(ModelSession session, FeatureBatch batch)
    {
        try
        {
            session.Run(batch.Features, batch.Scores, batch.Rows);
        }
        catch (OnnxRuntimeException ex)
        {
            if (FirstTime("run|" + session.Version.Version + "|" + ex.Message))
            {
                _logger.ModelRunFailed(session.Version.Version, ex);
            }

            return ScoreWithHeuristic(batch, ScoreProvenance.FromHeuristic(FallbackReason.ModelCorrupt,
                $"Model {session.Version.Version} ({Path.GetFileName(session.Version.ModelPath)}) failed while scoring: {PathText.Redact(ex.Message, _registry.ModelsDirectory)} Train again or activate another version."));
        }

        for (var i = 0; i < batch.Rows; i++)
        {
            if (!float.IsFinite(batch.Scores[i]))
            {
                return ModelScoreNotFinite(session, batch, batch.Scores[i]);
            }
        }

        return session.Provenance;
    }

    private ScoreProvenance ModelScoreNotFinite(ModelSession session, FeatureBatch batch, float score)
    {
        if (FirstTime("nonfinite|" + session.Version.Version))
        {
            _logger.ModelScoreNotFinite(session.Version.Version, session.Version.ModelPath, score);
        }

        return ScoreWithHeuristic(batch, session.NotFiniteProvenance);
    }

    private static ScoreProvenance ScoreWithHeuristic(FeatureBatch batch, ScoreProvenance provenance)
    {
        for (var i = 0; i < batch.Rows; i++)
        {
            batch.Scores[i] = HeuristicScorer.Score(batch.Metrics[i]);
        }

        return provenance;
    }

    /// <summary>Gets the current state with a reference on its session (if any), which the caller must release.</summary>
    private ServingState Lease()
    {
        while (true)
        {
            var state = Volatile.Read(ref _state)!;
            if (state.Session is null || state.Session.TryAcquire())
            {
                return state;
            }

            // The session was retired and disposed between the read and the lease: the state has moved on, read it again.
        }
    }
}
