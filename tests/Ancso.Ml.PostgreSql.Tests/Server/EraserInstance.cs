using System.Text.Json;
using Ancso.Ml.Features;
using Ancso.Ml.Models;
using Ancso.Ml.Pairs.Erasure;
using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Pairs.Storage;
using Ancso.Ml.Learning.Export;
using Ancso.Ml.Training.Onnx;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ancso.Ml.PostgreSql.Tests.Server;

/// <summary>
/// One app instance that erases: <c>AddRanker().AddSignals().AddDatasetExport().UsePostgreSql()</c> on a shared schema,
/// with a rater key, its own local models folder and its own data folder.
/// </summary>
internal sealed class EraserInstance : IAsyncDisposable
{
    /// <summary>32 bytes 0x00 … 0x1f, base64.</summary>
    public static readonly string RaterKey = Convert.ToBase64String([.. Enumerable.Range(0, 32).Select(i => (byte)i)]);

    private readonly ServiceProvider _services;

    public EraserInstance(PostgreSqlServer server, string schema)
    {
        var root = Path.Combine(RankerInstance.Root, Guid.NewGuid().ToString("N"));
        LocalFolder = Path.Combine(root, "models");
        DataFolder = Path.Combine(root, "data");
        var services = new ServiceCollection();
        services.Configure<DatasetExportOptions>(o => o.DatasetDirectory = DataFolder);
        services.AddRanker(o =>
            {
                o.ModelsDirectory = LocalFolder;
                o.EmbeddingDimension = RankerInstance.EmbeddingDimension;
                o.HotReload = false;
            })
            .AddSignals(o => o.RaterKey = RaterKey)
            .AddDatasetExport()
            .UsePostgreSql(o =>
            {
                o.ConnectionString = server.ConnectionString();
                o.Schema = schema;
            });
        _services = services.BuildServiceProvider();
        _services.GetRequiredService<IStartupValidator>().Validate();
        Root = root;
    }

    public string Root { get; }

    public string LocalFolder { get; }

    public string DataFolder { get; }

    public IPairEraser Eraser => _services.GetRequiredService<IPairEraser>();

    public IPairStore Store => _services.GetRequiredService<IPairStore>();

    public ITrainingSignalRecorder Recorder => _services.GetRequiredService<ITrainingSignalRecorder>();

    public IPairDatasetExporter Exporter => _services.GetRequiredService<IPairDatasetExporter>();

    public IModelRegistry Registry => _services.GetRequiredService<IModelRegistry>();

    public string DatasetDirectory => _services.GetRequiredService<IOptions<DatasetExportOptions>>().Value.DatasetDirectory;

    public FeatureLayout Layout => _services.GetRequiredService<IFeatureBuilder>().Layout;

    /// <summary>A model's <c>extra.training_data</c> as the trainer writes it (JSON null for <see langword="null"/>).</summary>
    public static JsonElement TrainingData(PairStoreFingerprint? fingerprint)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            if (fingerprint is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                fingerprint.WriteTo(writer);
            }
        }

        using var document = JsonDocument.Parse(stream.ToArray());
        return document.RootElement.Clone();
    }

    /// <summary>Stores a random network as <paramref name="version"/>, created <paramref name="seed"/> minutes after the start (so listed newest first by seed).</summary>
    public async Task StoreModelAsync(string version, int seed, JsonElement? trainingData)
    {
        var layout = Layout;
        var metadata = new ModelMetadata
        {
            Version = version,
            InputDimension = layout.Width,
            EmbeddingGeneratorId = layout.EmbeddingGeneratorId,
            EmbeddingDimension = layout.EmbeddingDimension,
            MetricNames = [.. layout.MetricNames],
            CreatedAt = TestClock.Start.AddMinutes(seed),
        };
        if (trainingData is { } element)
        {
            metadata.Extra = new Dictionary<string, JsonElement>(StringComparer.Ordinal) { ["training_data"] = element };
        }

        await Registry.StoreAsync(OnnxModelWriter.Write(RankerInstance.RandomNetwork(layout.Width, seed)), metadata);
    }

    public async Task<List<(string Version, bool IsActive, bool? Marked)>> MarksAsync() =>
        [.. (await Eraser.CheckModelsAsync()).Select(m => (m.Version, m.IsActive, m.TrainedOnErasedData))];

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}
