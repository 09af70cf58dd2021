using Ancso.Ml.Content;
using Ancso.Ml.Inference;
using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Pairs.Storage;
using Ancso.Ml.Sqlite;
using Ancso.Ml.Pairs.Suggestions;

namespace Ancso.Ml.Tests.Pairs.Suggestions;

public class PairSuggesterTests
{
    private PairTestDirectory _directory = null!;
    private SqlitePairStore _store = null!;
    private TrainingSignalRecorder _recorder = null!;
    private Dictionary<string, float> _scores = null!;

    [SetUp]
    public void SetUp()
    {
        _directory = new PairTestDirectory();
        var time = TestClock.Create();
        _store = new SqlitePairStore(new SqlitePairStoreOptions { DatabasePath = _directory.File("pairs.db") }, time);
        _recorder = new TrainingSignalRecorder(_store, time);
        _scores = new Dictionary<string, float>(StringComparer.Ordinal);
    }

    [TearDown]
    public void TearDown()
    {
        _store.Dispose();
        _directory.Dispose();
    }

    [Test]
    public async Task SuggestAsync_ScoredItems_LeastCertainFirstEachItemOnceNoLabelledPair()
    {
        // Labelled: (alpha, bravo) and (charlie, delta). Closest scores: alpha 1.00 / charlie 1.05, then bravo 3.0 / delta 3.3.
        await Record("headline", "alpha platform engineer", 1.00f, "bravo mobile developer", 3.0f);
        await Record("headline", "charlie data analyst", 1.05f, "delta security lead", 3.3f);

        var suggestions = await Suggester().SuggestAsync(new PairSuggestionRequest { Count = 5, Platform = "linkedin", Section = "headline" });

        Assert.That(suggestions.Select(s => Names(s)), Is.EqualTo(new[] { "alpha|charlie", "bravo|delta" }));
        Assert.That(suggestions[0].Confidence, Is.LessThan(suggestions[1].Confidence));
        Assert.That(suggestions.All(s => s.Provenance.Kind == ProvenanceKind.Model));
    }

    [Test]
    public async Task SuggestAsync_NearDuplicateTexts_AreNotSuggested()
    {
        await Record("headline", "echo platform engineer at a bank", 1.00f, "foxtrot unrelated words entirely", 5.0f);
        await Record("headline", "echo platform engineer at a bank!", 1.01f, "golf another different text here", 9.0f);

        var suggestions = await Suggester().SuggestAsync(new PairSuggestionRequest { Count = 5, Section = "headline" });

        Assert.That(suggestions.Select(Names), Does.Not.Contain("echo platform engineer at a bank|echo platform engineer at a bank!"));
        Assert.That(suggestions, Is.Not.Empty);
    }

    [Test]
    public async Task SuggestAsync_NoSectionFilter_SectionsTakeTurns()
    {
        await Record("headline", "h1 text one", 1.0f, "h2 text two", 1.1f);
        await Record("headline", "h3 text three", 1.2f, "h4 text four", 1.3f);
        await Record("about", "a1 text one", 5.0f, "a2 text two", 9.0f);
        await Record("about", "a3 text three", 13.0f, "a4 text four", 17.0f);

        var suggestions = await Suggester().SuggestAsync(new PairSuggestionRequest { Count = 2, Platform = "linkedin" });

        Assert.That(suggestions.Select(s => s.ItemA.Section).Order(), Is.EqualTo(new[] { "about", "headline" }));
    }

    [Test]
    public async Task SuggestAsync_EveryPairLabelled_SuggestsNothing()
    {
        await Record("headline", "only one", 1.0f, "only two", 2.0f);
        Assert.That(await Suggester().SuggestAsync(new PairSuggestionRequest { Section = "headline" }), Is.Empty);
    }

    [TestCase(0, null, null)]
    [TestCase(1001, null, null)]
    [TestCase(5, "myspace", null)]
    [TestCase(5, "github", "headline")]
    public void SuggestAsync_BadRequest_ThrowsArgumentException(int count, string? platform, string? section)
    {
        Assert.That(() => Suggester().SuggestAsync(new PairSuggestionRequest { Count = count, Platform = platform, Section = section }),
            Throws.InstanceOf<ArgumentException>());
    }

    private PairSuggester Suggester() => new(_store, new ScoresByText(_scores));

    private async Task Record(string section, string a, float aScore, string b, float bScore)
    {
        _scores[a] = aScore;
        _scores[b] = bScore;
        await _recorder.RecordUserChoiceAsync(new UserChoice("linkedin", section, a, b, PairSide.A));
    }

    private static string Names(PairSuggestion s) =>
        string.Join("|", new[] { s.ItemA.Text, s.ItemB.Text }.Select(t => t.Split(' ')[0] == "echo" ? t : t.Split(' ')[0]).Order(StringComparer.Ordinal));

    /// <summary>An inference service whose score of a text is looked up, as a trained model's would be computed.</summary>
    private sealed class ScoresByText(Dictionary<string, float> scores) : IRankerInferenceService
    {
        private static readonly ScoreProvenance Provenance = ScoreProvenance.FromModel("test");

        public Task InitializeAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public ValueTask<ItemScore> ScoreItemAsync(ContentItem item, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(new ItemScore(item.Id, scores[item.Text], default, Provenance));

        public ValueTask<ComparisonResult> CompareAsync(ContentItem a, ContentItem b, CancellationToken cancellationToken = default)
        {
            var (sa, sb) = (scores[a.Text], scores[b.Text]);
            var confidence = 1 / (1 + Math.Exp(-Math.Abs(sa - sb)));
            return ValueTask.FromResult(new ComparisonResult(sa, sb, sa >= sb ? Preference.A : Preference.B, confidence, Provenance));
        }

        public ValueTask<RankingResult> RankAsync(IReadOnlyList<ContentItem> items, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(new RankingResult([.. items.OrderByDescending(i => scores[i.Text]).Select((i, k) => new RankedItem(k + 1, i, scores[i.Text]))], Provenance));

        public ValueTask<RankerStatus> GetStatusAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
