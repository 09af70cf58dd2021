using System.Diagnostics;
using System.Reflection;
using Ancso.Ml.DependencyInjection;
using Ancso.Ml.Diagnostics;
using Ancso.Ml.Hosting;
using Ancso.Ml.Inference;
using Ancso.Ml.Metrics;
using Ancso.Ml.Tests.Inference;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ancso.Ml.Tests.Hosting;

public class RankerHostingTests
{
    [Test]
    public async Task WarmUpOnStart_CalledTwice_OneHostedServiceThatLoadsTheModelBeforeTheFirstCall()
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v1", seed: 1);
        await using var provider = Services(folder, b => b.WarmUpOnStart().WarmUpOnStart()).Services.BuildServiceProvider();
        var hosted = provider.GetServices<IHostedService>().ToList();
        var ranker = (RankerInferenceService)provider.GetRequiredService<IRankerInferenceService>();

        Assert.That(hosted, Has.Count.EqualTo(1));
        Assert.That(ranker.CurrentSession, Is.Null, "nothing loads before the host starts");
        await hosted[0].StartAsync(CancellationToken.None);

        Assert.That(ranker.CurrentSession, Is.Not.Null, "the model is loaded and warm before the first request");
        Assert.That(folder.Generator.Calls, Is.GreaterThan(0), "the sample text went through the embedding generator");
    }

    [Test]
    public async Task WarmUp_FailingRanker_LogsAndLetsTheHostStart()
    {
        var ranker = new ThrowingRanker();
        var logs = new CapturingLogger();
        var service = new RankerWarmUpService(ranker, new TypedLogger<RankerWarmUpService>(logs));

        await service.StartAsync(CancellationToken.None);

        Assert.That(logs.Entries.Single().EventId.Id, Is.EqualTo(3701));
        Assert.That(logs.Entries.Single().Exception, Is.InstanceOf<IOException>());
    }

    [Test]
    public async Task HealthCheck_NoModel_DegradedWithTheReasonAndNoPaths()
    {
        using var folder = new TestModelFolder();
        await using var provider = Services(folder, b => b.Services.AddRankerHealthChecks()).Services.BuildServiceProvider();

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        var entry = report.Entries[RankerHealthChecks.DefaultName];
        Assert.Multiple(() =>
        {
            Assert.That(report.Status, Is.EqualTo(HealthStatus.Degraded));
            Assert.That(entry.Data[RankerHealthChecks.ProvenanceKey], Is.EqualTo("heuristic"));
            Assert.That(entry.Data[RankerHealthChecks.ReasonKey], Is.EqualTo("no_model"));
            Assert.That(entry.Data[RankerHealthChecks.ModelVersionKey], Is.EqualTo(""));
            Assert.That(entry.Description, Does.Contain("no_model"));
            Assert.That(entry.Description + string.Join(" ", entry.Data.Values), Does.Not.Contain(folder.Root));
        });
    }

    [Test]
    public async Task HealthCheck_Model_HealthyWithItsVersion()
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v7", seed: 3);
        await using var provider = Services(folder, b => b.Services.AddRankerHealthChecks("scoring", ["ready"])).Services.BuildServiceProvider();

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Tags.Contains("ready"));

        var entry = report.Entries["scoring"];
        Assert.That(report.Status, Is.EqualTo(HealthStatus.Healthy));
        Assert.That(entry.Data[RankerHealthChecks.ModelVersionKey], Is.EqualTo("v7"));
        Assert.That(entry.Data[RankerHealthChecks.EmbeddingGeneratorKey], Is.EqualTo(folder.Layout.EmbeddingGeneratorId));
    }

    [Test]
    public async Task AddRankerCheck_OnTheHealthChecksBuilder_RanksBesideTheAppsOtherChecks()
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v8", seed: 4);
        await using var provider = Services(folder, b => b.Services.AddHealthChecks()
            .AddCheck("database", () => HealthCheckResult.Healthy())
            .AddRankerCheck("scoring", tags: ["ready"])).Services.BuildServiceProvider();

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Multiple(() =>
        {
            Assert.That(report.Entries.Keys, Is.EquivalentTo(new[] { "database", "scoring" }));
            Assert.That(report.Status, Is.EqualTo(HealthStatus.Healthy));
            Assert.That(report.Entries["scoring"].Data[RankerHealthChecks.ModelVersionKey], Is.EqualTo("v8"));
            Assert.That(report.Entries["scoring"].Tags, Is.EquivalentTo(new[] { "ready" }));
        });
    }

    [Test]
    public async Task AddRankerCheck_DefaultName_IsRankerAndNoModelIsDegradedWhateverTheFailureStatus()
    {
        using var folder = new TestModelFolder();
        await using var provider = Services(folder, b => b.Services.AddHealthChecks().AddRankerCheck(failureStatus: HealthStatus.Unhealthy))
            .Services.BuildServiceProvider();

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        var entry = report.Entries[RankerHealthChecks.DefaultName];
        Assert.That(entry.Status, Is.EqualTo(HealthStatus.Degraded), "the heuristic is not a failure of the check");
        Assert.That(entry.Data[RankerHealthChecks.ReasonKey], Is.EqualTo("no_model"));
    }

    [TestCase(null, HealthStatus.Unhealthy)]
    [TestCase(HealthStatus.Degraded, HealthStatus.Degraded)]
    public async Task AddRankerCheck_CheckThrows_ReportsTheFailureStatus(HealthStatus? failureStatus, HealthStatus expected)
    {
        var services = new ServiceCollection().AddLogging().AddSingleton<IRankerInferenceService>(new ThrowingRanker());
        services.AddHealthChecks().AddRankerCheck(failureStatus: failureStatus);
        await using var provider = services.BuildServiceProvider();

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        var entry = report.Entries[RankerHealthChecks.DefaultName];
        Assert.That(entry.Status, Is.EqualTo(expected));
        Assert.That(entry.Exception, Is.InstanceOf<NotSupportedException>());
    }

    [Test]
    public async Task AddRankerHealthChecks_IsTheOneLinerOverAddRankerCheck()
    {
        using var folder = new TestModelFolder();
        await using var provider = Services(folder, b => b.Services.AddRankerHealthChecks().AddCheck("other", () => HealthCheckResult.Healthy()))
            .Services.BuildServiceProvider();

        var registrations = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<HealthCheckServiceOptions>>().Value.Registrations;

        Assert.That(registrations.Select(r => r.Name), Is.EquivalentTo(new[] { RankerHealthChecks.DefaultName, "other" }));
        Assert.That(registrations.Single(r => r.Name == RankerHealthChecks.DefaultName).FailureStatus, Is.EqualTo(HealthStatus.Unhealthy));
    }

    [Test]
    public async Task Spans_ScoreCompareRank_CarryProvenanceAndVersion()
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v2", seed: 2);
        await using var provider = Services(folder, _ => { }).Services.BuildServiceProvider();
        var ranker = provider.GetRequiredService<IRankerInferenceService>();
        var stopped = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == RankerDiagnostics.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Add,
        };
        ActivitySource.AddActivityListener(listener);
        var a = TestModelFolder.Item("a", "Built the ranking service");
        var b = TestModelFolder.Item("b", "Worked on things");

        await ranker.ScoreItemAsync(a);
        await ranker.CompareAsync(a, b);
        await ranker.RankAsync([a, b]);

        var ours = stopped.Where(s => s.Source.Name == RankerDiagnostics.SourceName && s.OperationName.StartsWith("ancso.ranker.", StringComparison.Ordinal)).ToList();
        Assert.That(ours.Select(s => s.OperationName), Is.EqualTo(new[] { RankerDiagnostics.ScoreActivity, RankerDiagnostics.CompareActivity, RankerDiagnostics.RankActivity }));
        Assert.That(ours.Select(s => s.GetTagItem(RankerDiagnostics.ProvenanceTag)), Is.All.EqualTo("model"));
        Assert.That(ours.Select(s => s.GetTagItem(RankerDiagnostics.ModelVersionTag)), Is.All.EqualTo("v2"));
        Assert.That(ours[2].GetTagItem(RankerDiagnostics.ItemCountTag), Is.EqualTo(2));
    }

    [Test]
    public void EventIds_AreUniqueAcrossEveryPackageAndInTheirComponentsRange()
    {
        var ranges = new Dictionary<string, (int From, int To)>
        {
            ["TrainingLog"] = (3000, 3099),
            ["RankerInferenceLog"] = (3100, 3199),
            ["RegistryLog"] = (3200, 3299),
            ["EmbeddingPipelineLog"] = (3300, 3399),
            ["SqlitePairStoreLog"] = (3400, 3499),
            ["OpenRouterLog"] = (3500, 3599),
            ["PairDatasetExporterLog"] = (3600, 3699),
            ["RankerHostingLog"] = (3700, 3799),
            ["ErasureLog"] = (4000, 4099),
        };
        var assemblies = new[] { typeof(RankerOptions).Assembly, typeof(Ancso.Ml.Training.IRankerTrainer).Assembly, typeof(Ancso.Ml.Sqlite.SqlitePairStore).Assembly };
        var ids = assemblies
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
                .Select(m => (Type: t.Name, Method: m.Name, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>())))
            .Where(x => x.Attribute is not null)
            .Select(x => (x.Type, x.Method, Id: x.Attribute!.EventId))
            .ToList();

        Assert.That(ids, Has.Count.GreaterThan(30));
        Assert.That(ids.GroupBy(x => x.Id).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(x => x.Type + "." + x.Method))}"), Is.Empty);
        foreach (var (type, method, id) in ids)
        {
            Assert.That(ranges.ContainsKey(type), Is.True, $"{type} has no event id range; add one to docs/observability.md and this test");
            Assert.That(id, Is.InRange(ranges[type].From, ranges[type].To), $"{type}.{method}");
        }
    }

    private static IRankerBuilder Services(TestModelFolder folder, Action<IRankerBuilder> configure)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IContentMetricsAnalyzer>(folder.Analyzer)
            .AddSingleton<Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>>>(folder.Generator);
        var builder = services.AddRanker(o =>
        {
            o.ModelsDirectory = folder.ModelsDirectory;
            o.EmbeddingDimension = folder.Layout.EmbeddingDimension;
            o.HotReload = false;
        });
        configure(builder);
        return builder;
    }

    private sealed class ThrowingRanker : IRankerInferenceService
    {
        public Task InitializeAsync(CancellationToken cancellationToken = default) => throw new IOException("disk gone");

        public ValueTask<ItemScore> ScoreItemAsync(Ancso.Ml.Content.ContentItem item, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<ComparisonResult> CompareAsync(Ancso.Ml.Content.ContentItem a, Ancso.Ml.Content.ContentItem b, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<RankingResult> RankAsync(IReadOnlyList<Ancso.Ml.Content.ContentItem> items, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<RankerStatus> GetStatusAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}

/// <summary>An <see cref="ILogger{TCategoryName}"/> over a <see cref="CapturingLogger"/>.</summary>
internal sealed class TypedLogger<T>(CapturingLogger inner) : ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        inner.Log(logLevel, eventId, state, exception, formatter);
}
