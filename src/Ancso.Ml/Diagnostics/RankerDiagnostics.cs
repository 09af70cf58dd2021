namespace Ancso.Ml.Diagnostics;

/// <summary>
/// The names an app needs to collect the ranker's telemetry: one <see cref="System.Diagnostics.Metrics.Meter"/> and one
/// <see cref="System.Diagnostics.ActivitySource"/>, both named <see cref="SourceName"/>. With OpenTelemetry:
/// <c>.WithMetrics(m =&gt; m.AddMeter(RankerDiagnostics.SourceName)).WithTracing(t =&gt; t.AddSource(RankerDiagnostics.SourceName))</c>.
/// The instruments and spans are listed in <c>docs/observability.md</c>.
/// </summary>
public static class RankerDiagnostics
{
    /// <summary>The name of the meter and of the activity source: <c>Ancso.Ml</c>.</summary>
    public const string SourceName = "Ancso.Ml";

    /// <summary>Histogram, seconds: time to score, compare or rank, tagged with <see cref="OperationTag"/> and <see cref="ProvenanceTag"/>.</summary>
    public const string ScoreDurationInstrument = "ancso.ranker.score.duration";

    /// <summary>Counter, scores: scores produced, tagged with <see cref="ProvenanceTag"/> and <see cref="FallbackReasonTag"/>.</summary>
    public const string ProvenanceInstrument = "ancso.ranker.provenance";

    /// <summary>Span: one <c>ScoreItemAsync</c> call.</summary>
    public const string ScoreActivity = "ancso.ranker.score";

    /// <summary>Span: one <c>CompareAsync</c> call.</summary>
    public const string CompareActivity = "ancso.ranker.compare";

    /// <summary>Span: one <c>RankAsync</c> call, tagged with <see cref="ItemCountTag"/>.</summary>
    public const string RankActivity = "ancso.ranker.rank";

    /// <summary>Span: one dataset export, tagged with <see cref="PairCountTag"/>.</summary>
    public const string ExportActivity = "ancso.dataset.export";

    /// <summary>Span: one training run, tagged with <see cref="PairCountTag"/> and, on success, <see cref="ModelVersionTag"/>.</summary>
    public const string TrainActivity = "ancso.ranker.train";

    /// <summary>Tag: <c>score</c>, <c>compare</c> or <c>rank</c>.</summary>
    public const string OperationTag = "ancso.operation";

    /// <summary>Tag: <c>model</c> or <c>heuristic</c>.</summary>
    public const string ProvenanceTag = "ancso.provenance";

    /// <summary>Tag: why the heuristic scored, in snake case (<c>no_model</c>, <c>model_corrupt</c>, …); <c>none</c> for a model score.</summary>
    public const string FallbackReasonTag = "ancso.fallback_reason";

    /// <summary>Tag: the version of the model that scored or was trained.</summary>
    public const string ModelVersionTag = "ancso.model.version";

    /// <summary>Tag: the number of items ranked.</summary>
    public const string ItemCountTag = "ancso.items";

    /// <summary>Tag: the number of pairs exported or trained on.</summary>
    public const string PairCountTag = "ancso.pairs";
}
