using Ancso.Ml.Hosting;
using Ancso.Ml.Inference;
using Ancso.Ml.Models;
using Ancso.Ml.PostgreSql.Models;
using Ancso.Ml.PostgreSql.Tests.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ancso.Ml.PostgreSql.Tests.Models;

/// <summary>The model registry in PostgreSQL as a fleet uses it: one worker activates, every API instance switches.</summary>
public sealed class PostgreSqlModelRegistryTests
{
    private static readonly TimeSpan SwitchDeadline = TimeSpan.FromSeconds(2);

    private PostgreSqlServer _server = null!;
    private string _schema = null!;
    private readonly List<RankerInstance> _instances = [];

    [OneTimeSetUp]
    public async Task StartServer() => _server = await PostgreSqlServer.GetAsync();

    [SetUp]
    public void SetUp() => _schema = PostgreSqlServer.NewSchema();

    [TearDown]
    public async Task TearDown()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        _instances.Clear();
        await _server.ScalarAsync($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE;");
    }

    [Test]
    public async Task ActivateAsync_OnAWorker_TwoInferenceServicesSwitchWithinTwoSecondsAndBackOnRollback()
    {
        var worker = Instance();
        var api1 = Instance();
        var api2 = Instance();
        await worker.StoreModelAsync("v1", seed: 1);
        await worker.Registry.ActivateAsync("v1");
        Assert.That(await api1.ScoringVersionAsync(), Is.EqualTo("v1"));
        Assert.That(await api2.ScoringVersionAsync(), Is.EqualTo("v1"));
        await worker.StoreModelAsync("v2", seed: 2);

        await worker.Registry.ActivateAsync("v2");
        var switched = await Task.WhenAll(api1.WaitForVersionAsync("v2", SwitchDeadline), api2.WaitForVersionAsync("v2", SwitchDeadline));
        await worker.Registry.RollbackAsync();
        var rolledBack = await Task.WhenAll(api1.WaitForVersionAsync("v1", SwitchDeadline), api2.WaitForVersionAsync("v1", SwitchDeadline));

        Assert.That(switched, Has.All.Not.Null, "both instances serve v2 within 2 s of the activation");
        Assert.That(rolledBack, Has.All.Not.Null, "both instances serve v1 again within 2 s of the rollback");
        Assert.That(File.Exists(Path.Combine(api1.LocalFolder, ModelFileNames.Model("v2"))), Is.True, "the instance keeps a local copy");
        var active = await api2.Registry.GetActiveAsync();
        Assert.That((active?.Version, active?.IsActive), Is.EqualTo(("v1", true)));
        Assert.That((await worker.Registry.ListVersionsAsync()).Select(v => (v.Version, v.IsActive)), Is.EquivalentTo(new[] { ("v1", true), ("v2", false) }));
    }

    [Test]
    public async Task Status_DatabaseStopped_ScoringGoesOnFromTheLocalCopyAndStatusSaysSo()
    {
        var worker = Instance();
        var api = Instance();
        await worker.StoreModelAsync("v1", seed: 1);
        await worker.Registry.ActivateAsync("v1");
        Assert.That(await api.ScoringVersionAsync(), Is.EqualTo("v1"));
        Assert.That((await api.Ranker.GetStatusAsync()).RegistryProblem, Is.Null);

        _server.Stop();
        string?[] problems;
        string[] scoredBy;
        HealthCheckResult health;
        RankerInstance coldStart;
        try
        {
            scoredBy = await ScoreForAsync(api, TimeSpan.FromMilliseconds(500));
            problems = [await WaitForProblemAsync(api)];
            health = await new RankerHealthCheck(api.Ranker).CheckHealthAsync(new HealthCheckContext());

            // A new process on this machine starts while the database is down: it serves the local copy.
            coldStart = Instance(localFolder: api.LocalFolder);
            Assert.That(await coldStart.ScoringVersionAsync(), Is.EqualTo("v1"));
            problems = [.. problems, (await coldStart.Ranker.GetStatusAsync()).RegistryProblem];
        }
        finally
        {
            _server.Start();
        }

        Assert.That(scoredBy, Has.All.EqualTo("v1"));
        Assert.That(problems, Has.All.Contain("cannot be reached").And.All.Contain("local copy"));
        Assert.That(health.Status, Is.EqualTo(HealthStatus.Degraded));
        Assert.That(health.Description, Does.Contain("model v1 from the local copy"));
        Assert.That(health.Data[RankerHealthChecks.RegistryProblemKey], Does.Contain("cannot be reached"));

        // Back up: the problem clears and an activation reaches the instance again.
        await worker.StoreModelAsync("v2", seed: 2);
        await worker.Registry.ActivateAsync("v2");
        Assert.That(await api.WaitForVersionAsync("v2", TimeSpan.FromSeconds(10)), Is.Not.Null);
        Assert.That(await coldStart.WaitForVersionAsync("v2", TimeSpan.FromSeconds(10)), Is.Not.Null);
        Assert.That(await WaitForNoProblemAsync(api), Is.Null, "the listener reconnects");
    }

    [Test]
    public async Task StoreAsync_VersionTaken_ThrowsVersionExists()
    {
        var worker = Instance();
        await worker.StoreModelAsync("v1", seed: 1);

        var e = Assert.ThrowsAsync<ModelRegistryException>(() => worker.StoreModelAsync("v1", seed: 3));

        Assert.That(e!.Kind, Is.EqualTo(ModelRegistryErrorKind.VersionExists));
        Assert.That(e.Message, Does.Contain("v1").And.Contain(_schema));
    }

    [Test]
    public async Task ActivateAsync_UnknownVersionOrNoPrevious_ThrowsAndChangesNothing()
    {
        var worker = Instance();
        await worker.StoreModelAsync("v1", seed: 1);
        await worker.Registry.ActivateAsync("v1");

        var missing = Assert.ThrowsAsync<ModelRegistryException>(() => worker.Registry.ActivateAsync("v9"));
        var noPrevious = Assert.ThrowsAsync<ModelRegistryException>(() => worker.Registry.RollbackAsync());

        Assert.That(missing!.Kind, Is.EqualTo(ModelRegistryErrorKind.VersionNotFound));
        Assert.That(noPrevious!.Kind, Is.EqualTo(ModelRegistryErrorKind.NoPreviousVersion));
        Assert.That((await worker.Registry.GetActiveAsync())?.Version, Is.EqualTo("v1"));
    }

    [Test]
    public async Task ActivateAsync_ModelThatDoesNotLoad_IsRefusedAndTheActiveModelStays()
    {
        var worker = Instance();
        var api = Instance();
        await worker.StoreModelAsync("v1", seed: 1);
        await worker.Registry.ActivateAsync("v1");
        var layout = worker.Layout;
        await worker.Registry.StoreAsync("not an onnx model"u8.ToArray(), new ModelMetadata
        {
            Version = "broken",
            InputDimension = layout.Width,
            EmbeddingGeneratorId = layout.EmbeddingGeneratorId,
            EmbeddingDimension = layout.EmbeddingDimension,
            MetricNames = [.. layout.MetricNames],
        });

        var e = Assert.ThrowsAsync<ModelRegistryException>(() => worker.Registry.ActivateAsync("broken"));

        Assert.That(e!.Kind, Is.EqualTo(ModelRegistryErrorKind.ModelRejected));
        Assert.That(e.Message, Does.Contain("The active model is unchanged"));
        Assert.That(await _server.ScalarAsync($"SELECT active_version FROM \"{_schema}\".model_state;"), Is.EqualTo("v1"));
        Assert.That(await api.ScoringVersionAsync(), Is.EqualTo("v1"));
    }

    [Test]
    public async Task GetActiveAsync_BytesChangedInTheDatabase_RefusesThemAndKeepsServing()
    {
        var worker = Instance();
        await worker.StoreModelAsync("v1", seed: 1);
        await worker.Registry.ActivateAsync("v1");
        await _server.ScalarAsync($"UPDATE \"{_schema}\".model_versions SET onnx = 'tampered'::bytea;");
        var api = Instance();

        var status = await api.Ranker.GetStatusAsync();

        Assert.That(status.Provenance.ModelVersion, Is.Null);
        Assert.That(status.Provenance.Detail, Does.Contain("SHA-256"));
    }

    [Test]
    public async Task GetChangeToken_NotifyOnTheRegistrysChannel_FiresTheToken()
    {
        var instance = Instance();
        var registry = (PostgreSqlModelRegistry)instance.Registry;
        var first = registry.GetChangeToken();
        await instance.Ranker.InitializeAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!first.HasChanged && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        var token = registry.GetChangeToken();
        var fired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = token.RegisterChangeCallback(static state => ((TaskCompletionSource)state!).TrySetResult(), fired);
        var firedBeforeNotify = token.HasChanged;

        await _server.ScalarAsync($"NOTIFY \"{registry.Channel}\", 'v7';");
        await fired.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(first.HasChanged, Is.True, "the token fires once the listener listens, for an activation made before");
        Assert.That(firedBeforeNotify, Is.False);
        Assert.That(token.HasChanged, Is.True, "the NOTIFY of an activation fires the token");
        Assert.That(registry.GetChangeToken().HasChanged, Is.False, "a fresh token waits for the next notification");
        Assert.That(((RankerInferenceService)instance.Ranker).WatchesFolderItself, Is.False, "no file watcher when the registry is PostgreSQL");
    }

    private RankerInstance Instance(string? localFolder = null)
    {
        var instance = new RankerInstance(_server, _schema, localFolder: localFolder);
        _instances.Add(instance);
        return instance;
    }

    private static async Task<string[]> ScoreForAsync(RankerInstance instance, TimeSpan duration)
    {
        var versions = new List<string>();
        var started = TimeProvider.System.GetTimestamp();
        while (TimeProvider.System.GetElapsedTime(started) < duration)
        {
            versions.Add(await instance.ScoringVersionAsync());
        }

        return [.. versions];
    }

    private static async Task<string?> WaitForNoProblemAsync(RankerInstance instance)
    {
        string? problem = null;
        for (var i = 0; i < 400; i++)
        {
            problem = (await instance.Ranker.GetStatusAsync()).RegistryProblem;
            if (problem is null)
            {
                break;
            }

            await Task.Delay(25);
        }

        return problem;
    }

    private static async Task<string?> WaitForProblemAsync(RankerInstance instance)
    {
        for (var i = 0; i < 400; i++)
        {
            if ((await instance.Ranker.GetStatusAsync()).RegistryProblem is { } problem)
            {
                return problem;
            }

            await Task.Delay(25);
        }

        return null;
    }
}
