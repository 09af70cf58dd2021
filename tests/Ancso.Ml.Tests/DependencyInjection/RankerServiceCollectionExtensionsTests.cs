using Ancso.Ml.DependencyInjection;
using Ancso.Ml.Embeddings;
using Ancso.Ml.Features;
using Ancso.Ml.Inference;
using Ancso.Ml.Metrics;
using Ancso.Ml.Models;
using Ancso.Ml.Tests.Inference;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ancso.Ml.Tests.DependencyInjection;

public class RankerServiceCollectionExtensionsTests
{
    private static readonly Type[] PublicServices =
    [
        typeof(IRankerInferenceService),
        typeof(IModelRegistry),
        typeof(IFeatureBuilder),
        typeof(IContentMetricsAnalyzer),
        typeof(IEmbeddingGenerator<string, Embedding<float>>),
        typeof(TimeProvider),
    ];

    [Test]
    public void AddRanker_Defaults_ResolvesEveryPublicService()
    {
        var analyzer = new DeterministicMetricsAnalyzer();
        var services = new ServiceCollection().AddSingleton<IContentMetricsAnalyzer>(analyzer);
        services.AddRanker(o => o.EmbeddingDimension = 64);
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        foreach (var type in PublicServices)
        {
            Assert.That(provider.GetRequiredService(type), Is.Not.Null, type.Name);
        }

        Assert.That(provider.GetRequiredService<IContentMetricsAnalyzer>(), Is.SameAs(analyzer), "a service registered first wins");
        Assert.That(provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(), Is.TypeOf<HashingEmbeddingGenerator>());
        Assert.That(provider.GetRequiredService<IFeatureBuilder>().Layout.EmbeddingDimension, Is.EqualTo(64));
        Assert.That(provider.GetRequiredService<IOptions<RankerOptions>>().Value.EmbeddingDimension, Is.EqualTo(64));
        Assert.That(provider.GetRequiredService<IModelRegistry>().ModelsDirectory, Is.EqualTo(Path.GetFullPath("models")));
        var ranker = provider.GetRequiredService<IRankerInferenceService>();
        Assert.That(ranker, Is.TypeOf<RankerInferenceService>());
        Assert.That(provider.GetRequiredService<IRankerInferenceService>(), Is.SameAs(ranker), "a singleton");
    }

    [Test]
    public void AddRanker_CalledTwice_RegistersEachServiceOnceAndResolves()
    {
        var services = new ServiceCollection().AddSingleton<IContentMetricsAnalyzer>(new DeterministicMetricsAnalyzer());
        services.AddRanker();
        services.AddRanker(o => o.TieTolerance = 0.01);
        using var provider = services.BuildServiceProvider(validateScopes: true);

        foreach (var type in PublicServices)
        {
            Assert.That(services.Count(d => d.ServiceType == type), Is.EqualTo(1), type.Name);
        }

        Assert.That(services.Count(d => d.ServiceType == typeof(IValidateOptions<RankerOptions>)), Is.EqualTo(1));
        Assert.DoesNotThrow(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.That(provider.GetRequiredService<IOptions<RankerOptions>>().Value.TieTolerance, Is.EqualTo(0.01));
    }

    [TestCase("EmbeddingDimension", "4", "Ranker:EmbeddingDimension must be between 8 and 65536")]
    [TestCase("IntraOpThreads", "0", "Ranker:IntraOpThreads must be between 1 and 256")]
    [TestCase("TieTolerance", "2", "Ranker:TieTolerance must be between 0 and 1")]
    [TestCase("ModelsDirectory", "", "Ranker:ModelsDirectory is empty")]
    [TestCase("HotReloadCheckInterval", "00:00:00", "Ranker:HotReloadCheckInterval must be between")]
    public void AddRanker_BadOption_FailsAtStartNamingTheOptionAndTheFix(string key, string value, string message)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"Ranker:{key}"] = value })
            .Build();
        var services = new ServiceCollection().AddSingleton<IContentMetricsAnalyzer>(new DeterministicMetricsAnalyzer());
        services.AddRanker(configuration.GetSection(RankerOptions.SectionName));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(error!.Message, Does.Contain(message));
    }

    [Test]
    public void AddRanker_ConfigurationSection_BindsEveryOption()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Ranker:ModelsDirectory"] = "/srv/models",
                ["Ranker:EmbeddingDimension"] = "256",
                ["Ranker:IntraOpThreads"] = "2",
                ["Ranker:AllowSpinning"] = "true",
                ["Ranker:HotReload"] = "false",
                ["Ranker:HotReloadCheckInterval"] = "00:00:10",
                ["Ranker:TieTolerance"] = "0.001",
            })
            .Build();
        var services = new ServiceCollection().AddSingleton<IContentMetricsAnalyzer>(new DeterministicMetricsAnalyzer());
        services.AddRanker(configuration.GetSection(RankerOptions.SectionName));
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        var options = provider.GetRequiredService<IOptions<RankerOptions>>().Value;

        Assert.That(options.ModelsDirectory, Is.EqualTo("/srv/models"));
        Assert.That(options.EmbeddingDimension, Is.EqualTo(256));
        Assert.That(options.IntraOpThreads, Is.EqualTo(2));
        Assert.That(options.AllowSpinning, Is.True);
        Assert.That(options.HotReload, Is.False);
        Assert.That(options.HotReloadCheckInterval, Is.EqualTo(TimeSpan.FromSeconds(10)));
        Assert.That(options.TieTolerance, Is.EqualTo(0.001));
    }

    [Test]
    public async Task AddRanker_ModelInConfiguredFolder_ScoresWithItAndDisposesWithTheContainer()
    {
        using var folder = new TestModelFolder();
        var weights = await folder.StoreAsync("v1", seed: 1);
        var services = new ServiceCollection().AddSingleton<IContentMetricsAnalyzer>(folder.Analyzer);
        services.AddRanker(o =>
        {
            o.ModelsDirectory = folder.ModelsDirectory;
            o.EmbeddingDimension = 64;
            o.HotReload = false;
        });
        var provider = services.BuildServiceProvider();
        var ranker = provider.GetRequiredService<IRankerInferenceService>();
        var item = TestModelFolder.Item("a", "Built the ranking service");

        await ranker.InitializeAsync();
        var score = await ranker.ScoreItemAsync(item);
        var session = ((RankerInferenceService)ranker).CurrentSession!;
        await provider.DisposeAsync();

        Assert.That(score.ModelVersion, Is.EqualTo("v1"));
        Assert.That(score.Score, Is.EqualTo(await folder.ExpectedScoreAsync(weights, item)).Within(1e-5));
        Assert.That(session.IsDisposed, Is.True);
        Assert.ThrowsAsync<ObjectDisposedException>(async () => await ranker.ScoreItemAsync(item));
    }
}
