using Ancso.Ml.DependencyInjection;
using Ancso.Ml.Embeddings;
using Ancso.Ml.Metrics;
using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Pairs.Storage;
using Ancso.Ml.Learning.Bootstrap;
using Ancso.Ml.Learning.Export;
using Ancso.Ml.Sqlite;
using Ancso.Ml.Pairs.Suggestions;
using Ancso.Ml.Tests.Pairs;
using Ancso.Ml.Tests.Pairs.Export;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ancso.Ml.Tests.DependencyInjection;

public class RankerBuilderTests
{
    private PairTestDirectory _directory = null!;

    [SetUp]
    public void SetUp() => _directory = new PairTestDirectory();

    [TearDown]
    public void TearDown() => _directory.Dispose();

    [Test]
    public void AddRanker_Alone_RegistersScoringOnly()
    {
        var services = new ServiceCollection();
        var builder = services.AddRanker();
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });

        Assert.Multiple(() =>
        {
            Assert.That(builder.Services, Is.SameAs(services));
            foreach (var type in new[] { typeof(IPairStore), typeof(IEmbeddingCache), typeof(ITrainingSignalRecorder), typeof(IPairDatasetExporter), typeof(IPairBootstrapper), typeof(IPairSuggester) })
            {
                Assert.That(services.Any(d => d.ServiceType == type), Is.False, type.Name);
            }

            Assert.That(services.Any(d => d.ServiceType == typeof(IValidateOptions<SqlitePairStoreOptions>)), Is.False, "pair-store options are not validated for an app that only scores");
            Assert.That(services.Any(d => d.ServiceType == typeof(IValidateOptions<DatasetExportOptions>)), Is.False, "export options are not validated for an app that only scores");
        });
    }

    [Test]
    public void AncsoMl_References_NeitherSqliteNorTorchSharp()
    {
        var references = typeof(RankerOptions).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.That(references, Has.None.StartsWith("Microsoft.Data.Sqlite").And.None.StartsWith("SQLitePCL").And.None.StartsWith("TorchSharp"), string.Join(", ", references));
    }

    [Test]
    public async Task AddSqlitePairStore_WithSignalsBootstrapAndExport_WiresEverythingOverOneFile()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IContentMetricsAnalyzer, StandInMetricsAnalyzer>();
        services.AddRanker(o => o.EmbeddingDimension = 16)
            .AddSqlitePairStore(o => o.DatabasePath = _directory.File("pairs.db"))
            .AddBootstrap()
            .AddDatasetExport(o => o.DatasetDirectory = _directory.File("dataset"));
        services.AddRanker().AddSqlitePairStore().AddSignals();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        provider.GetRequiredService<IStartupValidator>().Validate();

        var store = provider.GetRequiredService<IPairStore>();
        var recorder = provider.GetRequiredService<ITrainingSignalRecorder>();
        await recorder.RecordUserChoiceAsync(new UserChoice("linkedin", "headline", "Engineer", "Search engineer at a travel marketplace", PairSide.B));
        var result = await provider.GetRequiredService<IPairDatasetExporter>().ExportAsync();

        Assert.Multiple(() =>
        {
            Assert.That(services.Count(d => d.ServiceType == typeof(IPairStore)), Is.EqualTo(1), "calling twice registers once");
            Assert.That(services.Count(d => d.ServiceType == typeof(ITrainingSignalRecorder)), Is.EqualTo(1));
            Assert.That(provider.GetRequiredService<IEmbeddingCache>(), Is.SameAs(store));
            Assert.That(provider.GetRequiredService<IPairBootstrapper>(), Is.Not.Null);
            Assert.That(provider.GetRequiredService<IPairSuggester>(), Is.Not.Null);
            Assert.That(store, Is.InstanceOf<SqlitePairStore>());
            Assert.That(((SqlitePairStore)store).DatabasePath, Is.EqualTo(_directory.File("pairs.db")));
            Assert.That(result.Metadata!.PairCount, Is.EqualTo(1));
            Assert.That(result.Metadata.EmbeddingGeneratorId, Is.EqualTo("ancso:hashing-v1"));
            Assert.That(result.Metadata.EmbeddingDimension, Is.EqualTo(16));
            Assert.That(File.Exists(_directory.File(Path.Combine("dataset", "dataset.bin"))), Is.True);
        });
    }

    [Test]
    public void AddSqlitePairStore_InvalidOptions_FailsStartValidationNamingTheOption()
    {
        var services = new ServiceCollection();
        services.AddRanker().AddSqlitePairStore(o => o.DatabasePath = "");
        using var provider = services.BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(e!.Message, Does.Contain("Ranker:Sqlite:DatabasePath").And.Contain(nameof(SqlitePairStoreOptions.DatabasePath)));
    }

    [Test]
    public void AddDatasetExport_InvalidOptions_FailsStartValidationNamingTheOption()
    {
        var services = new ServiceCollection();
        services.AddRanker().AddSqlitePairStore(o => o.DatabasePath = _directory.File("pairs.db")).AddDatasetExport();
        services.Configure<DatasetExportOptions>(o => o.ExportBatchSize = 0);
        using var provider = services.BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(e!.Message, Does.Contain("DatasetExportOptions.ExportBatchSize"));
    }

    [Test]
    public void AddRanker_WithConfiguration_BindsEachComponentFromItsRankerSubsection()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [SqlitePairStoreOptions.SectionName + ":DatabasePath"] = _directory.File("configured.db"),
            [DatasetExportOptions.SectionName + ":ExportBatchSize"] = "17",
            ["Ranker:OpenRouter:Model"] = "some/model",
            ["Ranker:OpenRouter:ApiKey"] = "test-key",
        }).Build();
        var services = new ServiceCollection();
        services.AddRanker(configuration.GetSection(RankerOptions.SectionName))
            .AddSqlitePairStore()
            .AddDatasetExport()
            .UseOpenRouterEmbeddings();
        using var provider = services.BuildServiceProvider();

        Assert.Multiple(() =>
        {
            Assert.That(provider.GetRequiredService<IOptions<SqlitePairStoreOptions>>().Value.DatabasePath, Is.EqualTo(_directory.File("configured.db")));
            Assert.That(provider.GetRequiredService<IOptions<DatasetExportOptions>>().Value.ExportBatchSize, Is.EqualTo(17));
            Assert.That(provider.GetRequiredService<IOptions<Ancso.Ml.Embeddings.OpenRouter.OpenRouterEmbeddingOptions>>().Value.Model, Is.EqualTo("some/model"));
        });
    }

    [Test]
    public void AddSqlitePairStore_ConfigureDelegate_WinsOverConfiguration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ranker:Sqlite:DatabasePath"] = _directory.File("configured.db"),
        }).Build();
        var services = new ServiceCollection();
        services.AddRanker(configuration.GetSection("Ranker")).AddSqlitePairStore(o => o.DatabasePath = _directory.File("delegate.db"));
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<IOptions<SqlitePairStoreOptions>>().Value.DatabasePath, Is.EqualTo(_directory.File("delegate.db")));
    }

    [TestCase(typeof(ITrainingSignalRecorder))]
    [TestCase(typeof(IPairDatasetExporter))]
    [TestCase(typeof(IPairSuggester))]
    public void LearningServices_WithoutAPairStore_FailNamingHowToAddOne(Type service)
    {
        var services = new ServiceCollection();
        services.AddRanker().AddSignals().AddDatasetExport();
        using var provider = services.BuildServiceProvider();

        var e = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService(service));

        Assert.That(e!.Message, Does.Contain(service.Name).And.Contain(".AddSqlitePairStore()").And.Contain(".UsePostgreSql("));
    }

    [Test]
    public void AddSqlitePairStore_HostStoreWithoutEmbeddingCache_KeepsItAndAsksForACache()
    {
        using var sqlite = new SqlitePairStore(new SqlitePairStoreOptions { DatabasePath = _directory.File("pairs.db") }, TimeProvider.System);
        var hostStore = new ObservingPairStore(sqlite, _ => { });
        var services = new ServiceCollection();
        services.AddSingleton<IPairStore>(hostStore);
        services.AddRanker().AddSqlitePairStore();
        using var provider = services.BuildServiceProvider();

        var e = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IEmbeddingCache>());

        Assert.That(provider.GetRequiredService<IPairStore>(), Is.SameAs(hostStore));
        Assert.That(e!.Message, Does.Contain(nameof(ObservingPairStore)).And.Contain("register an IEmbeddingCache"));
    }

    [Test]
    public void AddRanker_HostStoreThatIsNotACache_ScoresWithTheMemoryCacheOnly()
    {
        using var sqlite = new SqlitePairStore(new SqlitePairStoreOptions { DatabasePath = _directory.File("pairs.db") }, TimeProvider.System);
        var services = new ServiceCollection();
        services.AddSingleton<IPairStore>(new ObservingPairStore(sqlite, _ => { }));
        services.AddRanker().AddSignals();
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetService<IEmbeddingCache>(), Is.Null);
        Assert.That(provider.GetRequiredService<Ancso.Ml.Features.IFeatureBuilder>(), Is.Not.Null);
        Assert.That(provider.GetRequiredService<ITrainingSignalRecorder>(), Is.Not.Null);
    }
}
