using System.Text.Json;
using Ancso.Ml.Inference;
using Ancso.Ml.Metrics;
using Ancso.Ml.Models;

namespace Ancso.Ml.Tests.Inference;

public class RankerInferenceServiceFallbackTests
{
    private static readonly Func<Exception>[] RuntimeFailures =
    [
        () => new DllNotFoundException("Unable to load shared library 'onnxruntime'"),
        () => new TypeInitializationException("Microsoft.ML.OnnxRuntime.NativeMethods", new DllNotFoundException("onnxruntime")),
        () => new EntryPointNotFoundException("OrtGetApiBase"),
    ];

    [Test]
    public async Task GetStatusAsync_EmptyFolder_HeuristicBecauseNoModel()
    {
        using var folder = new TestModelFolder();
        var service = folder.CreateService();

        var status = await service.GetStatusAsync();
        var score = await service.ScoreItemAsync(TestModelFolder.Item("a", "text"));

        Assert.That(status.Provenance.Reason, Is.EqualTo(FallbackReason.NoModel));
        Assert.That(status.Provenance.Detail, Does.Contain("models folder").And.Contain("ancso ranker train"));
        Assert.That(status.Provenance.Detail, Does.Not.Contain(folder.Root), "no absolute server path reaches callers");
        Assert.That(status.ActiveModel, Is.Null);
        Assert.That(status.RuntimeLoaded, Is.True, "the runtime loads on this machine even without a model");
        Assert.That(status.ModelsDirectory, Is.EqualTo(folder.ModelsDirectory));
        Assert.That(status.FeatureLayout, Is.EqualTo(folder.Layout));
        Assert.That(score.Provenance.Reason, Is.EqualTo(FallbackReason.NoModel));
        Assert.That(score.Score, Is.EqualTo(HeuristicScorer.Score(score.Metrics)));
    }

    [Test]
    public async Task GetStatusAsync_FolderDoesNotExist_HeuristicBecauseNoModel()
    {
        using var folder = new TestModelFolder(create: false);
        var service = folder.CreateService();

        var status = await service.GetStatusAsync();

        Assert.That(status.Provenance.Reason, Is.EqualTo(FallbackReason.NoModel));
    }

    [TestCaseSource(nameof(RuntimeFailures))]
    public async Task GetStatusAsync_NativeRuntimeCannotLoad_HeuristicBecauseRuntimeUnavailable(Func<Exception> failure)
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v1", seed: 1);
        var factory = new FailingSessionFactory(failure);
        var service = folder.CreateService(sessionFactory: factory);

        var status = await service.GetStatusAsync();
        var score = await service.ScoreItemAsync(TestModelFolder.Item("a", "text"));

        Assert.That(factory.Attempts, Is.EqualTo(1));
        Assert.That(status.Provenance.Reason, Is.EqualTo(FallbackReason.RuntimeUnavailable));
        Assert.That(status.Provenance.Detail, Does.Contain("native library"));
        Assert.That(status.RuntimeLoaded, Is.False);
        Assert.That(score.Provenance.Reason, Is.EqualTo(FallbackReason.RuntimeUnavailable));
        Assert.That(folder.Generator.Calls, Is.Zero);
    }

    [Test]
    public async Task GetStatusAsync_ModelFileDeleted_HeuristicBecauseModelFileMissing()
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v1", seed: 2);
        File.Delete(folder.PathOf(ModelFileNames.Model("v1")));
        var service = folder.CreateService();

        var status = await service.GetStatusAsync();

        Assert.That(status.Provenance.Reason, Is.EqualTo(FallbackReason.ModelFileMissing));
        Assert.That(status.Provenance.Detail, Does.Contain(ModelFileNames.Model("v1")));
    }

    [Test]
    public async Task GetStatusAsync_MetadataFileDeleted_HeuristicBecauseModelFileMissing()
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v1", seed: 3);
        File.Delete(folder.PathOf(ModelFileNames.Metadata("v1")));
        var service = folder.CreateService();

        var status = await service.GetStatusAsync();

        Assert.That(status.Provenance.Reason, Is.EqualTo(FallbackReason.ModelFileMissing));
        Assert.That(status.Provenance.Detail, Does.Contain(ModelFileNames.Metadata("v1")));
    }

    [Test]
    public async Task GetStatusAsync_CorruptOnnxFile_HeuristicBecauseModelCorrupt()
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v1", seed: 4);
        var garbage = new byte[4096];
        new Random(4).NextBytes(garbage);
        await File.WriteAllBytesAsync(folder.PathOf(ModelFileNames.Model("v1")), garbage);
        var service = folder.CreateService();

        var status = await service.GetStatusAsync();

        Assert.That(status.Provenance.Reason, Is.EqualTo(FallbackReason.ModelCorrupt));
        Assert.That(status.Provenance.Detail, Does.Contain(ModelFileNames.Model("v1")).And.Contain("corrupt or truncated"));
    }

    [Test]
    public async Task GetStatusAsync_TruncatedOnnxFile_HeuristicBecauseModelCorrupt()
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v1", seed: 5);
        var path = folder.PathOf(ModelFileNames.Model("v1"));
        var bytes = await File.ReadAllBytesAsync(path);
        await File.WriteAllBytesAsync(path, bytes.AsSpan(0, bytes.Length / 2).ToArray());
        var service = folder.CreateService();

        var status = await service.GetStatusAsync();

        Assert.That(status.Provenance.Reason, Is.EqualTo(FallbackReason.ModelCorrupt));
        Assert.That(status.Provenance.Detail, Does.Contain(ModelFileNames.Model("v1")));
    }

    [Test]
    public async Task GetStatusAsync_EmptyOnnxFile_HeuristicBecauseModelCorrupt()
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v1", seed: 6);
        await File.WriteAllBytesAsync(folder.PathOf(ModelFileNames.Model("v1")), []);
        var service = folder.CreateService();

        var status = await service.GetStatusAsync();

        Assert.That(status.Provenance.Reason, Is.EqualTo(FallbackReason.ModelCorrupt));
        Assert.That(status.Provenance.Detail, Does.Contain("is empty"));
    }

    [TestCase("{ \"version\": \"v1\", \"input_dimension\": ")]
    [TestCase("not json at all")]
    [TestCase("{ \"input_dimension\": \"seventy\" }")]
    public async Task GetStatusAsync_CorruptMetadataFile_HeuristicBecauseModelCorrupt(string content)
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v1", seed: 7);
        await File.WriteAllTextAsync(folder.PathOf(ModelFileNames.Metadata("v1")), content);
        var service = folder.CreateService();

        var status = await service.GetStatusAsync();

        Assert.That(status.Provenance.Reason, Is.EqualTo(FallbackReason.ModelCorrupt));
        Assert.That(status.Provenance.Detail, Does.Contain(ModelFileNames.Metadata("v1")).And.Contain("line"));
    }

    [Test]
    public async Task GetStatusAsync_CorruptPointer_HeuristicBecauseModelCorrupt()
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v1", seed: 8);
        await File.WriteAllTextAsync(folder.PathOf(ModelFileNames.ActivePointer), "{\"version\": \"v1\", \"model_file\": ");
        var service = folder.CreateService();

        var status = await service.GetStatusAsync();

        Assert.That(status.Provenance.Reason, Is.EqualTo(FallbackReason.ModelCorrupt));
        Assert.That(status.Provenance.Detail, Does.Contain(ModelFileNames.ActivePointer).And.Contain("ancso ranker activate"));
    }

    [TestCase("../outside.onnx")]
    [TestCase("/etc/passwd")]
    [TestCase("sub/ranker-v1.onnx")]
    public async Task GetStatusAsync_PointerNamesFileOutsideModelsFolder_Refused(string modelFile)
    {
        using var folder = new TestModelFolder();
        var weights = await folder.StoreAsync("v1", seed: 9);
        await File.WriteAllBytesAsync(Path.Combine(folder.Root, "outside.onnx"), Ancso.Ml.Training.Onnx.OnnxModelWriter.Write(weights));
        Directory.CreateDirectory(folder.PathOf("sub"));
        File.Copy(folder.PathOf(ModelFileNames.Model("v1")), folder.PathOf("sub/ranker-v1.onnx"));
        await WritePointerAsync(folder, "v1", modelFile, ModelFileNames.Metadata("v1"));
        var service = folder.CreateService();

        var status = await service.GetStatusAsync();

        Assert.That(status.Provenance.Reason, Is.EqualTo(FallbackReason.ModelCorrupt));
        Assert.That(status.Provenance.Detail, Does.Contain("refused").And.Contain(modelFile));
        Assert.That(status.ActiveModel, Is.Null);
    }

    [Test]
    public async Task GetStatusAsync_ModelTrainedOnAnotherGenerator_HeuristicBecauseMetadataMismatch()
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v1", seed: 10, edit: m => m.EmbeddingGeneratorId = "openrouter:openai/text-embedding-3-small");
        var service = folder.CreateService();

        var status = await service.GetStatusAsync();

        Assert.That(status.Provenance.Reason, Is.EqualTo(FallbackReason.MetadataMismatch));
        Assert.That(status.Provenance.Detail, Does.Contain("openrouter:openai/text-embedding-3-small").And.Contain("ancso:hashing-v1"));
    }

    [Test]
    public async Task GetStatusAsync_ModelTrainedOnAnotherDimension_HeuristicBecauseMetadataMismatch()
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v1", seed: 11, edit: m =>
        {
            m.EmbeddingDimension = 32;
            m.InputDimension = 38;
        });
        var service = folder.CreateService();

        var status = await service.GetStatusAsync();

        Assert.That(status.Provenance.Reason, Is.EqualTo(FallbackReason.MetadataMismatch));
        Assert.That(status.Provenance.Detail, Does.Contain("embedding dimension 32 differs from 64"));
    }

    [Test]
    public async Task GetStatusAsync_ModelTrainedOnAnotherMetricOrder_HeuristicBecauseMetadataMismatch()
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v1", seed: 12, edit: m => m.MetricNames = [.. MetricNames.All.Reverse()]);
        var service = folder.CreateService();

        var status = await service.GetStatusAsync();

        Assert.That(status.Provenance.Reason, Is.EqualTo(FallbackReason.MetadataMismatch));
        Assert.That(status.Provenance.Detail, Does.Contain("metric list"));
    }

    [Test]
    public async Task GetStatusAsync_MetadataNamesUnknownMetric_HeuristicBecauseMetadataMismatch()
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v1", seed: 13, activate: false, edit: m => m.MetricNames[5] = "charisma");
        await folder.PointAtAsync("v1");
        var service = folder.CreateService();

        var status = await service.GetStatusAsync();

        Assert.That(status.Provenance.Reason, Is.EqualTo(FallbackReason.MetadataMismatch));
        Assert.That(status.Provenance.Detail, Does.Contain("charisma"));
    }

    [Test]
    public async Task GetStatusAsync_OnnxInputWidthDiffersFromMetadata_HeuristicBecauseMetadataMismatch()
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v1", seed: 14, activate: false, networkInputs: 50);
        await folder.PointAtAsync("v1");
        var service = folder.CreateService();

        var status = await service.GetStatusAsync();

        Assert.That(status.Provenance.Reason, Is.EqualTo(FallbackReason.MetadataMismatch));
        Assert.That(status.Provenance.Detail, Does.Contain("[-1, 50]").And.Contain("[N, 70]"));
    }

    [Test]
    public async Task GetStatusAsync_OnnxInputNameDiffersFromMetadata_HeuristicBecauseMetadataMismatch()
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v1", seed: 15, activate: false, edit: m => m.InputName = "input");
        await folder.PointAtAsync("v1");
        var service = folder.CreateService();

        var status = await service.GetStatusAsync();

        Assert.That(status.Provenance.Reason, Is.EqualTo(FallbackReason.MetadataMismatch));
        Assert.That(status.Provenance.Detail, Does.Contain("'input'").And.Contain("features"));
    }

    [TestCase(0.0)]
    [TestCase(-1.0)]
    public async Task GetStatusAsync_TemperatureNotPositive_HeuristicBecauseModelCorrupt(double temperature)
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v1", seed: 16, activate: false, edit: m => m.Temperature = temperature);
        await folder.PointAtAsync("v1");
        var service = folder.CreateService();

        var status = await service.GetStatusAsync();

        Assert.That(status.Provenance.Reason, Is.EqualTo(FallbackReason.ModelCorrupt));
        Assert.That(status.Provenance.Detail, Does.Contain("temperature"));
    }

    [Test]
    public async Task ScoreItemAsync_LegacyModelFiles_ScoresWithLegacyModel()
    {
        using var folder = new TestModelFolder();
        var weights = folder.WriteLegacy("2025-legacy", seed: 17);
        var service = folder.CreateService();
        var item = TestModelFolder.Item("a", "Staff engineer; scaled search to 1B documents");

        var score = await service.ScoreItemAsync(item);
        var status = await service.GetStatusAsync();

        Assert.That(score.Provenance, Is.EqualTo(ScoreProvenance.FromModel("2025-legacy")));
        Assert.That(score.Score, Is.EqualTo(await folder.ExpectedScoreAsync(weights, item)).Within(1e-5));
        Assert.That(status.ActiveModel!.Version, Is.EqualTo("2025-legacy"));
    }

    [Test]
    public async Task GetStatusAsync_ActiveModel_ReportsModelAndMetadata()
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v1", seed: 18);
        var service = folder.CreateService();

        var status = await service.GetStatusAsync();

        Assert.That(status.Provenance, Is.EqualTo(ScoreProvenance.FromModel("v1")));
        Assert.That(status.Provenance.ToString(), Is.EqualTo("model (v1)"));
        Assert.That(status.RuntimeLoaded, Is.True);
        Assert.That(status.ActiveModel!.InputDimension, Is.EqualTo(70));
        Assert.That(status.ActivationFailure, Is.Null);
    }

    private static async Task WritePointerAsync(TestModelFolder folder, string version, string modelFile, string metadataFile)
    {
        var pointer = new ActiveModelPointer { Version = version, ModelFile = modelFile, MetadataFile = metadataFile };
        await File.WriteAllBytesAsync(folder.PathOf(ModelFileNames.ActivePointer), JsonSerializer.SerializeToUtf8Bytes(pointer, ModelsJsonContext.Default.ActiveModelPointer));
    }
}
