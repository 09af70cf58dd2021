using System.Text.Json;
using Ancso.Ml.Models;
using Ancso.Ml.Tests.Inference;
using Ancso.Ml.Tests.Training;
using Ancso.Ml.Training.Onnx;

namespace Ancso.Ml.Tests.Models;

/// <summary><see cref="FileModelRegistry.DeleteAsync"/>: a stored version that is not active goes, model then metadata, and with it any rollback to it.</summary>
public class FileModelRegistryDeleteTests
{
    private static readonly byte[] ModelBytes = OnnxModelWriter.Write(OnnxModelWriterTests.RandomNetwork(70, seed: 1));

    private TestModelFolder _folder = null!;

    [SetUp]
    public void SetUp() => _folder = new TestModelFolder();

    [TearDown]
    public void TearDown() => _folder.Dispose();

    private FileModelRegistry Registry => _folder.Registry;

    private async Task StoreAsync(params string[] versions)
    {
        foreach (var version in versions)
        {
            await Registry.StoreAsync(ModelBytes, _folder.Metadata(version));
        }
    }

    [Test]
    public async Task DeleteAsync_StoredVersion_DeletesItsModelAndMetadataAndNoLongerListsIt()
    {
        await StoreAsync("v1", "v2");

        var deleted = await Registry.DeleteAsync("v1");

        Assert.That(deleted, Is.True);
        Assert.That(Files(), Is.EquivalentTo(new[] { "ranker-v2.onnx", "ranker-v2.metadata.json" }));
        Assert.That((await Registry.ListVersionsAsync()).Select(v => v.Version), Is.EqualTo(new[] { "v2" }));
    }

    [Test]
    public async Task DeleteAsync_ActiveVersion_RefusedWithVersionActiveAndChangesNothing()
    {
        await StoreAsync("v1", "v2");
        await Registry.ActivateAsync("v1");
        await Registry.ActivateAsync("v2");
        var before = Snapshot();

        var error = Assert.ThrowsAsync<ModelRegistryException>(() => Registry.DeleteAsync("v2"));

        Assert.That(error!.Kind, Is.EqualTo(ModelRegistryErrorKind.VersionActive));
        Assert.That(error.Message, Does.Contain("v2").And.Contain("activate another version"));
        Assert.That(Snapshot(), Is.EqualTo(before));
        Assert.That((await Registry.GetActiveAsync())!.Version, Is.EqualTo("v2"));
    }

    [Test]
    public async Task DeleteAsync_TheRollbackTarget_ClearsPreviousVersionSoRollbackSaysThereIsNone()
    {
        await StoreAsync("v1", "v2");
        await Registry.ActivateAsync("v1");
        await Registry.ActivateAsync("v2");
        Assert.That((await ReadPointerAsync()).PreviousVersion, Is.EqualTo("v1"));

        await Registry.DeleteAsync("v1");
        var pointer = await ReadPointerAsync();
        var error = Assert.ThrowsAsync<ModelRegistryException>(() => Registry.RollbackAsync());

        Assert.That((pointer.Version, pointer.PreviousVersion), Is.EqualTo(("v2", (string?)null)));
        Assert.That(error!.Kind, Is.EqualTo(ModelRegistryErrorKind.NoPreviousVersion));
        Assert.That((await Registry.GetActiveAsync())!.Version, Is.EqualTo("v2"));
        Assert.That(Files(), Is.EquivalentTo(new[] { "ranker-v2.onnx", "ranker-v2.metadata.json", ModelFileNames.ActivePointer }));
    }

    [Test]
    public async Task DeleteAsync_AnotherVersion_LeavesThePointerAsItWas()
    {
        await StoreAsync("v1", "v2", "v3");
        await Registry.ActivateAsync("v1");
        await Registry.ActivateAsync("v2");
        var pointer = await File.ReadAllBytesAsync(_folder.PathOf(ModelFileNames.ActivePointer));

        await Registry.DeleteAsync("v3");

        Assert.That(await File.ReadAllBytesAsync(_folder.PathOf(ModelFileNames.ActivePointer)), Is.EqualTo(pointer));
        Assert.That((await Registry.RollbackAsync()).Version, Is.EqualTo("v1"));
    }

    [Test]
    public async Task DeleteAsync_VersionNotStored_ReturnsFalseAndChangesNothing()
    {
        await StoreAsync("v1");
        await Registry.ActivateAsync("v1");
        var before = Snapshot();

        Assert.That(await Registry.DeleteAsync("v9"), Is.False);
        Assert.That(Snapshot(), Is.EqualTo(before));
    }

    [Test]
    public async Task DeleteAsync_Twice_SecondCallReturnsFalse()
    {
        await StoreAsync("v1");

        Assert.That((await Registry.DeleteAsync("v1"), await Registry.DeleteAsync("v1")), Is.EqualTo((true, false)));
        Assert.That(Files(), Is.Empty);
    }

    [Test]
    public async Task DeleteAsync_ModelDeletedButMetadataLeft_SecondCallDeletesTheMetadata()
    {
        await StoreAsync("v1");

        // As a delete interrupted between its two files leaves the folder: the model goes first.
        File.Delete(_folder.PathOf("ranker-v1.onnx"));

        Assert.That(await Registry.DeleteAsync("v1"), Is.True);
        Assert.That(Files(), Is.Empty);
    }

    [Test]
    public async Task DeleteAsync_EmptyOrMissingFolder_ReturnsFalse()
    {
        using var missing = new FileModelRegistry(Path.Combine(_folder.Root, "nowhere"));

        Assert.That(await Registry.DeleteAsync("v1"), Is.False);
        Assert.That(await missing.DeleteAsync("v1"), Is.False);
        Assert.That(Directory.Exists(missing.ModelsDirectory), Is.False, "nothing is created");
    }

    [TestCase("../escape")]
    [TestCase("a/b")]
    [TestCase(".hidden")]
    [TestCase("")]
    public async Task DeleteAsync_VersionNotUsableAsFileName_ThrowsInvalidVersionAndDeletesNothing(string version)
    {
        await StoreAsync("v1");
        var before = Snapshot();

        var error = Assert.ThrowsAsync<ModelRegistryException>(() => Registry.DeleteAsync(version));

        Assert.That(error!.Kind, Is.EqualTo(ModelRegistryErrorKind.InvalidVersion));
        Assert.That(Snapshot(), Is.EqualTo(before));
    }

    [Test]
    public async Task DeleteAsync_NameOfAFileOutsideTheFolder_RefusedAndTheFileStays()
    {
        var outside = Path.Combine(_folder.Root, "ranker-x.onnx");
        await File.WriteAllBytesAsync(outside, ModelBytes);

        Assert.ThrowsAsync<ModelRegistryException>(() => Registry.DeleteAsync("../ranker-x"));

        Assert.That(File.Exists(outside), Is.True);
    }

    private string[] Files() => [.. Directory.GetFiles(_folder.ModelsDirectory).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    private SortedDictionary<string, byte[]> Snapshot() =>
        new(Directory.GetFiles(_folder.ModelsDirectory).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes), StringComparer.Ordinal);

    private async Task<ActiveModelPointer> ReadPointerAsync() =>
        JsonSerializer.Deserialize(await File.ReadAllBytesAsync(_folder.PathOf(ModelFileNames.ActivePointer)), ModelsJsonContext.Default.ActiveModelPointer)!;
}
