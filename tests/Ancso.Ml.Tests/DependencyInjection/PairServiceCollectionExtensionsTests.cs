using Ancso.Ml.Embeddings;
using Ancso.Ml.Metrics;
using Ancso.Ml.Pairs;
using Ancso.Ml.Pairs.Export;
using Ancso.Ml.Pairs.Sqlite;
using Ancso.Ml.Tests.Pairs;
using Ancso.Ml.Tests.Pairs.Export;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ancso.Ml.Tests.DependencyInjection;

public class PairServiceCollectionExtensionsTests
{
    private PairTestDirectory _directory = null!;

    [SetUp]
    public void SetUp() => _directory = new PairTestDirectory();

    [TearDown]
    public void TearDown() => _directory.Dispose();

    [Test]
    public async Task AddRanker_Default_WiresStoreRecorderAndExporterOverOneSqliteFile()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IContentMetricsAnalyzer, StandInMetricsAnalyzer>();
        services.AddRanker(o => o.EmbeddingDimension = 16);
        services.AddRanker();
        services.Configure<PairStoreOptions>(o =>
        {
            o.DatabasePath = _directory.File("pairs.db");
            o.DatasetDirectory = _directory.File("dataset");
        });
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        provider.GetRequiredService<IStartupValidator>().Validate();

        var store = provider.GetRequiredService<IPairStore>();
        var recorder = provider.GetRequiredService<ITrainingSignalRecorder>();
        await recorder.RecordUserChoiceAsync(new UserChoice("linkedin", "headline", "Engineer", "Search engineer at a travel marketplace", PairSide.B));
        var result = await provider.GetRequiredService<IPairDatasetExporter>().ExportAsync();

        Assert.Multiple(() =>
        {
            Assert.That(provider.GetRequiredService<IEmbeddingCache>(), Is.SameAs(store));
            Assert.That(store, Is.InstanceOf<SqlitePairStore>());
            Assert.That(((SqlitePairStore)store).DatabasePath, Is.EqualTo(_directory.File("pairs.db")));
            Assert.That(result.Metadata!.PairCount, Is.EqualTo(1));
            Assert.That(result.Metadata.EmbeddingGeneratorId, Is.EqualTo("ancso:hashing-v1"));
            Assert.That(result.Metadata.EmbeddingDimension, Is.EqualTo(16));
            Assert.That(File.Exists(_directory.File(Path.Combine("dataset", "dataset.bin"))), Is.True);
        });
    }

    [Test]
    public void AddRanker_InvalidPairStoreOptions_FailsStartValidationNamingTheOption()
    {
        var services = new ServiceCollection();
        services.AddRanker();
        services.Configure<PairStoreOptions>(o =>
        {
            o.ExportBatchSize = 0;
            o.DatabasePath = "";
        });
        using var provider = services.BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(e!.Message, Does.Contain(nameof(PairStoreOptions.ExportBatchSize)).And.Contain(nameof(PairStoreOptions.DatabasePath)));
    }

    [Test]
    public void AddRanker_HostStoreWithoutEmbeddingCache_KeepsItAndAsksForACache()
    {
        using var sqlite = new SqlitePairStore(new PairStoreOptions { DatabasePath = _directory.File("pairs.db") }, TimeProvider.System);
        var hostStore = new ObservingPairStore(sqlite, _ => { });
        var services = new ServiceCollection();
        services.AddSingleton<IPairStore>(hostStore);
        services.AddRanker();
        using var provider = services.BuildServiceProvider();

        var e = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IEmbeddingCache>());

        Assert.That(provider.GetRequiredService<IPairStore>(), Is.SameAs(hostStore));
        Assert.That(e!.Message, Does.Contain(nameof(ObservingPairStore)).And.Contain("register an IEmbeddingCache"));
    }
}
