using Ancso.Ml.Content;
using Ancso.Ml.Features;
using Ancso.Ml.Inference;
using Ancso.Ml.Models;
using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Pairs.Storage;
using Ancso.Ml.Training.Onnx;
using Microsoft.Extensions.DependencyInjection;

namespace Ancso.Ml.PostgreSql.Tests.Server;

/// <summary>
/// One app instance as a host builds it: <c>AddRanker</c> with its own local models folder, then
/// <c>UsePostgreSql</c> on a shared schema. Several of these on one schema are several machines of one fleet.
/// </summary>
internal sealed class RankerInstance : IAsyncDisposable
{
    public const int EmbeddingDimension = 16;

    /// <summary>The folder of this test process's local model copies, removed when the assembly's tests end.</summary>
    public static string Root { get; } = Path.Combine(Path.GetTempPath(), "ancso-pg-instances", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private readonly ServiceProvider _services;

    public RankerInstance(PostgreSqlServer server, string schema, Action<PostgreSqlOptions>? configure = null, string? localFolder = null)
    {
        LocalFolder = localFolder ?? Path.Combine(Root, Guid.NewGuid().ToString("N"));
        var services = new ServiceCollection();
        services.AddRanker(o =>
        {
            o.ModelsDirectory = LocalFolder;
            o.EmbeddingDimension = EmbeddingDimension;
        })
        .AddSignals()
        .UsePostgreSql(o =>
        {
            o.ConnectionString = server.ConnectionString();
            o.Schema = schema;
            configure?.Invoke(o);
        });
        _services = services.BuildServiceProvider();
    }

    public string LocalFolder { get; }

    public IRankerInferenceService Ranker => _services.GetRequiredService<IRankerInferenceService>();

    public IModelRegistry Registry => _services.GetRequiredService<IModelRegistry>();

    public IPairStore Store => _services.GetRequiredService<IPairStore>();

    public ITrainingSignalRecorder Recorder => _services.GetRequiredService<ITrainingSignalRecorder>();

    public FeatureLayout Layout => _services.GetRequiredService<IFeatureBuilder>().Layout;

    public static ContentItem Item { get; } = new("probe", ContentPlatforms.LinkedIn, ContentSections.Headline, "Backend engineer | Go, PostgreSQL | Cut settlement time from 2 days to 4 hours");

    /// <summary>Stores a random network as <paramref name="version"/> through this instance's registry.</summary>
    public async Task StoreModelAsync(string version, int seed)
    {
        var layout = Layout;
        var metadata = new ModelMetadata
        {
            Version = version,
            InputDimension = layout.Width,
            EmbeddingGeneratorId = layout.EmbeddingGeneratorId,
            EmbeddingDimension = layout.EmbeddingDimension,
            MetricNames = [.. layout.MetricNames],
            CreatedAt = new DateTimeOffset(2026, 11, 25, 9, 15, seed % 60, TimeSpan.Zero),
        };
        await Registry.StoreAsync(OnnxModelWriter.Write(RandomNetwork(layout.Width, seed)), metadata);
    }

    /// <summary>Scores the probe item and returns the version that scored it (<c>heuristic</c> for none).</summary>
    public async Task<string> ScoringVersionAsync() => (await Ranker.ScoreItemAsync(Item)).ModelVersion ?? "heuristic";

    /// <summary>Scores until <paramref name="version"/> scores, or the deadline passes; returns how long it took, or null.</summary>
    public async Task<TimeSpan?> WaitForVersionAsync(string version, TimeSpan deadline)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (TimeProvider.System.GetElapsedTime(started) < deadline)
        {
            if (await ScoringVersionAsync() == version)
            {
                return TimeProvider.System.GetElapsedTime(started);
            }

            await Task.Delay(5);
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        try
        {
            Directory.Delete(LocalFolder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }

    internal static MlpWeights RandomNetwork(int inputs, int seed)
    {
        var random = new Random(seed);
        DenseLayer Layer(int i, int o) => new(i, o,
            [.. Enumerable.Range(0, i * o).Select(_ => (float)((random.NextDouble() * 2) - 1) / MathF.Sqrt(i))],
            [.. Enumerable.Range(0, o).Select(_ => (float)((random.NextDouble() * 2) - 1) * 0.1f)]);
        return new MlpWeights([Layer(inputs, 32), Layer(32, 16), Layer(16, 1)]);
    }
}
