using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Pairs.Storage;
using Ancso.Ml.Learning.Bootstrap;
using Ancso.Ml.Sqlite;

namespace Ancso.Ml.Tests.Pairs.Bootstrap;

public class PairBootstrapperTests
{
    private PairTestDirectory _directory = null!;
    private SqlitePairStore _store = null!;
    private PairBootstrapper _bootstrapper = null!;

    [SetUp]
    public void SetUp()
    {
        _directory = new PairTestDirectory();
        var time = TestClock.Create();
        _store = new SqlitePairStore(new SqlitePairStoreOptions { DatabasePath = _directory.File("pairs.db") }, time);
        _bootstrapper = new PairBootstrapper(new FakeMetricsAnalyzer(), new TrainingSignalRecorder(_store, time));
    }

    [TearDown]
    public void TearDown()
    {
        _store.Dispose();
        _directory.Dispose();
    }

    [Test]
    public async Task BootstrapAsync_Platform_StoresBootstrapPairsOfThatPlatformWithTheirTags()
    {
        var reports = new List<PairBootstrapProgress>();

        var outcome = await _bootstrapper.BootstrapAsync(new PairBootstrapRequest("github") { PairCount = 150 }, new SynchronousProgress(reports));

        var counts = await _store.CountPairsAsync();
        var stored = await _store.StreamPairsAsync().ToListAsync();
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Added, Is.EqualTo(150));
            Assert.That(outcome.AlreadyStored, Is.Zero);
            Assert.That(counts.Total, Is.EqualTo(150));
            Assert.That(counts.BySource, Is.EquivalentTo(new Dictionary<string, int> { ["bootstrap"] = 150 }));
            Assert.That(counts.ByPlatform, Is.EquivalentTo(new Dictionary<string, int> { ["github"] = 150 }));
            Assert.That(stored.Select(p => p.Id), Is.All.StartsWith("bootstrap:"));
            Assert.That(stored, Has.All.Matches<StoredPair>(p => p.Tags.Contains("degradation") || p.Tags.Contains("cross_text")));
            Assert.That(reports[^1], Is.EqualTo(new PairBootstrapProgress(150, 150)));
        });
    }

    [Test]
    public async Task BootstrapAsync_SameRequestTwice_StoresNothingNewTheSecondTime()
    {
        var request = new PairBootstrapRequest("linkedin") { PairCount = 80, Seed = 7 };
        await _bootstrapper.BootstrapAsync(request);

        var again = await _bootstrapper.BootstrapAsync(request);

        Assert.Multiple(async () =>
        {
            Assert.That(again.Added, Is.Zero);
            Assert.That(again.AlreadyStored, Is.EqualTo(80));
            Assert.That((await _store.CountPairsAsync()).Total, Is.EqualTo(80));
        });
    }

    [Test]
    public async Task BootstrapAsync_MoreThanTheCorpusAllows_StoresWhatItCanAndSaysSo()
    {
        var outcome = await _bootstrapper.BootstrapAsync(new PairBootstrapRequest("github") { PairCount = 1_000_000 });

        Assert.Multiple(async () =>
        {
            Assert.That(outcome.Generated.Shortfall, Does.Contain("Requested 1000000 github pairs"));
            Assert.That(outcome.Added, Is.EqualTo(outcome.Generated.Available).And.GreaterThan(0));
            Assert.That((await _store.CountPairsAsync()).Total, Is.EqualTo(outcome.Added));
        });
    }

    [TestCase("twitter", 10, "twitter")]
    [TestCase("github", 0, "positive")]
    public async Task BootstrapAsync_BadRequest_ThrowsNamingTheProblemAndStoresNothing(string platform, int count, string expected)
    {
        var error = Assert.ThrowsAsync<ArgumentException>(() => _bootstrapper.BootstrapAsync(new PairBootstrapRequest(platform) { PairCount = count }));

        Assert.That(error!.Message, Does.Contain(expected));
        Assert.That((await _store.CountPairsAsync()).Total, Is.Zero);
    }

    [TestCase(-0.01)]
    [TestCase(0.6)]
    [TestCase(double.PositiveInfinity)]
    public async Task BootstrapAsync_CrossTextShareOutOfRange_ThrowsNamingItAndStoresNothing(double share)
    {
        var error = Assert.ThrowsAsync<ArgumentException>(() => _bootstrapper.BootstrapAsync(new PairBootstrapRequest("github") { PairCount = 10, CrossTextShare = share }));

        Assert.That(error!.Message, Does.Contain("cross-text share must be between 0 and 0.5"));
        Assert.That((await _store.CountPairsAsync()).Total, Is.Zero);
    }

    [Test]
    public async Task BootstrapAsync_CrossTextShare_StoresThatManyCrossTextPairsAtMostAndNoneByDefault()
    {
        var byDefault = await _bootstrapper.BootstrapAsync(new PairBootstrapRequest("github") { PairCount = 100 });
        var withShare = await _bootstrapper.BootstrapAsync(new PairBootstrapRequest("linkedin") { PairCount = 100, CrossTextShare = 0.2 });

        Assert.Multiple(() =>
        {
            Assert.That(byDefault.Generated.CountsByKind.GetValueOrDefault(BootstrapPairKinds.CrossText), Is.Zero);
            Assert.That(withShare.Generated.CountsByKind.GetValueOrDefault(BootstrapPairKinds.CrossText), Is.InRange(1, 20));
        });
    }

    private sealed class SynchronousProgress(List<PairBootstrapProgress> reports) : IProgress<PairBootstrapProgress>
    {
        public void Report(PairBootstrapProgress value) => reports.Add(value);
    }
}
