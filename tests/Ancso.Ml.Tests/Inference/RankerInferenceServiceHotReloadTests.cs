using System.Collections.Concurrent;
using Ancso.Ml.Inference;
using Ancso.Ml.Models;
using Ancso.Ml.Tests.Training;
using Ancso.Ml.Training.Onnx;

namespace Ancso.Ml.Tests.Inference;

public class RankerInferenceServiceHotReloadTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public async Task ScoreItemAsync_ModelReactivatedWhileEightThreadsScore_NoCallFailsAndEveryScoreMatchesItsVersion()
    {
        using var folder = new TestModelFolder();
        var item = TestModelFolder.Item("a", "Principal engineer; led the migration of 40 services to .NET, cutting cloud cost 30%");
        var expected = new Dictionary<string, float>();
        foreach (var (version, seed) in new[] { ("v1", 1), ("v2", 2), ("v3", 3) })
        {
            var weights = await folder.StoreAsync(version, seed, activate: version == "v1");
            expected[version] = await folder.ExpectedScoreAsync(weights, item);
        }

        var service = folder.CreateService(o =>
        {
            o.HotReload = true;
            o.HotReloadCheckInterval = TimeSpan.FromMilliseconds(50);
        });
        await service.InitializeAsync();
        var sessions = new ConcurrentDictionary<ModelSession, bool>();
        sessions[service.CurrentSession!] = true;

        using var load = new ScoringLoad(service, item, expected);

        foreach (var version in new[] { "v2", "v3", "v1", "v3", "v2" })
        {
            var scoredBefore = load.Seen.GetValueOrDefault(version);
            await folder.Registry.ActivateAsync(version);
            await WaitForVersionAsync(service, version);
            sessions[service.CurrentSession!] = true;
            await WaitUntilAsync(() => load.Seen.GetValueOrDefault(version) > scoredBefore, $"no call scored with {version} after it was activated");
        }

        await load.StopAsync();

        Assert.That(load.Failures.Select(f => f.ToString()), Is.Empty);
        Assert.That(load.Wrong, Is.Empty, "a score was attributed to a version that did not produce it");
        Assert.That(load.Seen.Keys, Is.SupersetOf(new[] { "v1", "v2", "v3" }));
        Assert.That(load.Seen.Keys, Does.Not.Contain("heuristic"));
        Assert.That(load.Calls, Is.GreaterThan(0));
        var current = service.CurrentSession!;
        Assert.That(current.Version.Version, Is.EqualTo("v2"));
        Assert.That(sessions.Keys.Where(s => !ReferenceEquals(s, current)).Select(s => s.IsDisposed), Is.All.True, "retired sessions are disposed once no call uses them");
        Assert.That(current.IsDisposed, Is.False);
    }

    [Test]
    public async Task ReloadAsync_NewlyActivatedModelCorrupt_KeepsServingPreviousModelAndSaysWhy()
    {
        using var folder = new TestModelFolder();
        var weights = await folder.StoreAsync("v1", seed: 4);
        await folder.Registry.StoreAsync(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, folder.Metadata("broken"));
        var previous = (await folder.Registry.GetActiveAsync())!.Version;
        var logger = new CapturingLogger();
        var service = folder.CreateService(logger: logger);
        await service.InitializeAsync();
        var item = TestModelFolder.Item("a", "text");

        await folder.PointAtAsync("broken", previousVersion: previous);
        await service.ReloadAsync();
        await service.ReloadAsync();
        var score = await service.ScoreItemAsync(item);
        var status = await service.GetStatusAsync();

        Assert.That(score.ModelVersion, Is.EqualTo("v1"));
        Assert.That(score.Score, Is.EqualTo(await folder.ExpectedScoreAsync(weights, item)).Within(1e-5));
        Assert.That(status.Provenance.ModelVersion, Is.EqualTo("v1"));
        Assert.That(status.ActivationFailure!.Reason, Is.EqualTo(FallbackReason.ModelCorrupt));
        Assert.That(status.ActivationFailure.Detail, Does.Contain(ModelFileNames.Model("broken")));
        Assert.That(logger.Count(3103), Is.EqualTo(1), "the rejection is logged once, not per reload");
        Assert.That(logger.Entries.Single(e => e.EventId.Id == 3103).Message, Does.Contain("v1").And.Contain("broken"));
    }

    [Test]
    public async Task ReloadAsync_RolledBackAfterRejectedActivation_ClearsActivationFailure()
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v1", seed: 5);
        await folder.StoreAsync("mismatched", seed: 6, activate: false, edit: m => m.EmbeddingGeneratorId = "other:model");
        var service = folder.CreateService();
        await service.InitializeAsync();
        var session = service.CurrentSession;

        await folder.Registry.ActivateAsync("mismatched");
        await service.ReloadAsync();
        var rejected = await service.GetStatusAsync();
        await folder.Registry.RollbackAsync();
        await service.ReloadAsync();
        var restored = await service.GetStatusAsync();

        Assert.That(rejected.ActivationFailure!.Reason, Is.EqualTo(FallbackReason.MetadataMismatch));
        Assert.That(restored.ActivationFailure, Is.Null);
        Assert.That(service.CurrentSession, Is.SameAs(session), "the same model is not loaded twice");
    }

    [Test]
    public async Task ReloadAsync_PointerRemoved_SwitchesToHeuristicAndDisposesTheSession()
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v1", seed: 7);
        var service = folder.CreateService();
        await service.InitializeAsync();
        var session = service.CurrentSession!;

        File.Delete(folder.PathOf(ModelFileNames.ActivePointer));
        await service.ReloadAsync();
        var score = await service.ScoreItemAsync(TestModelFolder.Item("a", "text"));

        Assert.That(score.Provenance.Reason, Is.EqualTo(FallbackReason.NoModel));
        Assert.That(session.IsDisposed, Is.True);
    }

    [Test]
    public async Task ReloadAsync_FirstModelActivatedAfterStart_SwitchesFromHeuristic()
    {
        using var folder = new TestModelFolder();
        var service = folder.CreateService();
        var before = await service.ScoreItemAsync(TestModelFolder.Item("a", "text"));

        await folder.StoreAsync("v1", seed: 8);
        await service.ReloadAsync();
        var after = await service.ScoreItemAsync(TestModelFolder.Item("a", "text"));

        Assert.That(before.Provenance.Reason, Is.EqualTo(FallbackReason.NoModel));
        Assert.That(after.ModelVersion, Is.EqualTo("v1"));
    }

    /// <summary>
    /// The regression test of the WebApi sample started before <c>samples/data/models</c> existed: it kept answering
    /// <c>no_model</c> on its status and health check for over a minute after another process activated a model there,
    /// until a scoring call made it look (and that call still scored with the heuristic).
    /// </summary>
    [Test]
    public async Task GetStatusAsync_ModelActivatedByAnotherProcessInAFolderCreatedAfterStart_ReportedWithoutACallAndTheFirstCompareUsesIt()
    {
        using var folder = new TestModelFolder(create: false);
        var service = folder.CreateService(o => o.HotReload = true);
        var before = await service.GetStatusAsync();
        Assert.That(Directory.Exists(folder.ModelsDirectory), Is.False);

        using (var otherProcess = new FileModelRegistry(folder.ModelsDirectory))
        {
            var metadata = folder.Metadata("v1");
            await otherProcess.StoreAsync(OnnxModelWriter.Write(OnnxModelWriterTests.RandomNetwork(metadata.InputDimension, 9)), metadata);
            await otherProcess.ActivateAsync("v1");
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        var status = await service.GetStatusAsync();
        while (status.Provenance.ModelVersion is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
            status = await service.GetStatusAsync();
        }

        var first = await service.CompareAsync(TestModelFolder.Item("a", "text"), TestModelFolder.Item("b", "other text"));

        Assert.That(before.Provenance.Reason, Is.EqualTo(FallbackReason.NoModel));
        Assert.That(status.Provenance.ModelVersion, Is.EqualTo("v1"), "the status reports the model within seconds, with no scoring call");
        Assert.That(first.Provenance.Kind, Is.EqualTo(ProvenanceKind.Model));
        Assert.That(first.Provenance.ModelVersion, Is.EqualTo("v1"));
        Assert.That(folder.Registry.IsWatchingFolder, Is.True, "the registry moved its watcher from the parent to the new folder");
    }

    [Test]
    public async Task ChangeToken_NothingChanged_DoesNotReload()
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v1", seed: 10);
        var logger = new CapturingLogger();
        var service = folder.CreateService(o => o.HotReload = true, logger: logger);
        await service.InitializeAsync();

        await Task.Delay(300);

        Assert.That(service.IsWatching, Is.True);
        Assert.That(logger.Count(3108), Is.Zero);
        Assert.That(service.CurrentSession!.Version.Version, Is.EqualTo("v1"));
    }

    [Test]
    public async Task ChangeToken_PointerChangedByAnotherRegistry_SwitchesModelWithoutACall()
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v1", seed: 11);
        await folder.StoreAsync("v2", seed: 12, activate: false);
        var logger = new CapturingLogger();
        var service = folder.CreateService(o => o.HotReload = true, logger: logger);
        await service.InitializeAsync();

        using (var otherProcess = new FileModelRegistry(folder.ModelsDirectory))
        {
            await otherProcess.ActivateAsync("v2");
        }

        await WaitForVersionAsync(service, "v2");
        Assert.That(logger.Entries.Any(e => e.EventId.Id == 3101 && e.Message.Contains("from v1 to v2", StringComparison.Ordinal)), Is.True);
    }

    [Test]
    public async Task InitializeAsync_HotReloadOff_DoesNotWatch()
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v1", seed: 13);
        var service = folder.CreateService(o => o.HotReload = false);

        await service.InitializeAsync();

        Assert.That(service.IsWatching, Is.False);
    }

    [Test]
    public async Task Release_LastLeaseOfRetiredSession_DisposesIt()
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v1", seed: 14);
        await folder.StoreAsync("v2", seed: 15, activate: false);
        var service = folder.CreateService();
        await service.InitializeAsync();
        var old = service.CurrentSession!;
        Assert.That(old.TryAcquire(), Is.True, "a call in flight");

        await folder.Registry.ActivateAsync("v2");
        await service.ReloadAsync();
        var disposedWhileLeased = old.IsDisposed;
        var features = new float[old.Width];
        var scores = new float[1];
        old.Run(features, scores, rows: 1);
        old.Release();

        Assert.That(disposedWhileLeased, Is.False);
        Assert.That(old.IsDisposed, Is.True);
        Assert.That(old.TryAcquire(), Is.False);
        Assert.That(service.CurrentSession!.Version.Version, Is.EqualTo("v2"));
    }

    internal static async Task WaitUntilAsync(Func<bool> condition, string failure)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Waited {Patience.TotalSeconds} s: {failure}.");
            }

            await Task.Delay(5);
        }
    }

    internal static async Task WaitForVersionAsync(RankerInferenceService service, string version)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (service.CurrentSession?.Version.Version != version)
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The service did not switch to {version} within {Patience.TotalSeconds} s; it serves {(await service.GetStatusAsync()).Provenance}.");
            }

            await Task.Delay(5);
        }
    }
}
