using Ancso.Ml.Inference;
using Ancso.Ml.Models;
using Ancso.Ml.Tests.Inference;
using Ancso.Ml.Tests.Training;
using Ancso.Ml.Training.Onnx;

namespace Ancso.Ml.Tests.Models;

/// <summary>
/// Activation loads and warms the model as a serving process would, and refuses one that could not serve: the pointer
/// is left exactly as it was, and the error says which version and why.
/// </summary>
public class FileModelRegistryActivationTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Test]
    public async Task ActivateAsync_ModelIsRandomBytes_RefusedAndPointerUntouched()
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v1", seed: 1);
        var garbage = new byte[64 * 1024];
        new Random(11).NextBytes(garbage);
        await folder.Registry.StoreAsync(garbage, folder.Metadata("random"));
        var pointer = await File.ReadAllBytesAsync(folder.PathOf(ModelFileNames.ActivePointer));

        var error = Assert.ThrowsAsync<ModelRegistryException>(() => folder.Registry.ActivateAsync("random"));

        Assert.That(error!.Kind, Is.EqualTo(ModelRegistryErrorKind.ModelRejected));
        Assert.That(error.Message, Does.Contain("'random'").And.Contain("was not activated").And.Contain("corrupt or truncated").And.Contain("unchanged"));
        Assert.That(await File.ReadAllBytesAsync(folder.PathOf(ModelFileNames.ActivePointer)), Is.EqualTo(pointer));
        Assert.That((await folder.Registry.GetActiveAsync())!.Version, Is.EqualTo("v1"));
    }

    [Test]
    public async Task ActivateAsync_ModelScoresNaN_Refused()
    {
        using var folder = new TestModelFolder();
        await folder.Registry.StoreAsync(HostileModels.SqrtOfLinear(new float[folder.Layout.Width], float.NaN), folder.Metadata("nan"));

        var error = Assert.ThrowsAsync<ModelRegistryException>(() => folder.Registry.ActivateAsync("nan"));

        Assert.That(error!.Kind, Is.EqualTo(ModelRegistryErrorKind.ModelRejected));
        Assert.That(error.Message, Does.Contain("not a finite number"));
        Assert.That(File.Exists(folder.PathOf(ModelFileNames.ActivePointer)), Is.False);
    }

    [Test]
    public async Task ActivateAsync_ModelDoesNotMatchItsMetadata_Refused()
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("narrow", seed: 2, activate: false, networkInputs: 50);

        var error = Assert.ThrowsAsync<ModelRegistryException>(() => folder.Registry.ActivateAsync("narrow"));

        Assert.That(error!.Kind, Is.EqualTo(ModelRegistryErrorKind.ModelRejected));
        Assert.That(error.Message, Does.Contain("[-1, 50]").And.Contain("[N, 70]"));
    }

    [Test]
    public async Task ActivateAsync_MetadataInconsistent_Refused()
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("cold", seed: 3, activate: false, edit: m => m.Temperature = 0);

        var error = Assert.ThrowsAsync<ModelRegistryException>(() => folder.Registry.ActivateAsync("cold"));

        Assert.That(error!.Kind, Is.EqualTo(ModelRegistryErrorKind.ModelRejected));
        Assert.That(error.Message, Does.Contain("temperature"));
    }

    [Test]
    public async Task ActivateAsync_MetadataNamesAnotherVersion_RefusedAsVersionMismatch()
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v1", seed: 1, activate: false);
        File.Copy(folder.PathOf(ModelFileNames.Model("v1")), folder.PathOf(ModelFileNames.Model("v2")));
        File.Copy(folder.PathOf(ModelFileNames.Metadata("v1")), folder.PathOf(ModelFileNames.Metadata("v2")));

        var error = Assert.ThrowsAsync<ModelRegistryException>(() => folder.Registry.ActivateAsync("v2"));

        Assert.That(error!.Kind, Is.EqualTo(ModelRegistryErrorKind.VersionMismatch));
        Assert.That(File.Exists(folder.PathOf(ModelFileNames.ActivePointer)), Is.False);
    }

    [Test]
    public async Task ActivateAsync_ModelKeepsWeightsInExternalFile_Refused()
    {
        using var folder = new TestModelFolder();
        await File.WriteAllBytesAsync(folder.PathOf("weights.bin"), new byte[folder.Layout.Width * 4]);
        await folder.Registry.StoreAsync(HostileModels.SqrtOfLinear(new float[folder.Layout.Width], 1f, externalLocation: "weights.bin"), folder.Metadata("external"));

        var error = Assert.ThrowsAsync<ModelRegistryException>(() => folder.Registry.ActivateAsync("external"));

        Assert.That(error!.Kind, Is.EqualTo(ModelRegistryErrorKind.ModelRejected));
        Assert.That(error.Message, Does.Contain("external"));
    }

    [Test]
    public async Task ActivateAsync_ModelIsAFifo_RefusedWithoutHanging()
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("fifo", seed: 4, activate: false);
        File.Delete(folder.PathOf(ModelFileNames.Model("fifo")));
        HostileModels.MakeFifo(folder.PathOf(ModelFileNames.Model("fifo")));

        var activation = folder.Registry.ActivateAsync("fifo").WaitAsync(Bound);
        var error = Assert.ThrowsAsync<ModelRegistryException>(() => activation);

        Assert.That(error!.Kind, Is.EqualTo(ModelRegistryErrorKind.ModelRejected));
        Assert.That(error.Message, Does.Contain("not a regular file"));
    }

    [Test]
    public async Task ActivateAsync_NativeRuntimeCannotLoad_RefusedSayingItCannotBeChecked()
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v1", seed: 5, activate: false);
        using var registry = new FileModelRegistry(folder.ModelsDirectory, null, null, new FailingSessionFactory(() => new DllNotFoundException("onnxruntime")));

        var error = Assert.ThrowsAsync<ModelRegistryException>(() => registry.ActivateAsync("v1"));

        Assert.That(error!.Kind, Is.EqualTo(ModelRegistryErrorKind.ModelRejected));
        Assert.That(error.Message, Does.Contain("cannot be checked").And.Contain("native library"));
    }

    [Test]
    public async Task RollbackAsync_PreviousVersionBroken_RefusedAndPointerUntouched()
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v1", seed: 1);
        await folder.StoreAsync("v2", seed: 2);
        await File.WriteAllBytesAsync(folder.PathOf(ModelFileNames.Model("v1")), [1, 2, 3]);
        var pointer = await File.ReadAllBytesAsync(folder.PathOf(ModelFileNames.ActivePointer));

        var error = Assert.ThrowsAsync<ModelRegistryException>(() => folder.Registry.RollbackAsync());

        Assert.That(error!.Kind, Is.EqualTo(ModelRegistryErrorKind.ModelRejected));
        Assert.That(await File.ReadAllBytesAsync(folder.PathOf(ModelFileNames.ActivePointer)), Is.EqualTo(pointer));
    }

    [Test]
    public async Task ActivateAsync_TrainedModel_ActivatesAndServes()
    {
        using var folder = new TestModelFolder();
        var weights = OnnxModelWriterTests.RandomNetwork(folder.Layout.Width, seed: 6);
        await folder.Registry.StoreAsync(OnnxModelWriter.Write(weights), folder.Metadata("good"));

        var activated = await folder.Registry.ActivateAsync("good");
        var service = folder.CreateService();
        var score = await service.ScoreItemAsync(TestModelFolder.Item("a", "text"));

        Assert.That(activated.IsActive, Is.True);
        Assert.That(score.Provenance, Is.EqualTo(ScoreProvenance.FromModel("good")));
    }
}
