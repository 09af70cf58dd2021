using System.Globalization;
using Ancso.Ml.Content;
using Ancso.Ml.Features;
using Ancso.Ml.Metrics;
using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Pairs.Storage;
using Ancso.Ml.Learning.Dataset;
using Ancso.Ml.Learning.Export;
using Ancso.Ml.Learning.Influence;
using Ancso.Ml.Sqlite;
using Ancso.Ml.Training.Data;
using Microsoft.Data.Sqlite;

namespace Ancso.Ml.Training.Tests.Data;

/// <summary>
/// The influence limits live in one place every training source goes through: the same votes read from
/// <c>dataset.jsonl</c>, from <c>dataset.bin</c>, from the pair store and from pairs in memory give the same report and
/// the same pair weights, and those are what <see cref="InfluenceLimiter"/> gives for the votes themselves.
/// </summary>
public class InfluenceAcrossSourcesTests
{
    private const int Dimension = 8;

    private static readonly InfluenceLimitOptions Limits = new() { MaxRaterShare = 0.1 };

    [Test]
    public async Task LoadAsync_SameVotesFromEverySource_SameInfluenceReportAndWeights()
    {
        using var folder = new TempFolder();
        var votes = Votes();
        var features = new TextFeatureBuilder(TestDatasets.Layout(Dimension));
        var loaded = new Dictionary<string, PairSet>(StringComparer.Ordinal);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 9, 15, 0, TimeSpan.Zero));
        using (var store = new SqlitePairStore(new SqlitePairStoreOptions { DatabasePath = folder.Combine("pairs.db") }, clock))
        {
            Assert.That(await store.AddPairsAsync([.. votes.Select(v => v.Pair)]), Is.EqualTo(votes.Count));
            var exporter = new PairDatasetExporter(store, features, Microsoft.Extensions.Options.Options.Create(new DatasetExportOptions { ExportBatchSize = 7, EmbeddingBatchSize = 5 }), clock);
            await exporter.ExportAsync(new PairDatasetExportRequest { OutputDirectory = folder.Combine("jsonl"), Format = PairDatasetFormat.Jsonl });
            await exporter.ExportAsync(new PairDatasetExportRequest { OutputDirectory = folder.Combine("compact"), Format = PairDatasetFormat.Compact });

            loaded["jsonl"] = await LoadAsync(o => o.DatasetPath = folder.Combine("jsonl/dataset.jsonl"));
            loaded["compact"] = await LoadAsync(o => o.DatasetPath = folder.Combine("compact/dataset.bin"));
            loaded["store"] = await LoadAsync(o => o.Source = RankerTrainingSource.FromPairStore(store, features));
        }

        SqliteConnection.ClearAllPools();
        loaded["pairs"] = await LoadAsync(o =>
        {
            o.Pairs = [.. votes.Select(v => v.ToTrainingPair(features))];
            o.Layout = features.Layout;
        });

        // What the limiter gives for the votes as recorded, in the order recorded.
        var itemIds = votes.SelectMany(v => new[] { v.ItemA, v.ItemB }).Distinct().ToList();
        var expected = InfluenceLimiter.Apply(
            [.. votes.Select(v => new PairVote(itemIds.IndexOf(v.ItemA), itemIds.IndexOf(v.ItemB), v.Pair.Better == PairSide.A ? 1 : -1, v.Pair.Source, v.Pair.Rater))],
            Limits, new RankerTrainingOptions().SourceWeightOf);
        var report = expected.Report;
        Assert.Multiple(() =>
        {
            // Every rule is exercised, so an equal report means equal handling.
            Assert.That(report.CappedRaters, Is.GreaterThan(0));
            Assert.That(report.VotesSuperseded, Is.EqualTo(3), "a rater changing their mind, an unattributed repeat, a bootstrap repeat");
            Assert.That((report.PairsMerged, report.VotesMerged, report.VotesOutvoted), Is.EqualTo((3, 2, 1)), "agreed, outvoted and tied pairs of items");
            Assert.That((report.PairsTied, report.VotesTied), Is.EqualTo((1, 2)));
            Assert.That(report.UnattributedVotes, Is.EqualTo(3));
        });

        foreach (var (name, set) in loaded)
        {
            Assert.That(Properties(set.Influence), Is.EqualTo(Properties(report)), $"{name}: the report");
            Assert.That(set.Weights, Is.EqualTo(expected.Pairs.Select(p => (float)p.Weight)), $"{name}: the weights");
            Assert.That(Verdicts(set), Is.EqualTo(expected.Pairs.Select(p => (itemIds[p.ItemA], itemIds[p.ItemB], (float)p.Label, p.Source))), $"{name}: the pairs kept");
            Assert.That((set.PairsRead, set.DuplicatesDropped, set.ContradictionsDropped), Is.EqualTo((votes.Count, 5, 3)), name);
        }
    }

    private static async Task<PairSet> LoadAsync(Action<RankerTrainingOptions> configure)
    {
        var options = new RankerTrainingOptions { InfluenceLimits = Limits };
        configure(options);
        return (await TrainingData.LoadAsync(options, CancellationToken.None)).Set;
    }

    private static IEnumerable<(string, string, float, string)> Verdicts(PairSet set) =>
        Enumerable.Range(0, set.PairCount).Select(p => (set.ItemIds[set.A[p]], set.ItemIds[set.B[p]], set.Labels[p], set.Sources[p]));

    private static Dictionary<string, object?> Properties(InfluenceReport report) =>
        typeof(InfluenceReport).GetProperties().ToDictionary(p => p.Name, p => p.GetValue(report));

    /// <summary>Votes, in the order recorded, that exercise every rule of the limits.</summary>
    private static List<Vote> Votes()
    {
        var votes = new List<Vote>();
        void Add(int a, int b, PairSide better, string source, string? rater) =>
            votes.Add(new Vote(new NewPair("linkedin", "headline", Text(a), Text(b), better, source) { Id = $"p_{votes.Count:D3}", Rater = rater }));

        // A heavy rater, capped: 30 choices on a chain of items.
        for (var k = 0; k < 30; k++)
        {
            Add(100 + k, 101 + k, PairSide.A, PairSources.UserChoice, TestDatasets.Rater(0));
        }

        // Rater 1 changes their mind: the later vote stands (superseded).
        Add(0, 1, PairSide.A, PairSources.UserChoice, TestDatasets.Rater(1));
        // Raters 2 and 3 agree on the same items, one of them with the sides swapped (merged).
        Add(2, 3, PairSide.A, PairSources.UserChoice, TestDatasets.Rater(2));
        Add(3, 2, PairSide.B, PairSources.Manual, TestDatasets.Rater(3));
        // Raters 4 and 5 outvote rater 6 (merged, outvoted).
        Add(4, 5, PairSide.A, PairSources.UserChoice, TestDatasets.Rater(4));
        Add(4, 5, PairSide.A, PairSources.UserChoice, TestDatasets.Rater(5));
        Add(4, 5, PairSide.B, PairSources.UserChoice, TestDatasets.Rater(6));
        // Raters 7 and 8 disagree with equal weight (tied: both dropped).
        Add(6, 7, PairSide.A, PairSources.Manual, TestDatasets.Rater(7));
        Add(6, 7, PairSide.B, PairSources.UserChoice, TestDatasets.Rater(8));
        Add(0, 1, PairSide.B, PairSources.UserChoice, TestDatasets.Rater(1));
        // Unattributed choices are one rater: a repeat of theirs is superseded.
        Add(8, 9, PairSide.A, PairSources.UserChoice, null);
        Add(10, 11, PairSide.B, PairSources.BeforeAfter, null);
        Add(9, 8, PairSide.B, PairSources.UserChoice, null);
        // Raters with one choice each, and bootstrap pairs (uncapped; a repeat is superseded).
        for (var k = 0; k < 6; k++)
        {
            Add(20 + (2 * k), 21 + (2 * k), k % 2 == 0 ? PairSide.A : PairSide.B, k % 3 == 0 ? PairSources.BeforeAfter : PairSources.UserChoice, TestDatasets.Rater(10 + k));
            Add(40 + (2 * k), 41 + (2 * k), PairSide.B, PairSources.Bootstrap, null);
        }

        Add(40, 41, PairSide.A, PairSources.Bootstrap, null);
        return votes;
    }

    private static string Text(int n) => string.Create(CultureInfo.InvariantCulture, $"Headline {n}");

    private sealed record Vote(NewPair Pair)
    {
        public string ItemA => PairIds.ForItem(Pair.Platform, Pair.Section, Pair.TextA);

        public string ItemB => PairIds.ForItem(Pair.Platform, Pair.Section, Pair.TextB);

        public TrainingPair ToTrainingPair(TextFeatureBuilder features) =>
            new(Pair.Id!, ItemA, ItemB, Pair.Better == PairSide.A ? 1 : -1, Pair.Source, features.Of(Pair.TextA), features.Of(Pair.TextB)) { Rater = Pair.Rater };
    }

    /// <summary>A feature builder whose vectors follow from the text alone (seeded by the number in it), as a real one's would.</summary>
    private sealed class TextFeatureBuilder(FeatureLayout layout) : IFeatureBuilder
    {
        public FeatureLayout Layout { get; } = layout;

        public ContentMetrics GetMetrics(ContentItem item) => default;

        public float[] Of(string text)
        {
            var random = new Random(int.Parse(text.AsSpan(text.LastIndexOf(' ') + 1), CultureInfo.InvariantCulture));
            return [.. Enumerable.Range(0, Layout.Width).Select(_ => (float)random.NextDouble())];
        }

        public ValueTask WriteFeaturesAsync(IReadOnlyList<ContentItem> items, Memory<float> destination, Memory<ContentMetrics> metrics, CancellationToken cancellationToken = default)
        {
            for (var i = 0; i < items.Count; i++)
            {
                Of(items[i].Text).CopyTo(destination.Span.Slice(i * Layout.Width, Layout.Width));
            }

            return ValueTask.CompletedTask;
        }
    }
}
