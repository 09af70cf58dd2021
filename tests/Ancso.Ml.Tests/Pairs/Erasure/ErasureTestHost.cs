using System.Text.Json;
using Ancso.Ml.Embeddings;
using Ancso.Ml.Features;
using Ancso.Ml.Metrics;
using Ancso.Ml.Models;
using Ancso.Ml.Pairs.Erasure;
using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Pairs.Storage;
using Ancso.Ml.Learning.Dataset;
using Ancso.Ml.Learning.Export;
using Ancso.Ml.Tests.Embeddings.OpenRouter;
using Ancso.Ml.Tests.Pairs.Signals;
using Ancso.Ml.Tests.Training;
using Ancso.Ml.Training.Onnx;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Ancso.Ml.Tests.Pairs.Erasure;

/// <summary>
/// An app as a host builds it for erasure: <c>AddRanker().AddSqlitePairStore().AddSignals().AddDatasetExport()</c> over
/// a real SQLite file, the hashing embeddings, the real exporter writing into the data folder and a real
/// <see cref="FileModelRegistry"/> holding real ONNX models, on a <see cref="FakeTimeProvider"/>, with every log line kept.
/// </summary>
internal sealed class ErasureTestHost : IAsyncDisposable
{
    public const string AliceId = "alice@example.com";
    public const string BobId = "bob-4711";
    public const string CarolId = "carol.k";
    public const int Dimension = 16;

    public static readonly DateTimeOffset Start = new(2026, 11, 25, 9, 15, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services;
    private readonly bool _ownsDirectory;
    private int _modelSeed;

    /// <param name="raterKey">Whether <c>Ranker:Signals:RaterKey</c> is set.</param>
    /// <param name="directory">The folder of another host's files (left to that host to remove), or <see langword="null"/> for a new one.</param>
    public ErasureTestHost(bool raterKey = true, PairTestDirectory? directory = null)
    {
        _ownsDirectory = directory is null;
        Directory = directory ?? new PairTestDirectory();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<IContentMetricsAnalyzer, StandInMetricsAnalyzer>();
        services.AddLogging(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        services.AddRanker(o =>
            {
                o.ModelsDirectory = Directory.File("models");
                o.EmbeddingDimension = Dimension;
                o.HotReload = false;
            })
            .AddSqlitePairStore(o => o.DatabasePath = Directory.File("pairs.db"))
            .AddSignals(o => o.RaterKey = raterKey ? TestRaterKeys.KeyBase64 : null)
            .AddDatasetExport();
        services.Configure<DatasetExportOptions>(o => o.DatasetDirectory = Directory.File("data"));
        _services = services.BuildServiceProvider();
        _services.GetRequiredService<IStartupValidator>().Validate();
    }

    public PairTestDirectory Directory { get; }

    public FakeTimeProvider Time { get; } = new(Start);

    public LogCapture Logs { get; } = new();

    public IPairEraser Eraser => _services.GetRequiredService<IPairEraser>();

    public IPairStore Store => _services.GetRequiredService<IPairStore>();

    public ITrainingSignalRecorder Recorder => _services.GetRequiredService<ITrainingSignalRecorder>();

    public IPairDatasetExporter Exporter => _services.GetRequiredService<IPairDatasetExporter>();

    public IModelRegistry Registry => _services.GetRequiredService<IModelRegistry>();

    public FeatureLayout Layout => _services.GetRequiredService<IFeatureBuilder>().Layout;

    public string DataDirectory => _services.GetRequiredService<IOptions<DatasetExportOptions>>().Value.DatasetDirectory;

    public string MetadataPath => Path.Combine(DataDirectory, PairDatasetFiles.MetadataFileName);

    public static string Pseudonym(string raterId) => TestRaterKeys.Expected(raterId);

    public static string ItemId(string text, string platform = "linkedin", string section = "headline") => PairIds.ForItem(platform, section, text);

    /// <summary>
    /// Alice's two choices (one shares the text "Shared headline" with Bob's), Bob's choice, and an unattributed GitHub
    /// choice: Alice's pairs use three items nobody else's pairs use. Every text has a cached vector, as a remote
    /// generator's would (the hashing embeddings are not cached).
    /// </summary>
    public async Task SeedAsync()
    {
        await Choose(AliceId, "p_alice_1", "Alice wrote this headline", "Alice rewrote this headline");
        await Choose(AliceId, "p_alice_2", "Shared headline", "Alice's second headline");
        await Choose(BobId, "p_bob", "Shared headline", "Bob's own headline");
        await Recorder.RecordUserChoiceAsync(new UserChoice("github", "bio", "dev", "Maintainer of a Go HTTP router", PairSide.B) { PairId = "p_github" });
        string[] texts = ["Alice wrote this headline", "Alice rewrote this headline", "Shared headline", "Alice's second headline", "Bob's own headline", "dev", "Maintainer of a Go HTTP router"];
        await ((IEmbeddingCache)Store).SetManyAsync("test:remote", Dimension, texts.ToDictionary(EmbeddingTextHash.Compute, _ => new float[Dimension]));
    }

    public Task<RecordedPair> Choose(string? raterId, string pairId, string a, string b, string platform = "linkedin", string section = "headline") =>
        Recorder.RecordUserChoiceAsync(new UserChoice(platform, section, a, b, PairSide.B) { PairId = pairId, RaterId = raterId });

    public async Task<List<string>> PairIdsAsync()
    {
        var ids = new List<string>();
        await foreach (var pair in Store.StreamPairsAsync())
        {
            ids.Add(pair.Id);
        }

        return ids;
    }

    /// <summary>Exports into the data folder.</summary>
    public Task<PairDatasetExportResult> ExportAsync(PairDatasetFormat format = PairDatasetFormat.Compact, string? platform = null) =>
        Exporter.ExportAsync(new PairDatasetExportRequest { Format = format, Platform = platform });

    /// <summary>The data folder's files, by name, with their bytes.</summary>
    public SortedDictionary<string, byte[]> DataFiles() =>
        !System.IO.Directory.Exists(DataDirectory)
            ? new(StringComparer.Ordinal)
            : new(System.IO.Directory.GetFiles(DataDirectory).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes), StringComparer.Ordinal);

    /// <summary>The models folder's files, by name, with their bytes.</summary>
    public SortedDictionary<string, byte[]> ModelFiles() =>
        new(System.IO.Directory.GetFiles(Registry.ModelsDirectory).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes), StringComparer.Ordinal);

    /// <summary>A model's <c>extra.training_data</c> as the trainer writes it.</summary>
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

    /// <summary>
    /// Stores a real ONNX model for this host's layout as <paramref name="version"/>, its metadata's
    /// <c>extra.training_data</c> holding <paramref name="trainingData"/> (none when <see langword="null"/>); versions
    /// stored later list first.
    /// </summary>
    public async Task StoreModelAsync(string version, JsonElement? trainingData, bool activate = false, JsonElement[]? inherited = null)
    {
        var layout = Layout;
        var seed = ++_modelSeed;
        var metadata = new ModelMetadata
        {
            Version = version,
            InputDimension = layout.Width,
            EmbeddingGeneratorId = layout.EmbeddingGeneratorId,
            EmbeddingDimension = layout.EmbeddingDimension,
            MetricNames = [.. layout.MetricNames],
            CreatedAt = Start.AddMinutes(seed),
        };
        if (trainingData is { } element)
        {
            metadata.Extra = new Dictionary<string, JsonElement>(StringComparer.Ordinal) { [PairEraser.FingerprintKey] = element };
        }

        if (inherited is not null)
        {
            metadata.Extra ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            metadata.Extra[PairEraser.InheritedKey] = JsonSerializer.SerializeToElement(inherited);
        }

        await Registry.StoreAsync(OnnxModelWriter.Write(OnnxModelWriterTests.RandomNetwork(layout.Width, seed)), metadata);
        if (activate)
        {
            await Registry.ActivateAsync(version);
        }
    }

    public async Task<Dictionary<string, bool?>> MarksAsync() =>
        (await Eraser.CheckModelsAsync()).ToDictionary(m => m.Version, m => m.TrainedOnErasedData, StringComparer.Ordinal);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_ownsDirectory)
        {
            Directory.Dispose();
        }
    }
}
