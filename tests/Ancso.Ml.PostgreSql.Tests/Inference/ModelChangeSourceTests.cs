using Ancso.Ml.DependencyInjection;
using Ancso.Ml.Embeddings;
using Ancso.Ml.Features;
using Ancso.Ml.Inference;
using Ancso.Ml.Metrics;
using Ancso.Ml.Models;
using Ancso.Ml.PostgreSql.Tests.Server;
using Ancso.Ml.Training.Onnx;
using Microsoft.Extensions.Primitives;

namespace Ancso.Ml.PostgreSql.Tests.Inference;

/// <summary>
/// The inference service's side of <see cref="IModelChangeSource"/>, without a database: a registry whose activation
/// changes no file reloads the service when, and only when, its change token fires, and its problem shows in the status.
/// </summary>
public sealed class ModelChangeSourceTests
{
    private string _root = null!;

    [SetUp]
    public void SetUp() => _root = Path.Combine(Path.GetTempPath(), "ancso-change-source-tests", Guid.NewGuid().ToString("N"));

    [TearDown]
    public void TearDown()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }

    [Test]
    public async Task ChangeTokenFires_NewVersionActivatedOutOfSight_ServiceSwitchesOnlyThen()
    {
        using var registry = new NotifyingRegistry(Path.Combine(_root, "models"));
        var features = new FeatureBuilder(new HashingEmbeddingGenerator(16), new ContentMetricsAnalyzer());
        await StoreAsync(registry.Inner, "v1", features.Layout, seed: 1);
        await StoreAsync(registry.Inner, "v2", features.Layout, seed: 2);
        registry.Active = "v1";
        using var service = new RankerInferenceService(features, registry, new RankerOptions { HotReloadCheckInterval = TimeSpan.FromHours(1) });
        await service.InitializeAsync();
        Assert.That((await service.ScoreItemAsync(RankerInstance.Item)).ModelVersion, Is.EqualTo("v1"));

        registry.Active = "v2";
        await Task.Delay(500);
        var beforeNotification = (await service.ScoreItemAsync(RankerInstance.Item)).ModelVersion;
        registry.Fire();
        string? afterNotification = null;
        for (var i = 0; i < 200 && afterNotification != "v2"; i++)
        {
            await Task.Delay(10);
            afterNotification = (await service.ScoreItemAsync(RankerInstance.Item)).ModelVersion;
        }

        registry.Problem = "the database is away";
        var status = await service.GetStatusAsync();

        Assert.That(beforeNotification, Is.EqualTo("v1"), "nothing told the service yet");
        Assert.That(afterNotification, Is.EqualTo("v2"), "the change token reloads the service");
        Assert.That(status.RegistryProblem, Is.EqualTo("the database is away"));
        Assert.That(service.IsWatching, Is.True, "subscribed to the registry's token");
        Assert.That(service.WatchesFolderItself, Is.False, "no file watcher of its own when the registry has a change token");
        Assert.That(registry.Inner.IsWatchingFolder, Is.False);
    }

    private static async Task StoreAsync(FileModelRegistry registry, string version, FeatureLayout layout, int seed) =>
        await registry.StoreAsync(OnnxModelWriter.Write(RankerInstance.RandomNetwork(layout.Width, seed)), new ModelMetadata
        {
            Version = version,
            InputDimension = layout.Width,
            EmbeddingGeneratorId = layout.EmbeddingGeneratorId,
            EmbeddingDimension = layout.EmbeddingDimension,
            MetricNames = [.. layout.MetricNames],
        });

    /// <summary>
    /// Keeps its versions' files in the models folder but which one is active in memory, as a registry in a database
    /// does, so no file the service watches changes on activation: only the change token can tell.
    /// </summary>
    private sealed class NotifyingRegistry(string folder) : IModelRegistry, IModelChangeSource, IDisposable
    {
        private CancellationTokenSource _changed = new();

        public FileModelRegistry Inner { get; } = new(folder);

        public string ModelsDirectory => Inner.ModelsDirectory;

        public string? Active { get; set; }

        public string? Problem { get; set; }

        public IChangeToken GetChangeToken() => new CancellationChangeToken(_changed.Token);

        public void Fire() => Interlocked.Exchange(ref _changed, new CancellationTokenSource()).Cancel();

        public async Task<ModelVersionInfo?> GetActiveAsync(CancellationToken cancellationToken = default) =>
            (await Inner.ListVersionsAsync(cancellationToken)).SingleOrDefault(v => v.Version == Active) is { } active ? active with { IsActive = true } : null;

        public Task<IReadOnlyList<ModelVersionInfo>> ListVersionsAsync(CancellationToken cancellationToken = default) => Inner.ListVersionsAsync(cancellationToken);

        public Task<ModelVersionInfo> StoreAsync(ReadOnlyMemory<byte> onnxModel, ModelMetadata metadata, CancellationToken cancellationToken = default) =>
            Inner.StoreAsync(onnxModel, metadata, cancellationToken);

        public Task<ModelVersionInfo> ActivateAsync(string version, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<ModelVersionInfo> RollbackAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<bool> DeleteAsync(string version, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public void Dispose() => Inner.Dispose();
    }
}
