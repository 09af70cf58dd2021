using System.Diagnostics;
using Ancso.Ml.Content;
using Ancso.Ml.Diagnostics;
using Ancso.Ml.Metrics;
using Ancso.Ml.Reasons;

namespace Ancso.Ml.Inference;

/// <summary>
/// Score, compare and rank as views of the one batch path: each says which items make its batch and how the batch's
/// scores become its result. Structs, so the generic path is specialised per view and a call allocates nothing more.
/// </summary>
internal sealed partial class RankerInferenceService
{
    private const double HeuristicTemperature = 1.0;

    private interface IBatchView<TResult>
    {
        /// <summary>Gets the operation's name in metrics.</summary>
        string Operation { get; }

        /// <summary>Gets the name of the operation's span.</summary>
        string ActivityName { get; }

        /// <summary>Gets the number of items, the rows of the batch.</summary>
        int Count { get; }

        /// <summary>Gets whether the result needs the model's reason outputs (compare does; score and rank do not pay for them).</summary>
        bool WantsReasons { get; }

        /// <summary>Gets the items to featurize; asked for only when a model scores them.</summary>
        IReadOnlyList<ContentItem> Items();

        /// <summary>Scores the items with the heuristic.</summary>
        TResult FromHeuristic(RankerInferenceService service, ScoreProvenance provenance);

        /// <summary>Makes the result from the batch's scores (the model's, or the heuristic's when the model failed).</summary>
        TResult FromBatch(RankerInferenceService service, ModelSession session, FeatureBatch batch, ScoreProvenance provenance);

        /// <summary>Gets the provenance of a result, for its span.</summary>
        ScoreProvenance ProvenanceOf(TResult result);

        /// <summary>Tags the span with what the view knows before it runs.</summary>
        void Tag(Activity activity);
    }

    private readonly struct ScoreView(ContentItem item) : IBatchView<ItemScore>
    {
        public string Operation => "score";

        public string ActivityName => RankerDiagnostics.ScoreActivity;

        public int Count => 1;

        public bool WantsReasons => false;

        public IReadOnlyList<ContentItem> Items() => [item];

        public ItemScore FromHeuristic(RankerInferenceService service, ScoreProvenance provenance)
        {
            var metrics = service._features.GetMetrics(item);
            return new ItemScore(item.Id, HeuristicScorer.Score(metrics), metrics, provenance);
        }

        public ItemScore FromBatch(RankerInferenceService service, ModelSession session, FeatureBatch batch, ScoreProvenance provenance) =>
            new(item.Id, batch.Scores[0], batch.Metrics[0], provenance);

        public ScoreProvenance ProvenanceOf(ItemScore result) => result.Provenance;

        public void Tag(Activity activity)
        {
        }
    }

    private readonly struct CompareView(ContentItem a, ContentItem b) : IBatchView<ComparisonResult>
    {
        public string Operation => "compare";

        public string ActivityName => RankerDiagnostics.CompareActivity;

        public int Count => 2;

        public bool WantsReasons => true;

        public IReadOnlyList<ContentItem> Items() => [a, b];

        public ComparisonResult FromHeuristic(RankerInferenceService service, ScoreProvenance provenance)
        {
            var metricsA = service._features.GetMetrics(a);
            var metricsB = service._features.GetMetrics(b);
            return WithMetricReasons(service, HeuristicScorer.Score(metricsA), HeuristicScorer.Score(metricsB), metricsA, metricsB, provenance);
        }

        public ComparisonResult FromBatch(RankerInferenceService service, ModelSession session, FeatureBatch batch, ScoreProvenance provenance)
        {
            float aScore = batch.Scores[0], bScore = batch.Scores[1];
            if (provenance.Kind != ProvenanceKind.Model)
            {
                return WithMetricReasons(service, aScore, bScore, batch.Metrics[0], batch.Metrics[1], provenance);
            }

            var (preference, confidence) = ComparisonMath.Compare(aScore, bScore, session.Temperature, service._options.TieTolerance);
            if (preference == Preference.Tie || !batch.HasReasons || session.ReasonCount == 0)
            {
                return new ComparisonResult(aScore, bScore, preference, confidence, provenance);
            }

            var (winner, loser) = preference == Preference.A ? (0, 1) : (1, 0);
            return new ComparisonResult(aScore, bScore, preference, confidence, provenance)
            {
                Reasons = ReasonMath.FromLogits(batch.ReasonsOf(winner), batch.ReasonsOf(loser), session.ReasonTags),
                ReasonSource = ReasonSource.Model,
            };
        }

        private static ComparisonResult WithMetricReasons(
            RankerInferenceService service, float aScore, float bScore, in ContentMetrics metricsA, in ContentMetrics metricsB, ScoreProvenance provenance)
        {
            var (preference, confidence) = ComparisonMath.Compare(aScore, bScore, HeuristicTemperature, service._options.TieTolerance);
            return preference switch
            {
                Preference.A => new(aScore, bScore, preference, confidence, provenance) { Reasons = ReasonMath.FromMetrics(metricsA, metricsB), ReasonSource = ReasonSource.MetricDifferences },
                Preference.B => new(aScore, bScore, preference, confidence, provenance) { Reasons = ReasonMath.FromMetrics(metricsB, metricsA), ReasonSource = ReasonSource.MetricDifferences },
                _ => new(aScore, bScore, preference, confidence, provenance),
            };
        }

        public ScoreProvenance ProvenanceOf(ComparisonResult result) => result.Provenance;

        public void Tag(Activity activity)
        {
        }
    }

    private readonly struct RankView(IReadOnlyList<ContentItem> items) : IBatchView<RankingResult>
    {
        public string Operation => "rank";

        public string ActivityName => RankerDiagnostics.RankActivity;

        public int Count => items.Count;

        public bool WantsReasons => false;

        public IReadOnlyList<ContentItem> Items() => items;

        public RankingResult FromHeuristic(RankerInferenceService service, ScoreProvenance provenance)
        {
            if (items.Count == 0)
            {
                return new RankingResult([], provenance);
            }

            var scores = new float[items.Count];
            for (var i = 0; i < scores.Length; i++)
            {
#pragma warning disable CA2208 // 'items' is the parameter of RankAsync, whose caller passed the null item.
                var item = items[i] ?? throw new ArgumentException($"Item {i} is null.", nameof(items));
#pragma warning restore CA2208
                scores[i] = service.HeuristicScore(item);
            }

            return new RankingResult(RankingOrder.Rank(items, scores), provenance);
        }

        public RankingResult FromBatch(RankerInferenceService service, ModelSession session, FeatureBatch batch, ScoreProvenance provenance) =>
            new(RankingOrder.Rank(items, batch.Scores.AsSpan(0, items.Count)), provenance);

        public ScoreProvenance ProvenanceOf(RankingResult result) => result.Provenance;

        public void Tag(Activity activity) => activity.SetTag(RankerDiagnostics.ItemCountTag, items.Count);
    }
}
