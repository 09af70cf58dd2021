using System.Diagnostics.Metrics;
using Ancso.Ml.Inference;

namespace Ancso.Ml.Tests.Inference;

public class RankerInferenceServiceTelemetryTests
{
    [Test]
    public async Task ScoreItemAsync_ListenerEnabled_RecordsDurationAndProvenanceOnTheAncsoMlMeter()
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v1", seed: 1);
        using var meters = new TestMeterFactory();
        var service = folder.CreateService(meterFactory: meters);
        var counts = new List<(long Value, Dictionary<string, object?> Tags)>();
        var durations = new List<(double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (meters.Created.Contains(instrument.Meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) => counts.Add((value, ToDictionary(tags))));
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) => durations.Add((value, ToDictionary(tags))));
        listener.Start();

        await service.ScoreItemAsync(TestModelFolder.Item("a", "text"));
        await service.RankAsync([TestModelFolder.Item("a", "x"), TestModelFolder.Item("b", "y"), TestModelFolder.Item("c", "z")]);

        Assert.That(meters.Created.Single().Name, Is.EqualTo("Ancso.Ml"));
        Assert.That(counts.Select(c => c.Value), Is.EqualTo(new long[] { 1, 3 }));
        Assert.That(counts.Select(c => c.Tags[RankerTelemetry.ProvenanceTag]), Is.All.EqualTo("model"));
        Assert.That(counts.Select(c => c.Tags[RankerTelemetry.ReasonTag]), Is.All.EqualTo("none"));
        Assert.That(durations.Select(d => d.Tags[RankerTelemetry.OperationTag]), Is.EqualTo(new[] { "score", "rank" }));
        Assert.That(durations.Select(d => d.Value), Is.All.GreaterThanOrEqualTo(0.0));
    }

    [Test]
    public async Task CompareAsync_NoModel_CountsHeuristicScoresWithTheReason()
    {
        using var folder = new TestModelFolder();
        using var meters = new TestMeterFactory();
        var service = folder.CreateService(meterFactory: meters);
        var counts = new List<Dictionary<string, object?>>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (meters.Created.Contains(instrument.Meter) && instrument.Name == RankerTelemetry.ProvenanceName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            for (var i = 0; i < value; i++)
            {
                counts.Add(ToDictionary(tags));
            }
        });
        listener.Start();

        await service.CompareAsync(TestModelFolder.Item("a", "x"), TestModelFolder.Item("b", "y"));

        Assert.That(counts, Has.Count.EqualTo(2));
        Assert.That(counts.Select(c => c[RankerTelemetry.ProvenanceTag]), Is.All.EqualTo("heuristic"));
        Assert.That(counts.Select(c => c[RankerTelemetry.ReasonTag]), Is.All.EqualTo("no_model"));
    }

    private static Dictionary<string, object?> ToDictionary(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, object?>();
        foreach (var (key, value) in tags)
        {
            result[key] = value;
        }

        return result;
    }

    private sealed class TestMeterFactory : IMeterFactory
    {
        public List<Meter> Created { get; } = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options);
            Created.Add(meter);
            return meter;
        }

        public void Dispose()
        {
            foreach (var meter in Created)
            {
                meter.Dispose();
            }
        }
    }
}
