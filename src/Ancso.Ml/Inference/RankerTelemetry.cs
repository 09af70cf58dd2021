using System.Diagnostics;
using System.Diagnostics.Metrics;
using Ancso.Ml.Diagnostics;

namespace Ancso.Ml.Inference;

/// <summary>
/// The inference service's instruments on the <c>Ancso.Ml</c> meter: <c>ancso.ranker.score.duration</c> (seconds per
/// call, tagged with the operation and provenance) and <c>ancso.ranker.provenance</c> (scores produced, tagged with
/// the provenance and the fallback reason). Tags are built only when an instrument is enabled.
/// </summary>
internal sealed class RankerTelemetry : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = RankerDiagnostics.SourceName;

    /// <summary>The duration histogram's name.</summary>
    public const string DurationName = RankerDiagnostics.ScoreDurationInstrument;

    /// <summary>The provenance counter's name.</summary>
    public const string ProvenanceName = RankerDiagnostics.ProvenanceInstrument;

    /// <summary>Tag: <c>score</c>, <c>compare</c> or <c>rank</c>.</summary>
    public const string OperationTag = RankerDiagnostics.OperationTag;

    /// <summary>Tag: <c>model</c> or <c>heuristic</c>.</summary>
    public const string ProvenanceTag = RankerDiagnostics.ProvenanceTag;

    /// <summary>Tag: the fallback reason in snake case, <c>none</c> for a model score.</summary>
    public const string ReasonTag = RankerDiagnostics.FallbackReasonTag;

    private static readonly double[] DurationBuckets =
        [0.000_01, 0.000_025, 0.000_05, 0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _provenance;
    private readonly TimeProvider _time;

    public RankerTelemetry(IMeterFactory? meterFactory, TimeProvider time)
    {
        _time = time;
        if (meterFactory is not null)
        {
            _meter = meterFactory.Create(MeterName);
        }
        else
        {
            _meter = new Meter(MeterName);
            _ownsMeter = true;
        }

        _duration = _meter.CreateHistogram(DurationName, unit: "s",
            description: "Time to score, compare or rank, from the call to the result, in seconds.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _provenance = _meter.CreateCounter<long>(ProvenanceName, unit: "{score}",
            description: "Scores produced, by provenance (model or heuristic) and fallback reason.");
    }

    /// <summary>Returns a start timestamp when the duration is being recorded, else 0.</summary>
    public long Start() => _duration.Enabled ? _time.GetTimestamp() : 0;

    /// <summary>Records one call that produced <paramref name="scores"/> scores.</summary>
    public void Record(string operation, ScoreProvenance provenance, int scores, long start)
    {
        if (_provenance.Enabled && scores > 0)
        {
            var tags = new TagList
            {
                { ProvenanceTag, provenance.Name },
                { ReasonTag, provenance.ReasonName },
            };
            _provenance.Add(scores, tags);
        }

        if (start != 0 && _duration.Enabled)
        {
            var tags = new TagList
            {
                { OperationTag, operation },
                { ProvenanceTag, provenance.Name },
            };
            _duration.Record(_time.GetElapsedTime(start).TotalSeconds, tags);
        }
    }

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    /// <summary>Gets a reason's tag value: <see cref="ScoreProvenance.ReasonName"/>.</summary>
    public static string ReasonName(FallbackReason reason) => ScoreProvenance.NameOf(reason);
}
