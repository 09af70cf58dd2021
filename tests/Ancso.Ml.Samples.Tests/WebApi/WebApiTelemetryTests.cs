using System.Diagnostics;
using System.Net.Http.Json;
using Ancso.Ml.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Ancso.Ml.Samples.Tests.WebApi;

/// <summary>
/// What the WebApi sample's three hosting lines give: the ranker warmed up before the first request, and its spans and
/// metrics collected by the app's OpenTelemetry pipeline (an in-memory exporter added beside the sample's own setup).
/// </summary>
public class WebApiTelemetryTests
{
    private readonly LockedCollection<Activity> _spans = new();
    private readonly LockedCollection<MetricSnapshot> _metrics = new();
    private readonly LogCapture _logs = new();
    private TempFolder _folder = null!;
    private TelemetryFactory _factory = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _folder = new TempFolder();
        _factory = new TelemetryFactory(_folder, this);
        _client = _factory.CreateClient();
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _client.Dispose();
        _factory.Dispose();
        _folder.Dispose();
    }

    [Test]
    public void Start_WarmUpOnStart_LoadsTheRankerBeforeTheFirstRequest()
    {
        var entries = _logs.Entries.ToList();
        var log = string.Join(Environment.NewLine, entries.Select(e => $"{e.Category}[{e.EventId}] {e.Message}"));
        var warmedUp = entries.FindIndex(e => e.EventId == 3700);
        var started = entries.FindIndex(e => e.Category == "Microsoft.Hosting.Lifetime" && e.Message.StartsWith("Application started", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(entries.Count(e => e.EventId == 3700), Is.EqualTo(1), log);
            Assert.That(warmedUp, Is.GreaterThanOrEqualTo(0).And.LessThan(started), "warmed up before the app started serving: " + log);
            Assert.That(entries[warmedUp].Message, Does.Contain("heuristic").And.Contain("NoModel"));
        });
    }

    [Test]
    public async Task Score_WithOpenTelemetry_SpanNestsUnderTheRequestAndCarriesProvenance()
    {
        using var response = await _client.PostAsJsonAsync(new Uri("/score", UriKind.Relative), new { platform = "github", section = "bio", text = "Maintainer of PgPool Lite, used by 30 companies." });
        response.EnsureSuccessStatusCode();

        var tracer = _factory.Services.GetRequiredService<TracerProvider>();
        var request = await Eventually.WaitForAsync(
            () => tracer.ForceFlush(),
            () => Spans().SingleOrDefault(s => s.Kind == ActivityKind.Server && s.DisplayName.Contains("/score", StringComparison.Ordinal)),
            span => span is not null,
            "the request's server span");
        var spans = Spans();
        var score = spans.Where(s => s.OperationName == RankerDiagnostics.ScoreActivity && s.ParentSpanId == request!.SpanId).ToList();
        var warmUp = spans.Where(s => s.OperationName == RankerDiagnostics.ScoreActivity && s.ParentSpanId == default).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(score, Has.Count.EqualTo(1), string.Join(", ", spans.Select(s => s.OperationName)));
            Assert.That(score[0].Source.Name, Is.EqualTo(RankerDiagnostics.SourceName));
            Assert.That(score[0].GetTagItem(RankerDiagnostics.ProvenanceTag), Is.EqualTo("heuristic"));
            Assert.That(score[0].GetTagItem(RankerDiagnostics.FallbackReasonTag), Is.EqualTo("no_model"));
            Assert.That(warmUp, Has.Count.EqualTo(1), "the warm-up's score, outside any request");
        });
    }

    [Test]
    public async Task Compare_WithOpenTelemetry_MetricsCountScoresByProvenance()
    {
        using var response = await _client.PostAsJsonAsync(new Uri("/compare", UriKind.Relative), new { platform = "linkedin", section = "headline", a = "Engineer", b = "Staff engineer | cut p99 latency 45%" });
        response.EnsureSuccessStatusCode();

        var meter = _factory.Services.GetRequiredService<MeterProvider>();
        var compareRequests = await Eventually.WaitForAsync(
            () => meter.ForceFlush(),
            () => Points(Metrics(), "http.server.request.duration").Where(p => Tag(p, "http.route") == "/compare").Sum(p => p.GetHistogramCount()),
            count => count >= 1,
            "ASP.NET Core's request duration for /compare, beside the ranker's metrics");
        var metrics = Metrics();
        var compareDurations = Points(metrics, RankerDiagnostics.ScoreDurationInstrument)
            .Where(p => Tag(p, RankerDiagnostics.OperationTag) == "compare" && Tag(p, RankerDiagnostics.ProvenanceTag) == "heuristic")
            .Sum(p => p.GetHistogramCount());
        var heuristicScores = Points(metrics, RankerDiagnostics.ProvenanceInstrument)
            .Where(p => Tag(p, RankerDiagnostics.ProvenanceTag) == "heuristic" && Tag(p, RankerDiagnostics.FallbackReasonTag) == "no_model")
            .Sum(p => p.GetSumLong());
        Assert.Multiple(() =>
        {
            Assert.That(compareRequests, Is.EqualTo(1));
            Assert.That(compareDurations, Is.EqualTo(1), string.Join(", ", metrics.Select(m => m.Name).Distinct()));
            Assert.That(heuristicScores, Is.GreaterThanOrEqualTo(2), "a comparison produces two scores");
        });
    }

    private Activity[] Spans() => _spans.Snapshot();

    private MetricSnapshot[] Metrics() => _metrics.Snapshot();

    private static IEnumerable<MetricPoint> Points(IEnumerable<MetricSnapshot> metrics, string name)
    {
        // Cumulative temporality: the latest snapshot of an instrument holds every point so far.
        var latest = metrics.LastOrDefault(m => m.Name == name);
        return latest is null ? [] : latest.MetricPoints;
    }

    private static string? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key)
            {
                return tag.Value?.ToString();
            }
        }

        return null;
    }

    /// <summary>The sample as <see cref="WebApiFactory"/> hosts it, with in-memory exporters and a log capture added.</summary>
    private sealed class TelemetryFactory(TempFolder folder, WebApiTelemetryTests test) : WebApiFactory(folder)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(test._spans));
                services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(test._metrics));
                services.AddSingleton<ILoggerProvider>(test._logs);
            });
        }
    }
}
