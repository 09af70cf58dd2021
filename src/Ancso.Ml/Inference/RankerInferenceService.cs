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
/// array pool. Score, compare and rank are views (<c>RankerInferenceService.Views.cs</c>) of one batch path,
/// <see cref="RunBatch{TView, TResult}"/>; loading, reloading and change subscription live in the other parts of this class.
/// </summary>
internal sealed partial class RankerInferenceService : IRankerInferenceService
{
    public ValueTask<ItemScore> ScoreItemAsync(ContentItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        return Run<ScoreView, ItemScore>(new ScoreView(item), cancellationToken);
    }

    public ValueTask<ComparisonResult> CompareAsync(ContentItem a, ContentItem b, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Run<CompareView, ComparisonResult>(new CompareView(a, b), cancellationToken);
    }

    public ValueTask<RankingResult> RankAsync(IReadOnlyList<ContentItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        return Run<RankView, RankingResult>(new RankView(items), cancellationToken);
    }

    private ValueTask<TResult> Run<TView, TResult>(TView view, CancellationToken cancellationToken)
        where TView : struct, IBatchView<TResult>
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (RankerActivities.Source.HasListeners())
        {
            return RunTracedAsync<TView, TResult>(view, cancellationToken);
        }

        return Volatile.Read(ref _state) is null ? RunAfterInitializationAsync<TView, TResult>(view, cancellationToken) : RunBatch<TView, TResult>(view, cancellationToken);
    }

    private async ValueTask<TResult> RunAfterInitializationAsync<TView, TResult>(TView view, CancellationToken cancellationToken)
        where TView : struct, IBatchView<TResult>
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await RunBatch<TView, TResult>(view, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The one path of score, compare and rank: lease the serving state, featurize the batch (completing synchronously
    /// when no embedding call is awaited), run the model over it or score it with the heuristic, and say which.
    /// </summary>
    private ValueTask<TResult> RunBatch<TView, TResult>(TView view, CancellationToken cancellationToken)
        where TView : struct, IBatchView<TResult>
    {
        cancellationToken.ThrowIfCancellationRequested();
        var start = _telemetry.Start();
        var state = Lease();
        if (state.Session is not { } session || view.Count == 0)
        {
            state.Session?.Release();
            var result = view.FromHeuristic(this, state.Provenance);
            _telemetry.Record(view.Operation, state.Provenance, view.Count, start);
            return new ValueTask<TResult>(result);
        }

        var batch = FeatureBatch.Rent(view.Count, session.Width, view.WantsReasons ? session.ReasonCount : 0);
        bool ready;
        ValueTask pending;
        try
        {
            ready = StartFeatures(view.Items(), batch, session, cancellationToken, out pending);
        }
        catch (EmbeddingServiceException ex)
        {
            return new ValueTask<TResult>(WithoutEmbedding<TView, TResult>(view, ex, start));
        }

        return ready
            ? new ValueTask<TResult>(Finish<TView, TResult>(view, session, batch, start))
            : AwaitingFeaturesAsync<TView, TResult>(pending, view, session, batch, start);
    }

    private async ValueTask<TResult> AwaitingFeaturesAsync<TView, TResult>(ValueTask pending, TView view, ModelSession session, FeatureBatch batch, long start)
        where TView : struct, IBatchView<TResult>
    {
        try
        {
            await AwaitFeaturesAsync(pending, session, batch).ConfigureAwait(false);
        }
        catch (EmbeddingServiceException ex)
        {
            return WithoutEmbedding<TView, TResult>(view, ex, start);
        }

        return Finish<TView, TResult>(view, session, batch, start);
    }

    private TResult WithoutEmbedding<TView, TResult>(TView view, EmbeddingServiceException exception, long start)
        where TView : struct, IBatchView<TResult>
    {
        var provenance = EmbeddingUnavailable(exception);
        var result = view.FromHeuristic(this, provenance);
        _telemetry.Record(view.Operation, provenance, view.Count, start);
        return result;
    }

    private TResult Finish<TView, TResult>(TView view, ModelSession session, FeatureBatch batch, long start)
        where TView : struct, IBatchView<TResult>
    {
        try
        {
            var provenance = RunModel(session, batch);
            _telemetry.Record(view.Operation, provenance, view.Count, start);
            return view.FromBatch(this, session, batch, provenance);
        }
        finally
        {
            batch.Return();
            session.Release();
        }
    }

    /// <summary>The provenance of a call whose embeddings failed; logged on every failure, since each is a new attempt.</summary>
    private ScoreProvenance EmbeddingUnavailable(EmbeddingServiceException exception)
    {
        var generator = _features.Layout.EmbeddingGeneratorId;
        _logger.EmbeddingUnavailable(generator, exception.Kind, exception);
        return ScoreProvenance.FromHeuristic(FallbackReason.EmbeddingUnavailable,
            $"The embedding generator '{generator}' failed ({exception.Kind}): {exception.Message}");
    }

    private float HeuristicScore(ContentItem item) => HeuristicScorer.Score(_features.GetMetrics(item));

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
            session.Run(batch.Features, batch.Scores, batch.Reasons, batch.Rows);
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
