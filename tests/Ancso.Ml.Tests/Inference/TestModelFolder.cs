using System.Text.Json;
using Ancso.Ml.Content;
using Ancso.Ml.DependencyInjection;
using Ancso.Ml.Features;
using Ancso.Ml.Inference;
using Ancso.Ml.Models;
using Ancso.Ml.Tests.Training;
using Ancso.Ml.Training.Onnx;
using Microsoft.Extensions.Logging;

namespace Ancso.Ml.Tests.Inference;

/// <summary>
/// A temporary models folder with a real <see cref="FileModelRegistry"/>, real ONNX files written by
/// <see cref="OnnxModelWriter"/> from random networks, and the featurization a service over it uses.
/// </summary>
internal sealed class TestModelFolder : IDisposable
{
    private readonly List<RankerInferenceService> _services = [];

    public TestModelFolder(int dimension = 64, bool create = true)
    {
        Root = Path.Combine(Path.GetTempPath(), "ancso-inference-tests", Guid.NewGuid().ToString("N"));
        ModelsDirectory = Path.Combine(Root, "models");
        if (create)
        {
            Directory.CreateDirectory(ModelsDirectory);
        }

        Analyzer = new DeterministicMetricsAnalyzer();
        Generator = new CountingEmbeddingGenerator(dimension);
        Features = new FeatureBuilder(Generator, Analyzer);
        Registry = new FileModelRegistry(ModelsDirectory);
    }

    public string Root { get; }

    public string ModelsDirectory { get; }

    public DeterministicMetricsAnalyzer Analyzer { get; }

    public CountingEmbeddingGenerator Generator { get; }

    public FeatureBuilder Features { get; }

    public FeatureLayout Layout => Features.Layout;

    public FileModelRegistry Registry { get; }

    public static ContentItem Item(string id, string text) => new(id, ContentPlatforms.LinkedIn, ContentSections.Headline, text);

    public ModelMetadata Metadata(string version, FeatureLayout? layout = null)
    {
        layout ??= Layout;
        return new ModelMetadata
        {
            Version = version,
            InputDimension = layout.Width,
            EmbeddingGeneratorId = layout.EmbeddingGeneratorId,
            EmbeddingDimension = layout.EmbeddingDimension,
            MetricNames = [.. layout.MetricNames],
            CreatedAt = new DateTimeOffset(2026, 11, 25, 9, 15, 0, TimeSpan.Zero),
        };
    }

    /// <summary>Stores (and by default activates) a random network for this folder's layout.</summary>
    public async Task<MlpWeights> StoreAsync(string version, int seed, bool activate = true, Action<ModelMetadata>? edit = null, int? networkInputs = null, bool reasons = false)
    {
        var metadata = Metadata(version);
        if (reasons)
        {
            metadata.ReasonOutputName = OnnxModelWriter.ReasonOutputName;
            metadata.ReasonTags = [.. Ancso.Ml.Reasons.ReasonTags.All];
        }

        edit?.Invoke(metadata);
        var weights = OnnxModelWriterTests.RandomNetwork(networkInputs ?? metadata.InputDimension, seed, reasons ? Ancso.Ml.Reasons.ReasonTags.All.Count : 0);
        await Registry.StoreAsync(OnnxModelWriter.Write(weights), metadata);
        if (activate)
        {
            await Registry.ActivateAsync(version);
        }

        return weights;
    }

    /// <summary>
    /// Writes <c>active_model.json</c> by hand, as another tool, an older library or a person editing the folder could,
    /// without the checks <see cref="FileModelRegistry.ActivateAsync"/> makes: the way a model that activation would refuse
    /// still becomes the active one. File names default to the version's own.
    /// </summary>
    public async Task PointAtAsync(string version, string? modelFile = null, string? metadataFile = null, string? previousVersion = null)
    {
        var pointer = new ActiveModelPointer
        {
            Version = version,
            ModelFile = modelFile ?? ModelFileNames.Model(version),
            MetadataFile = metadataFile ?? ModelFileNames.Metadata(version),
            ActivatedAt = DateTimeOffset.UtcNow,
            PreviousVersion = previousVersion,
        };
        await File.WriteAllBytesAsync(PathOf(ModelFileNames.ActivePointer), JsonSerializer.SerializeToUtf8Bytes(pointer, ModelsJsonContext.Default.ActiveModelPointer));
    }

    /// <summary>Writes the original system's layout: <c>ranker.onnx</c> and <c>ranker_metadata.json</c>, no pointer.</summary>
    public MlpWeights WriteLegacy(string version, int seed)
    {
        var metadata = Metadata(version);
        var weights = OnnxModelWriterTests.RandomNetwork(metadata.InputDimension, seed);
        File.WriteAllBytes(Path.Combine(ModelsDirectory, ModelFileNames.LegacyModel), OnnxModelWriter.Write(weights));
        File.WriteAllBytes(Path.Combine(ModelsDirectory, ModelFileNames.LegacyMetadata), JsonSerializer.SerializeToUtf8Bytes(metadata, ModelsJsonContext.Default.ModelMetadata));
        return weights;
    }

    public string PathOf(string fileName) => Path.Combine(ModelsDirectory, fileName);

    /// <summary>Creates a service over this folder (disposed with the folder). Hot reload is off unless asked for.</summary>
    public RankerInferenceService CreateService(
        Action<RankerOptions>? configure = null,
        ILogger? logger = null,
        IOnnxSessionFactory? sessionFactory = null,
        TimeProvider? time = null,
        System.Diagnostics.Metrics.IMeterFactory? meterFactory = null)
    {
        var options = new RankerOptions { ModelsDirectory = ModelsDirectory, EmbeddingDimension = Layout.EmbeddingDimension, HotReload = false };
        configure?.Invoke(options);
        var service = new RankerInferenceService(Features, Registry, options, time, logger, meterFactory, sessionFactory);
        _services.Add(service);
        return service;
    }

    /// <summary>The score the network gives an item, computed by the managed forward pass over the shared featurization.</summary>
    public async Task<float> ExpectedScoreAsync(MlpWeights weights, ContentItem item)
    {
        var (features, _) = await Features.BuildAsync(item);
        return weights.Score(features);
    }

    public void Dispose()
    {
        foreach (var service in _services)
        {
            service.Dispose();
        }

        Registry.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
