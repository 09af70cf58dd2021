using System.Text;
using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Pairs.Storage;
using Ancso.Ml.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Ancso.Ml.Tests.Pairs.Signals;

/// <summary>The recorder over a real SQLite file: a person's id goes in, only its keyed pseudonym is stored.</summary>
public class RaterRecordingTests : RecorderOverSqlite
{
    private const string Alice = "alice.the.rater@example.com";
    private const string Bob = "bob-4711";

    private protected override TrainingSignalRecorder CreateRecorder(SqlitePairStore store, FakeTimeProvider time) => new(store, time, TestPseudonymizer.Create());

    [Test]
    public async Task RecordUserChoiceAsync_RaterId_StoresOnlyThePseudonym()
    {
        var recorded = await Recorder.RecordUserChoiceAsync(new UserChoice("linkedin", "headline", "Engineer", "Staff engineer, payments", PairSide.B) { RaterId = Alice });
        var stored = await Store.GetPairAsync(recorded.PairId);

        Assert.That(recorded.Rater, Is.EqualTo(TestRaterKeys.Expected(Alice)));
        Assert.That(stored!.Rater, Is.EqualTo(TestRaterKeys.Expected(Alice)));
    }

    [Test]
    public async Task RecordAsync_EveryKindWithRaterId_NeitherTheDatabaseNorItsWalHoldsTheId()
    {
        var seeded = await Recorder.AddPairAsync(new NewPair("github", "bio", "dev", "Maintainer of a diff tool", PairSide.B, PairSources.Bootstrap));
        await Recorder.RecordUserChoiceAsync(new UserChoice("linkedin", "headline", "Engineer", "Staff engineer, payments", PairSide.B) { RaterId = Alice });
        await Recorder.RecordEditAsync(new ContentEdit("linkedin", "about", "I like computers.", "I lead a team of six.", EditOutcome.Improved) { RaterId = Alice });
        await Recorder.RecordManualLabelAsync(new ManualLabel(seeded.ItemAId, seeded.ItemBId, PairSide.B) { RaterId = Alice });
        var pseudonym = TestRaterKeys.Expected(Alice);

        var whileOpen = ReadStoreFiles();
        Store.Dispose();
        SqliteConnection.ClearAllPools();
        var afterClose = ReadStoreFiles();

        Assert.Multiple(() =>
        {
            foreach (var (when, bytes) in new[] { ("while open", whileOpen), ("after close", afterClose) })
            {
                Assert.That(Contains(bytes, Encoding.UTF8.GetBytes(pseudonym)), Is.True, $"{when}: the scan sees the stored pseudonym");
                Assert.That(Contains(bytes, Encoding.UTF8.GetBytes(Alice)), Is.False, $"{when}: the id in UTF-8");
                Assert.That(Contains(bytes, Encoding.Unicode.GetBytes(Alice)), Is.False, $"{when}: the id in UTF-16");
                Assert.That(Contains(bytes, Encoding.UTF8.GetBytes("alice.the.rater")), Is.False, $"{when}: part of the id");
            }
        });

        Store = new SqlitePairStore(new SqlitePairStoreOptions { DatabasePath = Directory.File("pairs.db") }, Time);
        var raters = new List<string?>();
        await foreach (var pair in Store.StreamPairsAsync())
        {
            raters.Add(pair.Rater);
        }

        Assert.That(raters, Is.EqualTo(new[] { null, pseudonym, pseudonym, pseudonym }));
    }

    [Test]
    public async Task RecordAsync_NoRaterId_StoresAnUnattributedPair()
    {
        var choice = await Recorder.RecordUserChoiceAsync(new UserChoice("github", "bio", "dev", "Go developer", PairSide.B));
        var edit = await Recorder.RecordEditAsync(new ContentEdit("github", "bio", "dev", "Rust developer", EditOutcome.Worsened));

        Assert.That((choice.Rater, edit.Rater), Is.EqualTo(((string?)null, (string?)null)));
        Assert.That((await Store.GetPairAsync(choice.PairId))!.Rater, Is.Null);
        Assert.That((await Store.GetPairAsync(edit.PairId))!.Rater, Is.Null);
    }

    [Test]
    public async Task RecordEditAsync_RaterId_StoresThePseudonym()
    {
        var recorded = await Recorder.RecordEditAsync(new ContentEdit("github", "bio", "dev", "Rust developer", EditOutcome.Improved) { RaterId = Bob });

        Assert.That((await Store.GetPairAsync(recorded.PairId))!.Rater, Is.EqualTo(TestRaterKeys.Expected(Bob)));
    }

    [Test]
    public async Task RecordUserChoiceAsync_RaterIdWithoutPseudonymizer_ThrowsNamingTheSettingAndStoresNothing()
    {
        var recorder = new TrainingSignalRecorder(Store, Time);

        var e = Assert.ThrowsAsync<InvalidOperationException>(() => recorder.RecordUserChoiceAsync(
            new UserChoice("github", "bio", "dev", "Go developer", PairSide.B) { RaterId = Alice }));

        Assert.That(e!.Message, Does.Contain("Ranker:Signals:RaterKey").And.Not.Contain(Alice));
        Assert.That((await Store.CountPairsAsync()).Total, Is.Zero);
        Assert.That(await Store.CountItemsAsync(), Is.Zero);
    }

    [Test]
    public async Task RecordAsync_RaterIdWithoutKey_ThrowsNamingTheSettingAndStoresNothing()
    {
        var seeded = await Recorder.AddPairAsync(new NewPair("github", "bio", "dev", "Maintainer of a diff tool", PairSide.B, PairSources.Bootstrap));
        var recorder = new TrainingSignalRecorder(Store, Time, new HmacRaterPseudonymizer(Options.Create(new SignalOptions())));

        var choice = Assert.ThrowsAsync<InvalidOperationException>(() => recorder.RecordUserChoiceAsync(
            new UserChoice("github", "bio", "dev", "Go developer", PairSide.B) { RaterId = Alice }));
        var edit = Assert.ThrowsAsync<InvalidOperationException>(() => recorder.RecordEditAsync(
            new ContentEdit("github", "bio", "dev", "Go developer", EditOutcome.Improved) { RaterId = Alice }));
        var label = Assert.ThrowsAsync<InvalidOperationException>(() => recorder.RecordManualLabelAsync(
            new ManualLabel(seeded.ItemAId, seeded.ItemBId, PairSide.A) { RaterId = Alice }));

        Assert.Multiple(() =>
        {
            foreach (var e in new[] { choice, edit, label })
            {
                Assert.That(e!.Message, Does.Contain("Ranker:Signals:RaterKey").And.Not.Contain(Alice));
            }
        });
        Assert.That((await Store.CountPairsAsync()).Total, Is.EqualTo(1), "only the seeded pair");
        Assert.That(await Store.CountItemsAsync(), Is.EqualTo(2));
    }

    private static IEnumerable<string> BadRaterIds()
    {
        // Built at run time: a lone surrogate does not survive an attribute's UTF-8 encoding.
        yield return "";
        yield return "   ";
        yield return "alice\u0001example";
        yield return "alice\ud800example";
        yield return "alice\udc00example";
    }

    [TestCaseSource(nameof(BadRaterIds))]
    public async Task RecordUserChoiceAsync_BadRaterId_ThrowsArgumentExceptionWithoutTheIdAndStoresNothing(string raterId)
    {
        var e = Assert.ThrowsAsync<ArgumentException>(() => Recorder.RecordUserChoiceAsync(
            new UserChoice("github", "bio", "dev", "Go developer", PairSide.B) { RaterId = raterId }));

        Assert.That(e!.Message, Does.Contain("rater id").And.Not.Contain("alice"));
        Assert.That((await Store.CountPairsAsync()).Total, Is.Zero);
    }

    [Test]
    public async Task RecordManualLabelAsync_RaterIdTooLong_ThrowsWithoutTheIdAndStoresNothing()
    {
        var seeded = await Recorder.AddPairAsync(new NewPair("github", "bio", "dev", "Maintainer of a diff tool", PairSide.B, PairSources.Bootstrap));
        var id = Alice + new string('z', 300);

        var e = Assert.ThrowsAsync<ArgumentException>(() => Recorder.RecordManualLabelAsync(new ManualLabel(seeded.ItemAId, seeded.ItemBId, PairSide.A) { RaterId = id }));

        Assert.That(e!.Message, Does.Not.Contain(Alice));
        Assert.That((await Store.CountPairsAsync()).Total, Is.EqualTo(1));
    }

    [Test]
    public async Task RecordManualLabelAsync_TwoRatersSameVerdict_StoresTwoPairs()
    {
        var (a, b) = await SeedTwoItemsAsync();

        var alice = await Recorder.RecordManualLabelAsync(new ManualLabel(a, b, PairSide.A) { RaterId = Alice });
        var bob = await Recorder.RecordManualLabelAsync(new ManualLabel(a, b, PairSide.A) { RaterId = Bob });

        Assert.That(bob.PairId, Is.Not.EqualTo(alice.PairId));
        Assert.That((alice.IsNew, bob.IsNew), Is.EqualTo((true, true)));
        Assert.That((await Store.CountPairsAsync(new PairFilter { Source = PairSources.Manual })).Total, Is.EqualTo(2));
        Assert.That((await Store.GetPairAsync(alice.PairId))!.Rater, Is.EqualTo(TestRaterKeys.Expected(Alice)));
        Assert.That((await Store.GetPairAsync(bob.PairId))!.Rater, Is.EqualTo(TestRaterKeys.Expected(Bob)));
    }

    [Test]
    public async Task RecordManualLabelAsync_SameRaterSameVerdictTwice_StoresOnce()
    {
        var (a, b) = await SeedTwoItemsAsync();

        var first = await Recorder.RecordManualLabelAsync(new ManualLabel(a, b, PairSide.B) { RaterId = Alice });
        var second = await Recorder.RecordManualLabelAsync(new ManualLabel(a, b, PairSide.B) { RaterId = Alice });

        Assert.That(second.PairId, Is.EqualTo(first.PairId));
        Assert.That((first.IsNew, second.IsNew), Is.EqualTo((true, false)));
        Assert.That(second.Rater, Is.EqualTo(TestRaterKeys.Expected(Alice)));
        Assert.That((await Store.CountPairsAsync(new PairFilter { Source = PairSources.Manual })).Total, Is.EqualTo(1));
    }

    [Test]
    public async Task RecordManualLabelAsync_RaterAndUnattributedSameVerdict_StoresTwoPairs()
    {
        var (a, b) = await SeedTwoItemsAsync();

        var unattributed = await Recorder.RecordManualLabelAsync(new ManualLabel(a, b, PairSide.B));
        var alice = await Recorder.RecordManualLabelAsync(new ManualLabel(a, b, PairSide.B) { RaterId = Alice });

        Assert.That(alice.PairId, Is.Not.EqualTo(unattributed.PairId));
        Assert.That((await Store.CountPairsAsync(new PairFilter { Source = PairSources.Manual })).Total, Is.EqualTo(2));
    }

    [Test]
    public async Task RecordUserChoiceAsync_RetriedIdWithAnotherRater_ThrowsAndKeepsTheFirst()
    {
        var first = await Recorder.RecordUserChoiceAsync(new UserChoice("github", "bio", "dev", "Go developer", PairSide.B) { PairId = "cmp-1", RaterId = Alice });
        var retry = await Recorder.RecordUserChoiceAsync(new UserChoice("github", "bio", "dev", "Go developer", PairSide.B) { PairId = "cmp-1", RaterId = Alice });

        var other = Assert.ThrowsAsync<PairStoreException>(() => Recorder.RecordUserChoiceAsync(
            new UserChoice("github", "bio", "dev", "Go developer", PairSide.B) { PairId = "cmp-1", RaterId = Bob }));
        var none = Assert.ThrowsAsync<PairStoreException>(() => Recorder.RecordUserChoiceAsync(
            new UserChoice("github", "bio", "dev", "Go developer", PairSide.B) { PairId = "cmp-1" }));

        Assert.That((first.IsNew, retry.IsNew), Is.EqualTo((true, false)));
        Assert.That(other!.Message, Does.Contain("cmp-1").And.Contain("rater").And.Not.Contain(Bob));
        Assert.That(none!.Message, Does.Contain("cmp-1"));
        Assert.That((await Store.CountPairsAsync()).Total, Is.EqualTo(1));
        Assert.That((await Store.GetPairAsync("cmp-1"))!.Rater, Is.EqualTo(TestRaterKeys.Expected(Alice)));
    }

    [Test]
    public async Task AddPairsAsync_UnattributedIdRetriedWithARater_Throws()
    {
        await Store.AddPairsAsync([new NewPair("github", "bio", "dev", "Go developer", PairSide.B, PairSources.Manual) { Id = "p_x" }]);

        Assert.ThrowsAsync<PairStoreException>(() => Store.AddPairsAsync(
            [new NewPair("github", "bio", "dev", "Go developer", PairSide.B, PairSources.Manual) { Id = "p_x", Rater = TestRaterKeys.Expected(Alice) }]));

        Assert.That((await Store.GetPairAsync("p_x"))!.Rater, Is.Null);
    }

    [TestCase("alice@example.com")]
    [TestCase("R_0123456789ABCDEF0123456789ABCDEF")]
    [TestCase("r_0123456789abcdef")]
    [TestCase("")]
    public async Task AddPairAsync_RaterNotAPseudonym_ThrowsWithoutTheValueAndStoresNothing(string rater)
    {
        var pair = new NewPair("github", "bio", "dev", "Go developer", PairSide.B, PairSources.UserChoice) { Rater = rater };

        var viaRecorder = Assert.ThrowsAsync<ArgumentException>(() => Recorder.AddPairAsync(pair));
        var viaStore = Assert.ThrowsAsync<ArgumentException>(() => Store.AddPairsAsync([pair]));

        Assert.Multiple(() =>
        {
            foreach (var e in new[] { viaRecorder, viaStore })
            {
                Assert.That(e!.Message, Does.Contain("not a pseudonym"));
                if (rater.Length > 0)
                {
                    Assert.That(e.Message, Does.Not.Contain(rater));
                }
            }
        });
        Assert.That(await Store.CountItemsAsync(), Is.Zero);
    }

    [Test]
    public async Task AddPairsAsync_BatchWithOneBadRater_StoresNothingOfTheBatch()
    {
        var good = new NewPair("github", "bio", "dev", "Go developer", PairSide.B, PairSources.UserChoice) { Rater = TestRaterKeys.Expected(Alice) };
        var bad = new NewPair("github", "bio", "dev", "Rust developer", PairSide.B, PairSources.UserChoice) { Rater = "alice@example.com" };

        var e = Assert.ThrowsAsync<ArgumentException>(() => Recorder.AddPairsAsync([good, bad]));

        Assert.That(e!.Message, Does.Contain("Pair 1 of the batch").And.Not.Contain("alice@example.com"));
        Assert.That((await Store.CountPairsAsync()).Total, Is.Zero);
    }

    [Test]
    public async Task AddPairAsync_BootstrapPairWithRater_ThrowsAndStoresNothing()
    {
        var pair = new NewPair("github", "bio", "dev", "Go developer", PairSide.B, PairSources.Bootstrap) { Rater = TestRaterKeys.Expected(Alice) };

        var viaRecorder = Assert.ThrowsAsync<ArgumentException>(() => Recorder.AddPairAsync(pair));
        var viaStore = Assert.ThrowsAsync<ArgumentException>(() => Store.AddPairsAsync([pair]));

        Assert.That(viaRecorder!.Message, Does.Contain("bootstrap"));
        Assert.That(viaStore!.Message, Does.Contain("bootstrap"));
        Assert.That(await Store.CountItemsAsync(), Is.Zero);
    }

    [Test]
    public async Task AddPairAsync_PseudonymFromTheHost_IsStoredAndReturned()
    {
        var rater = TestRaterKeys.Expected(Bob);

        var recorded = await Recorder.AddPairAsync(new NewPair("github", "bio", "dev", "Go developer", PairSide.B, PairSources.Manual) { Rater = rater });

        Assert.That(recorded.Rater, Is.EqualTo(rater));
        Assert.That((await Store.GetPairAsync(recorded.PairId))!.Rater, Is.EqualTo(rater));
    }

    private async Task<(string A, string B)> SeedTwoItemsAsync()
    {
        var seeded = await Recorder.AddPairAsync(new NewPair("linkedin", "headline", "Engineer", "Engineer at Acme building search", PairSide.B, PairSources.Bootstrap));
        return (seeded.ItemAId, seeded.ItemBId);
    }

    private byte[] ReadStoreFiles()
    {
        using var all = new MemoryStream();
        foreach (var suffix in new[] { "", "-wal", "-journal", "-shm" })
        {
            var path = Directory.File("pairs.db") + suffix;
            if (File.Exists(path))
            {
                using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                file.CopyTo(all);
            }
        }

        return all.ToArray();
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
