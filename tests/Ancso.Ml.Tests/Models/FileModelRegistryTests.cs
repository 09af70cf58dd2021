using System.Text.Json;
using Ancso.Ml.Models;
using Ancso.Ml.Tests.Inference;
using Ancso.Ml.Tests.Training;
using Ancso.Ml.Training.Onnx;

namespace Ancso.Ml.Tests.Models;

public class FileModelRegistryTests
{
    /// <summary>A real model for <see cref="TestModelFolder"/>'s layout (64 + 6 inputs): activation loads it in ONNX Runtime.</summary>
    private static readonly byte[] ModelBytes = OnnxModelWriter.Write(OnnxModelWriterTests.RandomNetwork(70, seed: 1));

    [Test]
    public async Task GetActiveAsync_EmptyOrMissingFolder_ReturnsNull()
    {
        using var folder = new TestModelFolder();
        using var missing = new FileModelRegistry(Path.Combine(folder.Root, "nowhere"));

        Assert.That(await folder.Registry.GetActiveAsync(), Is.Null);
        Assert.That(await missing.GetActiveAsync(), Is.Null);
        Assert.That(await missing.ListVersionsAsync(), Is.Empty);
    }

    [Test]
    public async Task StoreAsync_ThenActivateAsync_GetActiveReturnsTheVersionWithItsMetadata()
    {
        using var folder = new TestModelFolder();

        var stored = await folder.Registry.StoreAsync(ModelBytes, folder.Metadata("v1"));
        var beforeActivation = await folder.Registry.GetActiveAsync();
        var activated = await folder.Registry.ActivateAsync("v1");
        var active = await folder.Registry.GetActiveAsync();

        Assert.That(stored.IsActive, Is.False);
        Assert.That(beforeActivation, Is.Null);
        Assert.That(activated.IsActive, Is.True);
        Assert.That(active!.Version, Is.EqualTo("v1"));
        Assert.That(active.ModelPath, Is.EqualTo(folder.PathOf("ranker-v1.onnx")));
        Assert.That(active.MetadataPath, Is.EqualTo(folder.PathOf("ranker-v1.metadata.json")));
        Assert.That(active.Metadata!.InputDimension, Is.EqualTo(70));
        Assert.That(await File.ReadAllBytesAsync(active.ModelPath), Is.EqualTo(ModelBytes));
        Assert.That(Directory.GetFiles(folder.ModelsDirectory, "*.tmp"), Is.Empty, "no temporary file is left behind");
    }

    [Test]
    public async Task ActivateAsync_SecondVersion_RecordsPreviousAndKeepsItsFiles()
    {
        using var folder = new TestModelFolder();
        await folder.Registry.StoreAsync(ModelBytes, folder.Metadata("v1"));
        await folder.Registry.StoreAsync(ModelBytes, folder.Metadata("v2"));

        await folder.Registry.ActivateAsync("v1");
        await folder.Registry.ActivateAsync("v2");
        var pointer = await ReadPointerAsync(folder);

        Assert.That(pointer.Version, Is.EqualTo("v2"));
        Assert.That(pointer.PreviousVersion, Is.EqualTo("v1"));
        Assert.That(File.Exists(folder.PathOf("ranker-v1.onnx")), Is.True);
        Assert.That(File.Exists(folder.PathOf("ranker-v1.metadata.json")), Is.True);
    }

    [Test]
    public async Task ActivateAsync_ActiveVersionAgain_KeepsThePreviousVersion()
    {
        using var folder = new TestModelFolder();
        await folder.Registry.StoreAsync(ModelBytes, folder.Metadata("v1"));
        await folder.Registry.StoreAsync(ModelBytes, folder.Metadata("v2"));
        await folder.Registry.ActivateAsync("v1");
        await folder.Registry.ActivateAsync("v2");

        await folder.Registry.ActivateAsync("v2");

        Assert.That((await ReadPointerAsync(folder)).PreviousVersion, Is.EqualTo("v1"));
    }

    [Test]
    public async Task RollbackAsync_AfterTwoActivations_ReactivatesPreviousAndCanRollBackAgain()
    {
        using var folder = new TestModelFolder();
        await folder.Registry.StoreAsync(ModelBytes, folder.Metadata("v1"));
        await folder.Registry.StoreAsync(ModelBytes, folder.Metadata("v2"));
        await folder.Registry.ActivateAsync("v1");
        await folder.Registry.ActivateAsync("v2");

        var rolledBack = await folder.Registry.RollbackAsync();
        var afterFirst = await ReadPointerAsync(folder);
        var forward = await folder.Registry.RollbackAsync();

        Assert.That(rolledBack.Version, Is.EqualTo("v1"));
        Assert.That(afterFirst.PreviousVersion, Is.EqualTo("v2"));
        Assert.That(forward.Version, Is.EqualTo("v2"));
        Assert.That((await folder.Registry.ListVersionsAsync()).Select(v => v.Version), Is.EquivalentTo(new[] { "v1", "v2" }));
    }

    [Test]
    public async Task RollbackAsync_NoPreviousVersion_ThrowsAndKeepsThePointer()
    {
        using var folder = new TestModelFolder();
        await folder.Registry.StoreAsync(ModelBytes, folder.Metadata("v1"));
        await folder.Registry.ActivateAsync("v1");
        var before = await File.ReadAllBytesAsync(folder.PathOf(ModelFileNames.ActivePointer));

        var error = Assert.ThrowsAsync<ModelRegistryException>(() => folder.Registry.RollbackAsync());

        Assert.That(error!.Kind, Is.EqualTo(ModelRegistryErrorKind.NoPreviousVersion));
        Assert.That(error.Message, Does.Contain("ancso ranker versions"));
        Assert.That(await File.ReadAllBytesAsync(folder.PathOf(ModelFileNames.ActivePointer)), Is.EqualTo(before));
    }

    [Test]
    public async Task ActivateAsync_UnknownVersion_ThrowsVersionNotFound()
    {
        using var folder = new TestModelFolder();

        var error = Assert.ThrowsAsync<ModelRegistryException>(() => folder.Registry.ActivateAsync("v9"));

        Assert.That(error!.Kind, Is.EqualTo(ModelRegistryErrorKind.VersionNotFound));
        Assert.That(error.Message, Does.Contain("ranker-v9.onnx"));
        Assert.That(File.Exists(folder.PathOf(ModelFileNames.ActivePointer)), Is.False);
    }

    [Test]
    public async Task StoreAsync_ExistingVersion_ThrowsAndKeepsTheStoredFiles()
    {
        using var folder = new TestModelFolder();
        await folder.Registry.StoreAsync(ModelBytes, folder.Metadata("v1"));

        var error = Assert.ThrowsAsync<ModelRegistryException>(() => folder.Registry.StoreAsync(new byte[] { 1 }, folder.Metadata("v1")));

        Assert.That(error!.Kind, Is.EqualTo(ModelRegistryErrorKind.VersionExists));
        Assert.That(await File.ReadAllBytesAsync(folder.PathOf("ranker-v1.onnx")), Is.EqualTo(ModelBytes));
    }

    [TestCase("../escape")]
    [TestCase("a/b")]
    [TestCase(".hidden")]
    [TestCase("")]
    public void StoreAsync_VersionNotUsableAsFileName_ThrowsInvalidVersion(string version)
    {
        using var folder = new TestModelFolder();

        var error = Assert.ThrowsAsync<ModelRegistryException>(() => folder.Registry.StoreAsync(ModelBytes, folder.Metadata(version)));

        Assert.That(error!.Kind, Is.EqualTo(ModelRegistryErrorKind.InvalidVersion));
        Assert.That(Directory.GetFiles(folder.ModelsDirectory), Is.Empty);
    }

    [TestCase("../outside.onnx")]
    [TestCase("/tmp/outside.onnx")]
    [TestCase("sub/ranker-v1.onnx")]
    [TestCase("..")]
    public async Task GetActiveAsync_PointerNamesFileOutsideTheFolder_Refused(string modelFile)
    {
        using var folder = new TestModelFolder();
        await folder.Registry.StoreAsync(ModelBytes, folder.Metadata("v1"));
        await WritePointerAsync(folder, new ActiveModelPointer { Version = "v1", ModelFile = modelFile, MetadataFile = "ranker-v1.metadata.json" });

        var error = Assert.ThrowsAsync<ModelRegistryException>(() => folder.Registry.GetActiveAsync());

        Assert.That(error!.Kind, Is.EqualTo(ModelRegistryErrorKind.OutsideModelsDirectory));
        Assert.That(error.Message, Does.Contain("model_file").And.Contain("refused"));
    }

    [Test]
    public async Task GetActiveAsync_PointerMetadataOutsideTheFolder_Refused()
    {
        using var folder = new TestModelFolder();
        await folder.Registry.StoreAsync(ModelBytes, folder.Metadata("v1"));
        await WritePointerAsync(folder, new ActiveModelPointer { Version = "v1", ModelFile = "ranker-v1.onnx", MetadataFile = "../../etc/metadata.json" });

        var error = Assert.ThrowsAsync<ModelRegistryException>(() => folder.Registry.GetActiveAsync());

        Assert.That(error!.Kind, Is.EqualTo(ModelRegistryErrorKind.OutsideModelsDirectory));
        Assert.That(error.Message, Does.Contain("metadata_file"));
    }

    [TestCase("{\"version\": \"v1\", \"model_file\": ", ModelRegistryErrorKind.PointerCorrupt)]
    [TestCase("{\"version\": \"v1\"}", ModelRegistryErrorKind.PointerCorrupt)]
    [TestCase("{\"version\": \"\", \"model_file\": \"ranker-v1.onnx\", \"metadata_file\": \"ranker-v1.metadata.json\"}", ModelRegistryErrorKind.PointerCorrupt)]
    [TestCase("null", ModelRegistryErrorKind.PointerCorrupt)]
    public async Task GetActiveAsync_PointerUnusable_ThrowsWithWhatToDo(string content, ModelRegistryErrorKind kind)
    {
        using var folder = new TestModelFolder();
        await folder.Registry.StoreAsync(ModelBytes, folder.Metadata("v1"));
        await File.WriteAllTextAsync(folder.PathOf(ModelFileNames.ActivePointer), content);

        var error = Assert.ThrowsAsync<ModelRegistryException>(() => folder.Registry.GetActiveAsync());

        Assert.That(error!.Kind, Is.EqualTo(kind));
        Assert.That(error.Message, Does.Contain(ModelFileNames.ActivePointer).And.Contain("ancso ranker activate"));
    }

    [Test]
    public async Task GetActiveAsync_CorruptMetadata_ThrowsMetadataCorruptWithLine()
    {
        using var folder = new TestModelFolder();
        await folder.Registry.StoreAsync(ModelBytes, folder.Metadata("v1"));
        await folder.Registry.ActivateAsync("v1");
        await File.WriteAllTextAsync(folder.PathOf("ranker-v1.metadata.json"), "{\n  \"version\": \"v1\",\n  \"input_dimension\": oops\n}");

        var error = Assert.ThrowsAsync<ModelRegistryException>(() => folder.Registry.GetActiveAsync());

        Assert.That(error!.Kind, Is.EqualTo(ModelRegistryErrorKind.MetadataCorrupt));
        Assert.That(error.Message, Does.Contain("ranker-v1.metadata.json").And.Contain("line 3"));
    }

    [Test]
    public async Task GetActiveAsync_LegacyFilesWithoutPointer_ReturnsTheLegacyModel()
    {
        using var folder = new TestModelFolder();
        folder.WriteLegacy("2025-06", seed: 1);

        var active = await folder.Registry.GetActiveAsync();

        Assert.That(active!.Version, Is.EqualTo("2025-06"));
        Assert.That(active.ModelPath, Is.EqualTo(folder.PathOf(ModelFileNames.LegacyModel)));
        Assert.That(active.MetadataPath, Is.EqualTo(folder.PathOf(ModelFileNames.LegacyMetadata)));
    }

    [Test]
    public async Task GetActiveAsync_LegacyModelWithoutMetadata_ThrowsFileMissing()
    {
        using var folder = new TestModelFolder();
        await File.WriteAllBytesAsync(folder.PathOf(ModelFileNames.LegacyModel), ModelBytes);

        var error = Assert.ThrowsAsync<ModelRegistryException>(() => folder.Registry.GetActiveAsync());

        Assert.That(error!.Kind, Is.EqualTo(ModelRegistryErrorKind.FileMissing));
        Assert.That(error.Message, Does.Contain(ModelFileNames.LegacyMetadata));
    }

    [Test]
    public async Task GetActiveAsync_PointerAndLegacyFiles_PointerWins()
    {
        using var folder = new TestModelFolder();
        folder.WriteLegacy("legacy", seed: 1);
        await folder.Registry.StoreAsync(ModelBytes, folder.Metadata("v1"));
        await folder.Registry.ActivateAsync("v1");

        Assert.That((await folder.Registry.GetActiveAsync())!.Version, Is.EqualTo("v1"));
    }

    [Test]
    public async Task ListVersionsAsync_SeveralVersions_NewestFirstWithActiveMarkedAndBrokenMetadataListed()
    {
        using var folder = new TestModelFolder();
        var day = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        foreach (var (version, offset) in new[] { ("a", 1), ("b", 3), ("c", 2) })
        {
            var metadata = folder.Metadata(version);
            metadata.CreatedAt = day.AddDays(offset);
            await folder.Registry.StoreAsync(ModelBytes, metadata);
        }

        await folder.Registry.ActivateAsync("c");
        await File.WriteAllTextAsync(folder.PathOf("ranker-a.metadata.json"), "{");

        var versions = await folder.Registry.ListVersionsAsync();

        Assert.That(versions.Select(v => v.Version), Is.EqualTo(new[] { "b", "c", "a" }));
        Assert.That(versions.Select(v => v.IsActive), Is.EqualTo(new[] { false, true, false }));
        Assert.That(versions[2].Metadata, Is.Null);
    }

    private static async Task<ActiveModelPointer> ReadPointerAsync(TestModelFolder folder) =>
        JsonSerializer.Deserialize(await File.ReadAllBytesAsync(folder.PathOf(ModelFileNames.ActivePointer)), ModelsJsonContext.Default.ActiveModelPointer)!;

    private static Task WritePointerAsync(TestModelFolder folder, ActiveModelPointer pointer) =>
        File.WriteAllBytesAsync(folder.PathOf(ModelFileNames.ActivePointer), JsonSerializer.SerializeToUtf8Bytes(pointer, ModelsJsonContext.Default.ActiveModelPointer));
}
