using Ancso.Ml.Metrics;
using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Pairs.Storage;
using Ancso.Ml.Sqlite;

namespace Ancso.Ml.Tests.Pairs;

public class TrainingSignalRecorderTests : RecorderOverSqlite
{
    [TestCase(PairSide.A, 1)]
    [TestCase(PairSide.B, -1)]
    public async Task RecordUserChoiceAsync_Choice_StoresUserChoicePairWithChosenSideBetter(PairSide chosen, int label)
    {
        var metrics = new ContentMetrics(0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f);
        var choice = new UserChoice("linkedin", "headline", "Engineer", "Staff engineer, payments platform", chosen)
        {
            ReasonTags = ["specificity"],
            Note = "variant test 12",
            MetricsA = metrics,
        };

        var recorded = await Recorder.RecordUserChoiceAsync(choice);
        var stored = await Store.GetPairAsync(recorded.PairId);

        Assert.Multiple(() =>
        {
            Assert.That(recorded.IsNew, Is.True);
            Assert.That(recorded.Label, Is.EqualTo(label));
            Assert.That(recorded.PairId, Does.Match("^p_[0-9a-f]{32}$"));
            Assert.That(stored!.Source, Is.EqualTo(PairSources.UserChoice));
            Assert.That(stored.Label, Is.EqualTo(label));
            Assert.That(stored.Tags, Is.EqualTo(new[] { "specificity" }));
            Assert.That(stored.Note, Is.EqualTo("variant test 12"));
            Assert.That(stored.ItemA.Id, Is.EqualTo(recorded.ItemAId));
            Assert.That(stored.ItemA.Metrics, Is.EqualTo(metrics));
            Assert.That(stored.ItemB.Text, Is.EqualTo("Staff engineer, payments platform"));
        });
    }

    [Test]
    public async Task RecordUserChoiceAsync_TwoUsersSameChoice_StoresTwoSignals()
    {
        var choice = new UserChoice("github", "bio", "Dev", "Go developer, maintainer of a CLI toolkit", PairSide.B);

        var first = await Recorder.RecordUserChoiceAsync(choice);
        Time.Advance(TimeSpan.FromSeconds(1));
        var second = await Recorder.RecordUserChoiceAsync(choice);

        Assert.That(second.PairId, Is.Not.EqualTo(first.PairId));
        Assert.That((await Store.CountPairsAsync()).Total, Is.EqualTo(2));
        Assert.That(await Store.CountItemsAsync(), Is.EqualTo(2));
    }

    [Test]
    public async Task RecordUserChoiceAsync_RetriedWithCallerId_StoresOnce()
    {
        var choice = new UserChoice("github", "bio", "Dev", "Rust developer", PairSide.B) { PairId = "cmp-8841" };

        var first = await Recorder.RecordUserChoiceAsync(choice);
        var retry = await Recorder.RecordUserChoiceAsync(choice);

        Assert.That((first.IsNew, retry.IsNew), Is.EqualTo((true, false)));
        Assert.That(retry.PairId, Is.EqualTo("cmp-8841"));
        Assert.That((await Store.CountPairsAsync()).Total, Is.EqualTo(1));
    }

    [Test]
    public async Task RecordUserChoiceAsync_IdenticalVariants_ThrowsAndStoresNothing()
    {
        var choice = new UserChoice("github", "bio", "Dev", "Dev", PairSide.A);

        var e = Assert.ThrowsAsync<ArgumentException>(() => Recorder.RecordUserChoiceAsync(choice));

        Assert.That(e!.Message, Does.Contain("both sides"));
        Assert.That(await Store.CountItemsAsync(), Is.Zero);
    }

    [Test]
    public async Task RecordEditAsync_Improved_LabelsTheEditedTextBetter()
    {
        var edit = new ContentEdit("github", "bio", "", "Backend developer building observability tools in Go", EditOutcome.Improved)
        {
            Tags = ["added_content"],
            PairId = "opt-17",
        };

        var recorded = await Recorder.RecordEditAsync(edit);
        var stored = await Store.GetPairAsync("opt-17");

        Assert.That(recorded.Better, Is.EqualTo(PairSide.B));
        Assert.That(stored!.Source, Is.EqualTo(PairSources.BeforeAfter));
        Assert.That(stored.Label, Is.EqualTo(-1));
        Assert.That(stored.ItemA.Text, Is.Empty);
        Assert.That(stored.ItemB.Text, Does.StartWith("Backend developer"));
    }

    [Test]
    public async Task RecordEditAsync_Worsened_LabelsTheOriginalBetter()
    {
        var edit = new ContentEdit("linkedin", "about", "I build payment systems used by 2M merchants.", "Passionate synergy-driven ninja.", EditOutcome.Worsened)
        {
            Tags = ["buzzwords"],
        };

        var recorded = await Recorder.RecordEditAsync(edit);
        var stored = await Store.GetPairAsync(recorded.PairId);

        Assert.That(stored!.Label, Is.EqualTo(1));
        Assert.That(stored.ItemA.Text, Does.StartWith("I build payment"));
        Assert.That(stored.Tags, Is.EqualTo(new[] { "buzzwords" }));
    }

    [TestCase(PairSide.A, 1)]
    [TestCase(PairSide.B, -1)]
    public async Task RecordManualLabelAsync_KnownItems_StoresManualPair(PairSide better, int label)
    {
        var (a, b) = await SeedTwoItemsAsync();

        var recorded = await Recorder.RecordManualLabelAsync(new ManualLabel(a, b, better) { Tags = ["clarity", "impact"] });
        var stored = await Store.GetPairAsync(recorded.PairId);

        Assert.That(stored!.Source, Is.EqualTo(PairSources.Manual));
        Assert.That(stored.Label, Is.EqualTo(label));
        Assert.That((stored.ItemA.Id, stored.ItemB.Id), Is.EqualTo((a, b)));
        Assert.That(stored.Tags, Is.EqualTo(new[] { "clarity", "impact" }));
        Assert.That(await Store.CountItemsAsync(), Is.EqualTo(2));
    }

    [Test]
    public async Task RecordManualLabelAsync_SameVerdictTwice_StoresOnce()
    {
        var (a, b) = await SeedTwoItemsAsync();

        var first = await Recorder.RecordManualLabelAsync(new ManualLabel(a, b, PairSide.A));
        var second = await Recorder.RecordManualLabelAsync(new ManualLabel(a, b, PairSide.A));

        Assert.That(second.PairId, Is.EqualTo(first.PairId));
        Assert.That(second.IsNew, Is.False);
        Assert.That((await Store.CountPairsAsync(new PairFilter { Source = PairSources.Manual })).Total, Is.EqualTo(1));
    }

    [Test]
    public async Task RecordManualLabelAsync_UnknownItem_ThrowsNamingItAndStoresNothing()
    {
        var (a, _) = await SeedTwoItemsAsync();

        var e = Assert.ThrowsAsync<ArgumentException>(() => Recorder.RecordManualLabelAsync(new ManualLabel(a, "i_deadbeefdeadbeef", PairSide.A)));

        Assert.That(e!.Message, Does.Contain("i_deadbeefdeadbeef").And.Contain("not in the pair store"));
        Assert.That((await Store.CountPairsAsync()).Total, Is.EqualTo(1));
    }

    [Test]
    public async Task RecordManualLabelAsync_SameItemBothSides_ThrowsAndStoresNothing()
    {
        var (a, _) = await SeedTwoItemsAsync();

        var e = Assert.ThrowsAsync<ArgumentException>(() => Recorder.RecordManualLabelAsync(new ManualLabel(a, a, PairSide.B)));

        Assert.That(e!.Message, Does.Contain(a).And.Contain("both sides"));
        Assert.That((await Store.CountPairsAsync()).Total, Is.EqualTo(1));
    }

    [Test]
    public async Task RecordManualLabelAsync_EmptyTag_ThrowsNamingItAndStoresNothing()
    {
        var (a, b) = await SeedTwoItemsAsync();

        var e = Assert.ThrowsAsync<ArgumentException>(() => Recorder.RecordManualLabelAsync(new ManualLabel(a, b, PairSide.A) { Tags = ["clarity", ""] }));

        Assert.That(e!.Message, Does.Contain("empty tag at position 1").And.Contain("'clarity'"));
        Assert.That((await Store.CountPairsAsync()).Total, Is.EqualTo(1));
    }

    [Test]
    public async Task RecordManualLabelAsync_ItemsOfDifferentSections_ThrowsNamingBoth()
    {
        var (a, _) = await SeedTwoItemsAsync();
        var other = await Recorder.AddPairAsync(new NewPair("linkedin", "about", "About one", "About two", PairSide.A, PairSources.Bootstrap));

        var e = Assert.ThrowsAsync<ArgumentException>(() => Recorder.RecordManualLabelAsync(new ManualLabel(a, other.ItemAId, PairSide.A)));

        Assert.That(e!.Message, Does.Contain("linkedin/headline").And.Contain("linkedin/about"));
        Assert.That((await Store.CountPairsAsync()).Total, Is.EqualTo(2));
    }

    [Test]
    public async Task AddPairAsync_BootstrapPair_ReturnsIdsOfStoredItems()
    {
        var recorded = await Recorder.AddPairAsync(new NewPair("github", "repo_description", "A tool", "CLI that diffs OpenAPI specs", PairSide.B, PairSources.Bootstrap)
        {
            Tags = ["vague"],
        });

        var stored = await Store.GetPairAsync(recorded.PairId);
        Assert.That(recorded.ItemAId, Is.EqualTo(PairIds.ForItem("github", "repo_description", "A tool")));
        Assert.That(stored!.ItemB.Id, Is.EqualTo(recorded.ItemBId));
        Assert.That(stored.Source, Is.EqualTo(PairSources.Bootstrap));
    }

    [Test]
    public async Task AddPairsAsync_RerunOfTheSameBatch_StoresNothingNew()
    {
        NewPair[] batch =
        [
            new("github", "bio", "x", "Go developer", PairSide.B, PairSources.Bootstrap) { Tags = ["too_short"] },
            new("github", "bio", "dev", "Go developer", PairSide.B, PairSources.Bootstrap) { Tags = ["too_short"] },
        ];

        var first = await Recorder.AddPairsAsync(batch);
        var rerun = await Recorder.AddPairsAsync(batch);

        Assert.That((first, rerun), Is.EqualTo((2, 0)));
        Assert.That(await Store.CountItemsAsync(), Is.EqualTo(3));
    }

    private async Task<(string A, string B)> SeedTwoItemsAsync()
    {
        var seeded = await Recorder.AddPairAsync(new NewPair("linkedin", "headline", "Engineer", "Engineer at Acme building search", PairSide.B, PairSources.Bootstrap));
        return (seeded.ItemAId, seeded.ItemBId);
    }
}
