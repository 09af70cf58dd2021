using Ancso.Ml.Content;
using Ancso.Ml.Embeddings.OpenRouter;
using Ancso.Ml.Tests.Embeddings.OpenRouter;
using Ancso.Ml.Embeddings.Pipeline;
using Ancso.Ml.Features;
using Ancso.Ml.Inference;
using Ancso.Ml.Tests.Inference;
using Ancso.Ml.Tests.Pairs;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Ancso.Ml.Tests.Embeddings.Pipeline;

/// <summary>
/// An app as a host builds it: <c>AddRanker().UseOpenRouterEmbeddings()</c> against the local stand-in server, a
/// real SQLite pair store (the embedding cache) and a real ONNX model whose metadata names the OpenRouter generator.
/// Each <see cref="StartAsync"/> is a new process's worth of services over the same files.
/// </summary>
internal sealed class PipelineTestHost : IDisposable
{
    public const string Key = "sk-or-v1-pipeline-test-key";
    public const int Dimension = 16;
    public const int BatchSize = 10;

    private readonly PairTestDirectory _directory = new();
    private readonly TestModelFolder _models = new(Dimension);

    public string DatabasePath => _directory.File("pairs.db");

    public static ContentItem Item(string id, string text) => TestModelFolder.Item(id, text);

    /// <summary>Stores and activates a model for <c>openrouter:openai/text-embedding-3-small</c> at D = 16.</summary>
    public Task ActivateModelAsync() =>
        _models.StoreAsync("v1", seed: 7, edit: static m => m.EmbeddingGeneratorId = "openrouter:openai/text-embedding-3-small");

    public ServiceProvider Start(
        EmbeddingTestServer server, TimeProvider? time = null, Action<Ancso.Ml.DependencyInjection.RankerOptions>? ranker = null, Action<OpenRouterEmbeddingOptions>? openRouter = null)
    {
        var services = new ServiceCollection();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddRanker(o =>
        {
            o.ModelsDirectory = _models.ModelsDirectory;
            o.HotReload = false;
            ranker?.Invoke(o);
        })
        .AddSqlitePairStore(o => o.DatabasePath = DatabasePath)
        .AddDatasetExport(o => o.DatasetDirectory = _directory.File("dataset"))
        .UseOpenRouterEmbeddings(o =>
        {
            o.ApiKey = Key;
            o.BaseAddress = server.BaseAddress;
            o.Dimensions = Dimension;
            o.BatchSize = BatchSize;
            o.MaxRetries = 0;
            openRouter?.Invoke(o);
        });
        return services.BuildServiceProvider();
    }

    public static async Task<IRankerInferenceService> RankerAsync(ServiceProvider provider)
    {
        var ranker = provider.GetRequiredService<IRankerInferenceService>();
        await ranker.InitializeAsync();
        return ranker;
    }

    public static MicroBatchingEmbeddingGenerator Batcher(ServiceProvider provider) =>
        ((FeatureBuilder)provider.GetRequiredService<IFeatureBuilder>()).Generator.GetService<MicroBatchingEmbeddingGenerator>()!;

    public void Dispose()
    {
        _models.Dispose();
        _directory.Dispose();
    }
}
