using Ancso.Ml.Inference;
using Ancso.Ml.Models;

namespace Ancso.Ml.Tests.Inference;

/// <summary>Hot reload under load, with activations of models that cannot serve mixed in.</summary>
public class RankerInferenceServiceHotReloadStressTests
{
    /// <summary>
    /// The regression test of issue 12's hot-reload probe (8 threads, 2 million calls, 220 activations of which 12 corrupt:
    /// no exception, no score under the wrong version), at a size for every test run: 8 threads score without pause
    /// while 48 activations switch between three good models, and 12 of them point at a model no one can serve (random
    /// bytes, NaN scores, a FIFO, a link out of the folder, external data, a version that disagrees with its files).
    /// </summary>
    [Test]
    [CancelAfter(5 * 60 * 1000)]
    public async Task ScoreItemAsync_GoodAndCorruptActivationsWhileEightThreadsScore_NoCallFailsAndNoScoreUnderTheWrongVersion(CancellationToken cancellationToken)
    {
        using var folder = new TestModelFolder();
        var item = TestModelFolder.Item("a", "Principal engineer; led the migration of 40 services to .NET, cutting cloud cost 30%");
        var expected = new Dictionary<string, float>();
        foreach (var (version, seed) in new[] { ("v1", 1), ("v2", 2), ("v3", 3) })
        {
            var weights = await folder.StoreAsync(version, seed, activate: version == "v1");
            expected[version] = await folder.ExpectedScoreAsync(weights, item);
        }

        var corrupt = await StoreCorruptVersionsAsync(folder);
        var service = folder.CreateService(o =>
        {
            o.HotReload = true;
            o.HotReloadCheckInterval = TimeSpan.FromMilliseconds(20);
        });
        await service.InitializeAsync(cancellationToken);

        using var load = new ScoringLoad(service, item, expected);

        var serving = "v1";
        var good = new[] { "v2", "v3", "v1" };
        var goodActivations = 0;
        var corruptActivations = 0;
        for (var activation = 0; activation < 48; activation++)
        {
            if (activation % 4 == 3)
            {
                var bad = corrupt[corruptActivations++ % corrupt.Count];
                await folder.PointAtAsync(bad.Version, bad.ModelFile, bad.MetadataFile, previousVersion: serving);
                await service.ReloadAsync().WaitAsync(cancellationToken);
                var status = await service.GetStatusAsync(cancellationToken);
                Assert.That(status.Provenance.ModelVersion, Is.EqualTo(serving), $"{bad.Version} must not replace {serving}");
                Assert.That(status.ActivationFailure?.Reason, Is.EqualTo(FallbackReason.ModelCorrupt).Or.EqualTo(FallbackReason.MetadataMismatch), $"{bad.Version}: {status.ActivationFailure}");
                continue;
            }

            var next = good[goodActivations++ % good.Length];

            var scoredBefore = load.Seen.GetValueOrDefault(next);
            await folder.Registry.ActivateAsync(next, cancellationToken);
            await RankerInferenceServiceHotReloadTests.WaitForVersionAsync(service, next);
            serving = next;
            await RankerInferenceServiceHotReloadTests.WaitUntilAsync(() => load.Seen.GetValueOrDefault(next) > scoredBefore, $"no call scored with {next} after it was activated");
        }

        await load.StopAsync();

        Assert.That(corruptActivations, Is.EqualTo(12));
        Assert.That(load.Failures.Select(f => f.ToString()), Is.Empty);
        Assert.That(load.Wrong, Is.Empty, "a score was attributed to a version that did not produce it");
        Assert.That(load.Seen.Keys, Is.EquivalentTo(new[] { "v1", "v2", "v3" }), "no call fell back to the heuristic or scored with a corrupt model");
        Assert.That(load.Calls, Is.GreaterThan(0));
    }

    /// <summary>Stores the models no one can serve, and says how a pointer names each (the last one by other files than its version's).</summary>
    private static async Task<List<(string Version, string? ModelFile, string? MetadataFile)>> StoreCorruptVersionsAsync(TestModelFolder folder)
    {
        var width = folder.Layout.Width;
        var garbage = new byte[8 * 1024];
        new Random(7).NextBytes(garbage);
        await folder.Registry.StoreAsync(garbage, folder.Metadata("random"));
        await folder.Registry.StoreAsync(HostileModels.SqrtOfLinear(new float[width], float.NaN), folder.Metadata("nan"));
        await folder.Registry.StoreAsync(HostileModels.SqrtOfLinear(new float[width], 1f, externalLocation: "data/ranker/pairs.db"), folder.Metadata("external"));
        await folder.StoreAsync("fifo", seed: 9, activate: false);
        File.Delete(folder.PathOf(ModelFileNames.Model("fifo")));
        HostileModels.MakeFifo(folder.PathOf(ModelFileNames.Model("fifo")));
        await folder.StoreAsync("escape", seed: 10, activate: false);
        var outside = Path.Combine(folder.Root, "outside.onnx");
        File.Move(folder.PathOf(ModelFileNames.Model("escape")), outside);
        File.CreateSymbolicLink(folder.PathOf(ModelFileNames.Model("escape")), outside);
        return [("random", null, null), ("nan", null, null), ("external", null, null), ("fifo", null, null), ("escape", null, null),
            ("v9", ModelFileNames.Model("v2"), ModelFileNames.Metadata("v2"))];
    }
}
