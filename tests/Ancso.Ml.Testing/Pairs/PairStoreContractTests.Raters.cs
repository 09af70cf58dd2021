using System.Globalization;
using System.Text;
using System.Text.Json;
using Ancso.Ml.Content;
using Ancso.Ml.Features;
using Ancso.Ml.Metrics;
using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Pairs.Storage;
using Ancso.Ml.Learning.Dataset;
using Ancso.Ml.Learning.Influence;

namespace Ancso.Ml.Testing.Pairs;

/// <summary>
/// What every pair store promises about raters: the pseudonym is stored and read back, a retry must carry the same
/// rater, and read as a training source the store hands the influence limits the votes exactly as they were recorded.
/// </summary>
public abstract partial class PairStoreContractTests
{
    [Test]
    public async Task AddPairsAsync_WithRater_GetAndStreamReadTheRaterBackAndNullWhenUnattributed()
    {
        await Store.AddPairsAsync([Rated("Rated A", "Rated B", "p_rated", Rater(1)), Rated("Plain A", "Plain B", "p_unattributed", null)]);

        var rated = await Store.GetPairAsync("p_rated");
        var unattributed = await Store.GetPairAsync("p_unattributed");
        var streamed = await ToListAsync(Store.StreamPairsAsync());

        Assert.That((rated!.Rater, unattributed!.Rater), Is.EqualTo((Rater(1), (string?)null)));
        Assert.That(streamed.Select(p => (p.Id, p.Rater)), Is.EqualTo(new[] { ("p_rated", Rater(1)), ("p_unattributed", (string?)null) }));
    }

    [Test]
    public async Task AddPairsAsync_SameJudgementWithoutIdByTwoRaters_StoresOneEachAndARetryOnce()
    {
        var inserted = await Store.AddPairsAsync([Rated("Old", "New", null, Rater(1)), Rated("Old", "New", null, Rater(2))]);
        var retried = await Store.AddPairsAsync([Rated("Old", "New", null, Rater(1))]);
        var pairs = await ToListAsync(Store.StreamPairsAsync());

        Assert.That((inserted, retried), Is.EqualTo((2, 0)));
        Assert.That(pairs.Select(p => p.Rater), Is.EqualTo(new[] { Rater(1), Rater(2) }));
    }

    [TestCase("r_00000000000000000000000000000002")]
    [TestCase(null)]
    public async Task AddPairsAsync_RetryOfAnIdWithAnotherRater_ThrowsAndStoresNothingOfTheCall(string? otherRater)
    {
        await Store.AddPairsAsync([Rated("Old", "New", "p_retry", Rater(1))]);

        var e = Assert.ThrowsAsync<PairStoreException>(() => Store.AddPairsAsync([Rated("Fresh A", "Fresh B", "p_fresh", Rater(3)), Rated("Old", "New", "p_retry", otherRater)]));

        Assert.That(e!.Message, Does.Contain("p_retry").And.Contain("of this call was stored"));
        Assert.That((await Store.CountPairsAsync()).Total, Is.EqualTo(1));
        Assert.That(await Store.CountItemsAsync(), Is.EqualTo(2));
        Assert.That(await Store.GetPairAsync("p_fresh"), Is.Null);
        Assert.That((await Store.GetPairAsync("p_retry"))!.Rater, Is.EqualTo(Rater(1)));
    }

    [Test]
    public async Task AddPairsAsync_RetryOfAnIdWithTheSameRater_StoresNothingNew()
    {
        await Store.AddPairsAsync([Rated("Old", "New", "p_retry", Rater(1))]);

        var again = await Store.AddPairsAsync([Rated("Old", "New", "p_retry", Rater(1))]);

        Assert.That(again, Is.Zero);
        Assert.That((await Store.CountPairsAsync()).Total, Is.EqualTo(1));
    }

    [TestCase("alice@example.com")]
    [TestCase("r_0123456789ABCDEF0123456789ABCDEF")]
    [TestCase("r_0123456789abcdef0123456789abcde")]
    public async Task AddPairsAsync_RaterNotAPseudonym_ThrowsWithoutRepeatingItAndStoresNothing(string rater)
    {
        var e = Assert.ThrowsAsync<ArgumentException>(() => Store.AddPairsAsync([Rated("Fine A", "Fine B", null, Rater(1)), Rated("Bad A", "Bad B", null, rater)]));

        Assert.That(e!.Message, Does.Contain("Pair 1 of the batch").And.Contain("pseudonym"));
        Assert.That(e.Message, Does.Not.Contain(rater));
        Assert.That((await Store.CountPairsAsync()).Total, Is.Zero);
        Assert.That(await Store.CountItemsAsync(), Is.Zero);
    }

    [Test]
    public async Task AddPairsAsync_BootstrapPairWithRater_Throws()
    {
        var bootstrap = new NewPair("linkedin", "headline", "Generated A", "Generated B", PairSide.A, PairSources.Bootstrap) { Rater = Rater(1) };

        var e = Assert.ThrowsAsync<ArgumentException>(() => Store.AddPairsAsync([bootstrap]));

        Assert.That(e!.Message, Does.Contain("bootstrap"));
        Assert.That((await Store.CountPairsAsync()).Total, Is.Zero);
    }

    [Test]
    public async Task StreamPairsAsync_ReadAsATrainingSource_GivesTheInfluenceReportOfTheVotesAsRecorded()
    {
        // The training source reads the store through PairStoreDatasetReader and hands each pair, with its rater, to the
        // influence limits; every store must hand over the same votes in the order they were recorded.
        var votes = InfluenceVotes();
        await Store.AddPairsAsync(votes.Take(20).ToList());
        await Store.AddPairsAsync(votes.Skip(20).ToList());
        var limits = new InfluenceLimitOptions { MaxRaterShare = 0.1 };

        var sink = new VoteSink();
        using (var writer = new CompactDatasetWriter(Stream.Null, ZeroFeatures.Instance.Layout.Width))
        {
            await new PairStoreDatasetReader(Store, ZeroFeatures.Instance, pairBatchSize: 7, embeddingBatchSize: 5).ReadAsync(new PairFilter(), long.MaxValue, writer, sink, progress: null, CancellationToken.None);
        }

        var read = InfluenceLimiter.Apply(sink.Votes, limits, SourceWeight);
        var items = votes.SelectMany(p => new[] { ItemId(p.TextA), ItemId(p.TextB) }).Distinct().ToList();
        var recorded = InfluenceLimiter.Apply(
            [.. votes.Select(p => new PairVote(items.IndexOf(ItemId(p.TextA)), items.IndexOf(ItemId(p.TextB)), p.Better == PairSide.A ? 1 : -1, p.Source, p.Rater))], limits, SourceWeight);
        Assert.Multiple(() =>
        {
            Assert.That(Json(read.Report), Is.EqualTo(Json(recorded.Report)));
            Assert.That(read.Pairs.Select(p => (sink.ItemIds[p.ItemA], sink.ItemIds[p.ItemB], p.Label, p.Source, p.Weight)),
                Is.EqualTo(recorded.Pairs.Select(p => (items[p.ItemA], items[p.ItemB], p.Label, p.Source, p.Weight))));
            Assert.That(sink.Votes.Count(v => v.Rater is null && v.Source != PairSources.Bootstrap), Is.EqualTo(3));
        });
        Assert.Multiple(() =>
        {
            // Every rule of the limits is exercised, so an equal report means equal votes.
            var report = read.Report;
            Assert.That(report.CappedRaters, Is.EqualTo(1));
            Assert.That((report.VotesSuperseded, report.PairsMerged, report.VotesMerged, report.VotesOutvoted, report.PairsTied), Is.EqualTo((3, 3, 2, 1, 1)));
            Assert.That((report.UnattributedVotes, report.Raters, report.PairsKept), Is.EqualTo((3, 16, votes.Count - 8)));
        });
    }

    private static string Rater(int n) => "r_" + n.ToString("x32", CultureInfo.InvariantCulture);

    private static NewPair Rated(string a, string b, string? id, string? rater) =>
        new("linkedin", "headline", a, b, PairSide.A, PairSources.UserChoice) { Id = id, Rater = rater };

    private static string ItemId(string text) => TestIds.ForItem("linkedin", "headline", text);

    private static double SourceWeight(string source) => source switch
    {
        PairSources.UserChoice or PairSources.Manual => 10,
        PairSources.BeforeAfter => 5,
        _ => 1,
    };

    private static string Json(InfluenceReport report)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            report.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Votes, in the order recorded, that exercise every rule of the influence limits.</summary>
    private static List<NewPair> InfluenceVotes()
    {
        var votes = new List<NewPair>();
        void Add(int a, int b, PairSide better, string source, string? rater) => votes.Add(new NewPair(
            "linkedin", "headline", $"Headline {a}", $"Headline {b}", better, source) { Id = $"p_{votes.Count:D3}", Rater = rater });

        // A heavy rater (capped), a rater changing their mind (superseded), raters agreeing (merged), two outvoting a
        // third, two of equal weight disagreeing (tied), unattributed choices (one rater; a repeat superseded), raters
        // with one choice each, and bootstrap pairs (uncapped; a repeat superseded).
        for (var k = 0; k < 30; k++)
        {
            Add(100 + k, 101 + k, PairSide.A, PairSources.UserChoice, Rater(0));
        }

        Add(0, 1, PairSide.A, PairSources.UserChoice, Rater(1));
        Add(2, 3, PairSide.A, PairSources.UserChoice, Rater(2));
        Add(3, 2, PairSide.B, PairSources.Manual, Rater(3));
        Add(4, 5, PairSide.A, PairSources.UserChoice, Rater(4));
        Add(4, 5, PairSide.A, PairSources.UserChoice, Rater(5));
        Add(4, 5, PairSide.B, PairSources.UserChoice, Rater(6));
        Add(6, 7, PairSide.A, PairSources.Manual, Rater(7));
        Add(6, 7, PairSide.B, PairSources.UserChoice, Rater(8));
        Add(0, 1, PairSide.B, PairSources.UserChoice, Rater(1));
        Add(8, 9, PairSide.A, PairSources.UserChoice, null);
        Add(10, 11, PairSide.B, PairSources.BeforeAfter, null);
        Add(9, 8, PairSide.B, PairSources.UserChoice, null);
        for (var k = 0; k < 6; k++)
        {
            Add(20 + (2 * k), 21 + (2 * k), k % 2 == 0 ? PairSide.A : PairSide.B, k % 3 == 0 ? PairSources.BeforeAfter : PairSources.UserChoice, Rater(10 + k));
            Add(40 + (2 * k), 41 + (2 * k), PairSide.B, PairSources.Bootstrap, null);
        }

        Add(40, 41, PairSide.A, PairSources.Bootstrap, null);
        return votes;
    }

    /// <summary>Collects what the reader hands a training source: item ids by index, and each pair as a vote.</summary>
    private sealed class VoteSink : IPairDatasetSink
    {
        public List<string> ItemIds { get; } = [];

        public List<PairVote> Votes { get; } = [];

        public void Reserve(int items, int pairs)
        {
        }

        public int AddItem(in DatasetPosition at, string field, string id, ReadOnlySpan<float> features)
        {
            ItemIds.Add(id);
            return ItemIds.Count - 1;
        }

        public void AddPair(in DatasetPosition at, string pairId, int a, int b, int label, string source, string? rater, IReadOnlyList<string> tags) =>
            Votes.Add(new PairVote(a, b, label, source, rater));
    }

    /// <summary>Features of no interest here: the limits look at votes only.</summary>
    private sealed class ZeroFeatures : IFeatureBuilder
    {
        public static ZeroFeatures Instance { get; } = new();

        public FeatureLayout Layout { get; } = new("test:zero", 2, MetricNames.All);

        public ContentMetrics GetMetrics(ContentItem item) => default;

        public ValueTask WriteFeaturesAsync(IReadOnlyList<ContentItem> items, Memory<float> destination, Memory<ContentMetrics> metrics, CancellationToken cancellationToken = default)
        {
            destination.Span[..(items.Count * Layout.Width)].Clear();
            return ValueTask.CompletedTask;
        }
    }
}
