using Ancso.Ml.Embeddings;
using Ancso.Ml.Embeddings.OpenRouter;
using Ancso.Ml.Features;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ancso.Ml.Tests.Embeddings.OpenRouter;

public class OpenRouterRankerBuilderExtensionsTests
{
    private const string Key = "sk-or-v1-di-test-key-42";

    [Test]
    public void UseOpenRouterEmbeddings_ReplacesTheOfflineGenerator()
    {
        var services = new ServiceCollection();
        services.AddRanker().UseOpenRouterEmbeddings(o => o.ApiKey = Key);

        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.That(services.Count(d => d.ServiceType == typeof(IEmbeddingGenerator<string, Embedding<float>>)), Is.EqualTo(1));
        Assert.That(provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(), Is.InstanceOf<OpenRouterEmbeddingGenerator>());
        var layout = provider.GetRequiredService<IFeatureBuilder>().Layout;
        Assert.That(layout.EmbeddingGeneratorId, Is.EqualTo("openrouter:openai/text-embedding-3-small"));
        Assert.That(layout.EmbeddingDimension, Is.EqualTo(1536));
    }

    [Test]
    public void AddRanker_WithoutOpenRouter_KeepsTheOfflineGenerator()
    {
        using var provider = new ServiceCollection().AddRanker().Services.BuildServiceProvider();
        Assert.That(provider.GetRequiredService<IFeatureBuilder>().Layout.EmbeddingGeneratorId, Is.EqualTo("ancso:hashing-v1"));
    }

    [Test]
    public async Task UseOpenRouterEmbeddings_FromConfiguration_BindsOptionsAndCallsTheServiceThroughTheHttpClientFactory()
    {
        await using var server = EmbeddingTestServer.Start();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Ranker:OpenRouter:ApiKey"] = Key,
                ["Ranker:OpenRouter:Model"] = "acme/embed-large",
                ["Ranker:OpenRouter:Dimensions"] = "32",
                ["Ranker:OpenRouter:BaseAddress"] = server.BaseAddress.ToString(),
                ["Ranker:OpenRouter:ProviderName"] = "acme",
                ["Ranker:OpenRouter:BatchSize"] = "2",
                ["Ranker:OpenRouter:EncodingFormat"] = "Base64",
                ["Ranker:OpenRouter:Timeout"] = "00:01:00",
            })
            .Build();
        var logs = new LogCapture();
        var services = new ServiceCollection()
            .AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace))
            .AddRanker()
            .UseOpenRouterEmbeddings(configuration.GetSection(OpenRouterEmbeddingOptions.SectionName))
            .Services;
        await using var provider = services.BuildServiceProvider();

        var generator = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        var result = await generator.GenerateAsync(["a", "b", "c"]);

        Assert.That(EmbeddingGeneratorIdentity.Describe(generator), Is.EqualTo(("acme:acme/embed-large", 32)));
        Assert.That(server.Requests.Select(r => r.Inputs.Length), Is.EqualTo(new[] { 2, 1 }));
        Assert.That(server.Requests.Select(r => r.EncodingFormat), Is.All.EqualTo("base64"));
        Assert.That(server.Requests.Select(r => r.Authorization), Is.All.EqualTo("Bearer " + Key));
        Assert.That(result[2].Vector.ToArray(), Is.EqualTo(EmbeddingTestReply.ExpectedVector("c", 32)));

        // The factory's own handlers log at Trace, headers included: the key must be redacted there too.
        Assert.That(logs.Entries.Where(e => e.Category.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal)), Is.Not.Empty);
        Assert.That(logs.Entries.Select(e => e.ToString()), Has.None.Contain(Key));
    }

    [Test]
    public void UseOpenRouterEmbeddings_NoKeyAnywhere_FailsAtResolutionNamingTheEnvironmentVariable()
    {
        var services = new ServiceCollection().AddRanker().UseOpenRouterEmbeddings().Services;
        services.RemoveAll<IPostConfigureOptions<OpenRouterEmbeddingOptions>>();
        services.AddSingleton<IPostConfigureOptions<OpenRouterEmbeddingOptions>>(new OpenRouterApiKeyFromEnvironment(_ => null));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>());
        Assert.That(ex!.Message, Does.Contain("OPENROUTER_API_KEY"));
    }

    [Test]
    public void UseOpenRouterEmbeddings_KeyOnlyInTheEnvironment_UsesIt()
    {
        var services = new ServiceCollection().AddRanker().UseOpenRouterEmbeddings().Services;
        services.RemoveAll<IPostConfigureOptions<OpenRouterEmbeddingOptions>>();
        services.AddSingleton<IPostConfigureOptions<OpenRouterEmbeddingOptions>>(new OpenRouterApiKeyFromEnvironment(n => n == "OPENROUTER_API_KEY" ? Key : null));
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<IOptions<OpenRouterEmbeddingOptions>>().Value.ApiKey, Is.EqualTo(Key));
        Assert.That(provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(), Is.InstanceOf<OpenRouterEmbeddingGenerator>());
    }

    [Test]
    public void UseOpenRouterEmbeddings_CalledTwice_RegistersOneGenerator()
    {
        var services = new ServiceCollection().AddRanker().UseOpenRouterEmbeddings(o => o.ApiKey = Key).UseOpenRouterEmbeddings(o => o.Dimensions = 256).Services;
        using var provider = services.BuildServiceProvider();

        Assert.That(services.Count(d => d.ServiceType == typeof(IEmbeddingGenerator<string, Embedding<float>>)), Is.EqualTo(1));
        Assert.That(services.Count(d => d.ServiceType == typeof(IValidateOptions<OpenRouterEmbeddingOptions>)), Is.EqualTo(2));
        Assert.That(EmbeddingGeneratorIdentity.Describe(provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>()).Dimension, Is.EqualTo(256));
    }
}
