using Ancso.Ml.Embeddings.OpenRouter;
using Ancso.Ml.Features;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Ancso.Ml.Tests.Embeddings.OpenRouter;

/// <summary>The generator created by a host that composes its own Microsoft.Extensions.AI pipeline.</summary>
public class OpenRouterEmbeddingGeneratorPublicTests
{
    [Test]
    public void Constructor_InvalidOptions_ThrowsNamingEachProblemWithoutTheKey()
    {
        using var httpClients = new TestHttpClientFactory();
        var options = new OpenRouterEmbeddingOptions { ApiKey = "sk-or bad key", Dimensions = 0 };

        var e = Assert.Throws<ArgumentException>(() => _ = new OpenRouterEmbeddingGenerator(httpClients, options));

        Assert.That(e!.Message, Does.Contain("Dimensions").And.Contain("API key").And.Not.Contain("sk-or bad key"));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Constructor_ComposedWithEmbeddingGeneratorBuilder_CallsTheService()
    {
        await using var server = EmbeddingTestServer.Start();
        using var httpClients = new TestHttpClientFactory();
        var options = new OpenRouterEmbeddingOptions { ApiKey = "sk-or-v1-public", BaseAddress = server.BaseAddress, Dimensions = 8 };
        using var generator = new EmbeddingGeneratorBuilder<string, Embedding<float>>(new OpenRouterEmbeddingGenerator(httpClients, options))
            .UseOpenTelemetry()
            .Build();

        var result = await generator.GenerateAsync(["Staff engineer"]);

        Assert.That(result[0].Vector.ToArray(), Is.EqualTo(EmbeddingTestReply.ExpectedVector("Staff engineer", 8)));
        Assert.That(server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public void AddEmbeddingGenerator_ComposedByTheHostBeforeAddRanker_IsTheRankersGenerator()
    {
        var services = new ServiceCollection();
        services.AddHttpClient();
        services.AddEmbeddingGenerator(sp => new OpenRouterEmbeddingGenerator(
                sp.GetRequiredService<IHttpClientFactory>(), new OpenRouterEmbeddingOptions { ApiKey = "sk-or-v1-host" }))
            .UseOpenTelemetry();
        services.AddRanker();
        using var provider = services.BuildServiceProvider();

        var layout = provider.GetRequiredService<IFeatureBuilder>().Layout;

        Assert.That(layout.EmbeddingGeneratorId, Is.EqualTo("openrouter:openai/text-embedding-3-small"));
        Assert.That(layout.EmbeddingDimension, Is.EqualTo(1536));
    }
}
