using Ancso.Ml.Models;
using Ancso.Ml.Tests.Inference;

namespace Ancso.Ml.Tests.Models;

/// <summary>A crash while training leaves temporary files and metadata without a model; the registry removes them on first use.</summary>
public class FileModelRegistrySweepTests
{
    [Test]
    public async Task ListVersionsAsync_StaleLeftoversOfACrash_RemovedOnFirstUse()
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v1", seed: 1);
        var old = DateTime.UtcNow - FileModelRegistry.StaleAfter - TimeSpan.FromMinutes(5);
        var staleTemp = Leftover(folder, ".ranker-v2.onnx.0123456789ab.tmp", old, size: 824 * 1024);
        var staleOrphan = Leftover(folder, ModelFileNames.Metadata("v2"), old);
        var freshTemp = Leftover(folder, ".ranker-v3.onnx.abcdef012345.tmp", DateTime.UtcNow);
        var freshOrphan = Leftover(folder, ModelFileNames.Metadata("v3"), DateTime.UtcNow);
        var unrelated = Leftover(folder, "notes.tmp", old);
        File.SetLastWriteTimeUtc(folder.PathOf(ModelFileNames.Model("v1")), old);
        File.SetLastWriteTimeUtc(folder.PathOf(ModelFileNames.Metadata("v1")), old);
        using var registry = new FileModelRegistry(folder.ModelsDirectory);

        var versions = await registry.ListVersionsAsync();

        Assert.That(File.Exists(staleTemp), Is.False, "a stale temporary file is removed");
        Assert.That(File.Exists(staleOrphan), Is.False, "stale metadata without its model is removed");
        Assert.That(File.Exists(freshTemp), Is.True, "a write may be in progress");
        Assert.That(File.Exists(freshOrphan), Is.True, "a store may be in progress (metadata is written first)");
        Assert.That(File.Exists(unrelated), Is.True, "only the registry's own leftovers");
        Assert.That(versions.Select(v => v.Version), Is.EqualTo(new[] { "v1" }));
        Assert.That(File.Exists(folder.PathOf(ModelFileNames.Model("v1"))), Is.True);
        Assert.That(File.Exists(folder.PathOf(ModelFileNames.Metadata("v1"))), Is.True);
    }

    [Test]
    public async Task GetActiveAsync_ActiveVersionsModelMissing_KeepsItsMetadata()
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v1", seed: 1);
        File.Delete(folder.PathOf(ModelFileNames.Model("v1")));
        File.SetLastWriteTimeUtc(folder.PathOf(ModelFileNames.Metadata("v1")), DateTime.UtcNow - TimeSpan.FromDays(3));
        using var registry = new FileModelRegistry(folder.ModelsDirectory);

        var error = Assert.ThrowsAsync<ModelRegistryException>(() => registry.GetActiveAsync());

        Assert.That(error!.Kind, Is.EqualTo(ModelRegistryErrorKind.FileMissing));
        Assert.That(File.Exists(folder.PathOf(ModelFileNames.Metadata("v1"))), Is.True, "the active version's files are never swept");
    }

    [Test]
    public async Task SweepAsync_SecondUse_DoesNotSweepAgain()
    {
        using var folder = new TestModelFolder();
        using var registry = new FileModelRegistry(folder.ModelsDirectory);
        await registry.ListVersionsAsync();
        var later = Leftover(folder, ".ranker-v9.onnx.0123456789ab.tmp", DateTime.UtcNow - TimeSpan.FromDays(1));

        await registry.ListVersionsAsync();

        Assert.That(File.Exists(later), Is.True, "the sweep runs once, at start");
        Assert.That(await registry.SweepAsync(CancellationToken.None), Is.EqualTo(1));
    }

    private static string Leftover(TestModelFolder folder, string name, DateTime lastWriteUtc, int size = 16)
    {
        var path = folder.PathOf(name);
        File.WriteAllBytes(path, new byte[size]);
        File.SetLastWriteTimeUtc(path, lastWriteUtc);
        return path;
    }
}
