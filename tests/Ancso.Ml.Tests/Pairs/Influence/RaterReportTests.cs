using Ancso.Ml.Content;
using Ancso.Ml.Features;
using Ancso.Ml.Inference;
using Ancso.Ml.Metrics;
using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Pairs.Storage;
using Ancso.Ml.Learning.Influence;
using Ancso.Ml.Tests.Pairs.Signals;
using Microsoft.Extensions.DependencyInjection;

namespace Ancso.Ml.Tests.Pairs.Influence;

/// <summary>
/// <see cref="IRaterReport"/> as <c>AddRaterReport()</c> registers it, over a real SQLite store. Four raters judge two shared pairs
/// of headlines: Alice, Carol and Dave pick the longer text, Bob (after first agreeing on one of them) the shorter.
/// Alice also has three pairs of her own, and three unattributed choices stand beside them.
/// </summary>
public class RaterReportTests
{
    private const string LongA = "Staff engineer building payment APIs in Go";
    private const string ShortA = "Engineer";
    private const string LongB = "Search engineer at a travel marketplace";
    private const string ShortB = "Dev";

    private static readonly string Alice = TestRaterKeys.Expected("alice");
    private static readonly string Bob = TestRaterKeys.Expected("bob");
    private static readonly string Carol = TestRaterKeys.Expected("carol");
    private static readonly string Dave = TestRaterKeys.Expected("dave");

    private PairTestDirectory _directory = null!;

    [SetUp]
    public void SetUp() => _directory = new PairTestDirectory();

    [TearDown]
    public void TearDown() => _directory.Dispose();

    private ServiceProvider Build(IRankerInferenceService? ranker = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IContentMetricsAnalyzer, StandInMetricsAnalyzer>();
        if (ranker is not null)
        {
            services.AddSingleton(ranker);
        }

        services.AddRanker(o =>
            {
                o.ModelsDirectory = _directory.File("models");
                o.EmbeddingDimension = 16;
                o.HotReload = false;
            })
            .AddSqlitePairStore(o => o.DatabasePath = _directory.File("pairs.db"))
            .AddSignals(o => o.RaterKey = TestRaterKeys.KeyBase64)
            .AddRaterReport();
        return services.BuildServiceProvider();
    }

    private static async Task SeedAsync(IServiceProvider provider)
    {
        var recorder = provider.GetRequiredService<ITrainingSignalRecorder>();

        Task Choose(string? rater, string a, string b, PairSide chosen) =>
            recorder.RecordUserChoiceAsync(new UserChoice("linkedin", "headline", a, b, chosen) { RaterId = rater });

        // A bootstrap pair on shared items: no person's, so not in the report.
        await recorder.AddPairAsync(new NewPair("linkedin", "headline", LongA, ShortA, PairSide.B, PairSources.Bootstrap));
        await Choose("alice", ShortA, LongA, PairSide.B);
        await Choose("carol", LongA, ShortA, PairSide.A);
        await Choose("dave", ShortA, LongA, PairSide.B);
        await Choose("bob", ShortA, LongA, PairSide.B);
        await Choose("bob", LongA, ShortA, PairSide.B);
        await Choose("alice", ShortB, LongB, PairSide.B);
        await Choose("carol", ShortB, LongB, PairSide.B);
        await Choose("dave", LongB, ShortB, PairSide.A);
        await Choose("bob", ShortB, LongB, PairSide.A);
        for (var i = 0; i < 3; i++)
        {
            await Choose("alice", $"Alice short {i}", $"A much longer headline of Alice's, number {i}", PairSide.B);
            await Choose(null, $"Anonymous {i}", $"An anonymous but longer headline, number {i}", PairSide.B);
        }

        var stored = await provider.GetRequiredService<IPairStore>().ListItemsAsync(new ItemQuery { Platform = "linkedin", Section = "headline" });
        await recorder.RecordManualLabelAsync(new ManualLabel(stored.Single(i => i.Text == ShortA).Id, stored.Single(i => i.Text == LongA).Id, PairSide.B) { RaterId = "dave" });
    }

    [Test]
    public async Task GetAsync_NoModel_CountsRatersPerSourceHeaviestFirstWithPeerAgreement()
    {
        await using var provider = Build();
        await SeedAsync(provider);

        var report = await provider.GetRequiredService<IRaterReport>().GetAsync(new RaterReportRequest { TopRaters = 10 });

        Assert.That(report.ModelVersion, Is.Null);
        Assert.That(report.Sources.Select(s => s.Source), Is.EqualTo(new[] { PairSources.Manual, PairSources.UserChoice }), "name order; no bootstrap");
        var choices = report.Sources[1];
        Assert.Multiple(() =>
        {
            Assert.That((choices.Votes, choices.Raters, choices.UnattributedVotes), Is.EqualTo((14, 5, 3)), "Bob's first vote on the shared pair is superseded");
            var expected = new[] { (Alice, 5), (RaterFigures.Unattributed, 3) }
                .Concat(new[] { Bob, Carol, Dave }.Order(StringComparer.Ordinal).Select(r => (r, 2)));
            Assert.That(choices.Heaviest.Select(h => (h.Rater, h.Votes)), Is.EqualTo(expected));
            Assert.That(choices.Heaviest.Select(h => h.Share), Is.EqualTo(choices.Heaviest.Select(h => h.Votes / 14.0)).Within(1e-12));
            Assert.That(choices.Heaviest.Select(h => h.ModelAgreement), Is.All.Null);
            Assert.That(choices.Heaviest.Select(h => h.ModelSampled), Is.All.Zero);
        });

        var byRater = choices.Heaviest.ToDictionary(h => h.Rater);
        Assert.Multiple(() =>
        {
            Assert.That((byRater[Alice].PeerAgreement, byRater[Alice].SharedPairs), Is.EqualTo(((double?)1.0, 2)));
            Assert.That((byRater[Carol].PeerAgreement, byRater[Carol].SharedPairs), Is.EqualTo(((double?)1.0, 2)));
            Assert.That((byRater[Dave].PeerAgreement, byRater[Dave].SharedPairs), Is.EqualTo(((double?)1.0, 2)));
            Assert.That((byRater[Bob].PeerAgreement, byRater[Bob].SharedPairs), Is.EqualTo(((double?)0.0, 2)), "Bob always contradicts the others (his later vote stands)");
            Assert.That((byRater[RaterFigures.Unattributed].PeerAgreement, byRater[RaterFigures.Unattributed].SharedPairs), Is.EqualTo(((double?)null, 0)));
        });

        var manual = report.Sources[0];
        Assert.That((manual.Votes, manual.Raters, manual.UnattributedVotes), Is.EqualTo((1, 1, 0)));
        Assert.That(manual.Heaviest.Select(h => (h.Rater, h.Votes, h.Share, h.PeerAgreement, h.SharedPairs)), Is.EqualTo(new[] { (Dave, 1, 1.0, (double?)1.0, 1) }));
    }

    [Test]
    public async Task GetAsync_TopRaters_ListsOnlyTheHeaviest()
    {
        await using var provider = Build();
        await SeedAsync(provider);

        var report = await provider.GetRequiredService<IRaterReport>().GetAsync(new RaterReportRequest { TopRaters = 2, Filter = new PairFilter { Source = PairSources.UserChoice } });

        Assert.That(report.Sources.Select(s => s.Source), Is.EqualTo(new[] { PairSources.UserChoice }));
        Assert.That(report.Sources[0].Heaviest.Select(h => h.Rater), Is.EqualTo(new[] { Alice, RaterFigures.Unattributed }));
        Assert.That(report.Sources[0].Raters, Is.EqualTo(5), "the count is of every rater, not only those listed");
    }

    [Test]
    public async Task GetAsync_DefaultRequest_ListsThreeRaters()
    {
        await using var provider = Build();
        await SeedAsync(provider);

        var report = await provider.GetRequiredService<IRaterReport>().GetAsync();

        Assert.That(report.Sources.Single(s => s.Source == PairSources.UserChoice).Heaviest, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task GetAsync_TrustUnattributed_CountsEachUnattributedVoteAsARater()
    {
        await using var provider = Build();
        await SeedAsync(provider);

        var report = await provider.GetRequiredService<IRaterReport>().GetAsync(new RaterReportRequest { TopRaters = 10, TrustUnattributed = true });

        var choices = report.Sources.Single(s => s.Source == PairSources.UserChoice);
        Assert.That((choices.Votes, choices.Raters, choices.UnattributedVotes), Is.EqualTo((14, 7, 3)));
        Assert.That(choices.Heaviest.Where(h => h.Rater.StartsWith("unattributed:", StringComparison.Ordinal)).Select(h => h.Votes), Is.EqualTo(new[] { 1, 1, 1 }));
        Assert.That(choices.Heaviest.Select(h => h.Rater), Does.Not.Contain(RaterFigures.Unattributed));
    }

    [Test]
    public async Task GetAsync_ModelScoresByLength_MeasuresEachRatersAgreementExactly()
    {
        await using var provider = Build(new ScoresByLength());
        await SeedAsync(provider);

        var report = await provider.GetRequiredService<IRaterReport>().GetAsync(new RaterReportRequest { TopRaters = 10 });

        Assert.That(report.ModelVersion, Is.EqualTo(ScoresByLength.Version));
        var byRater = report.Sources.Single(s => s.Source == PairSources.UserChoice).Heaviest.ToDictionary(h => h.Rater);
        Assert.Multiple(() =>
        {
            Assert.That((byRater[Alice].ModelAgreement, byRater[Alice].ModelSampled), Is.EqualTo(((double?)1.0, 5)));
            Assert.That((byRater[Carol].ModelAgreement, byRater[Carol].ModelSampled), Is.EqualTo(((double?)1.0, 2)));
            Assert.That((byRater[Bob].ModelAgreement, byRater[Bob].ModelSampled), Is.EqualTo(((double?)0.0, 2)));
            Assert.That((byRater[RaterFigures.Unattributed].ModelAgreement, byRater[RaterFigures.Unattributed].ModelSampled), Is.EqualTo(((double?)1.0, 3)));
        });
    }

    [Test]
    public async Task GetAsync_ModelSampleOfOne_ScoresOnlyEachRatersNewestVote()
    {
        await using var provider = Build(new ScoresByLength());
        await SeedAsync(provider);

        var report = await provider.GetRequiredService<IRaterReport>().GetAsync(new RaterReportRequest { TopRaters = 10, ModelSample = 1 });

        var byRater = report.Sources.Single(s => s.Source == PairSources.UserChoice).Heaviest.ToDictionary(h => h.Rater);
        Assert.That(byRater.Values.Select(h => h.ModelSampled), Is.All.EqualTo(1));
        Assert.That(byRater[Bob].ModelAgreement, Is.EqualTo(0.0), "Bob's newest vote picks the shorter text");
    }

    [Test]
    public async Task GetAsync_ModelSampleZero_ScoresNothing()
    {
        var ranker = new ScoresByLength();
        await using var provider = Build(ranker);
        await SeedAsync(provider);

        var report = await provider.GetRequiredService<IRaterReport>().GetAsync(new RaterReportRequest { ModelSample = 0 });

        Assert.That(ranker.RankCalls, Is.Zero);
        Assert.That(report.Sources.SelectMany(s => s.Heaviest).Select(h => h.ModelAgreement), Is.All.Null);
    }

    [Test]
    public async Task GetAsync_EmptyStore_ReportsNoSources()
    {
        await using var provider = Build();

        var report = await provider.GetRequiredService<IRaterReport>().GetAsync();

        Assert.That(report.Sources, Is.Empty);
    }

    [TestCase(0, 200)]
    [TestCase(101, 200)]
    [TestCase(3, -1)]
    [TestCase(3, 10_001)]
    public async Task GetAsync_RequestOutOfRange_Throws(int top, int sample)
    {
        await using var provider = Build();

        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => provider.GetRequiredService<IRaterReport>().GetAsync(new RaterReportRequest { TopRaters = top, ModelSample = sample }));
    }

    /// <summary>An active model, as far as the report can tell, that prefers the longer text.</summary>
    private sealed class ScoresByLength : IRankerInferenceService
    {
        public const string Version = "by-length-1";

        private static readonly ScoreProvenance Provenance = ScoreProvenance.FromModel(Version);

        public int RankCalls { get; private set; }

        public Task InitializeAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public ValueTask<ItemScore> ScoreItemAsync(ContentItem item, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(new ItemScore(item.Id, item.Text.Length, default, Provenance));

        public ValueTask<ComparisonResult> CompareAsync(ContentItem a, ContentItem b, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public ValueTask<RankingResult> RankAsync(IReadOnlyList<ContentItem> items, CancellationToken cancellationToken = default)
        {
            RankCalls++;
            return ValueTask.FromResult(new RankingResult(
                [.. items.OrderByDescending(i => i.Text.Length).Select((i, k) => new RankedItem(k + 1, i, i.Text.Length))], Provenance));
        }

        public ValueTask<RankerStatus> GetStatusAsync(CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(new RankerStatus(Provenance, RuntimeLoaded: true, ActiveModel: null, new FeatureLayout("test:fake", 8, MetricNames.All), "models"));
    }
}
