using Ancso.Ml.Pairs.Erasure;
using Ancso.Ml.Pairs.Storage;
using static Ancso.Ml.Tests.Pairs.Erasure.ErasureTestHost;

namespace Ancso.Ml.Tests.Pairs.Erasure;

/// <summary>
/// What an <see cref="ErasureRequest"/> names: an age (people's pairs older than it, never bootstrap's), and the
/// requests refused before anything is erased, whose messages never repeat a rater id or a text.
/// </summary>
public class PairEraserRequestTests
{
    private ErasureTestHost _host = null!;

    [SetUp]
    public void SetUp() => _host = new ErasureTestHost();

    [TearDown]
    public async Task TearDown() => await _host.DisposeAsync();

    [Test]
    public async Task EraseAsync_OlderThan_ErasesPeoplesPairsStoredLongerAgoButNeverBootstrapOnesNorNewerOnes()
    {
        await _host.Choose(AliceId, "p_old_choice", "Old choice A", "Old choice B");
        await _host.Choose(null, "p_old_unattributed", "Old unattributed A", "Old unattributed B");
        await _host.Recorder.AddPairAsync(new NewPair("linkedin", "headline", "Old corpus A", "Old corpus B", PairSide.A, PairSources.Bootstrap) { Id = "p_old_bootstrap" });
        _host.Time.Advance(TimeSpan.FromDays(20));
        await _host.Choose(BobId, "p_at_cutoff", "Cutoff choice A", "Cutoff choice B");
        _host.Time.Advance(TimeSpan.FromDays(10));
        await _host.Choose(CarolId, "p_new_choice", "New choice A", "New choice B");

        var result = await _host.Eraser.EraseAsync(new ErasureRequest { OlderThan = TimeSpan.FromDays(10) });

        Assert.That(result.Store.Pairs, Is.EqualTo(2));
        Assert.That(await _host.PairIdsAsync(), Is.EqualTo(new[] { "p_old_bootstrap", "p_at_cutoff", "p_new_choice" }),
            "stored exactly 10 days ago is not longer ago than 10 days");
        Assert.That(await _host.Store.GetItemAsync(ItemId("Old choice A")), Is.Null);
        Assert.That(await _host.Store.GetItemAsync(ItemId("Old corpus A")), Is.Not.Null);
    }

    [Test]
    public async Task EraseAsync_OlderThanAndRater_ErasesOnlyTheirOlderPairs()
    {
        await _host.Choose(AliceId, "p_alice_old", "Alice old A", "Alice old B");
        await _host.Choose(BobId, "p_bob_old", "Bob old A", "Bob old B");
        _host.Time.Advance(TimeSpan.FromDays(30));
        await _host.Choose(AliceId, "p_alice_new", "Alice new A", "Alice new B");

        var result = await _host.Eraser.EraseAsync(new ErasureRequest { RaterId = AliceId, OlderThan = TimeSpan.FromDays(7) });

        Assert.That(result.Store.Pairs, Is.EqualTo(1));
        Assert.That(await _host.PairIdsAsync(), Is.EqualTo(new[] { "p_bob_old", "p_alice_new" }));
    }

    private static IEnumerable<TestCaseData> NotPositive()
    {
        yield return new TestCaseData(TimeSpan.Zero).SetName("EraseAsync_OlderThanZero_RefusedAndNothingErased");
        yield return new TestCaseData(TimeSpan.FromDays(-1)).SetName("EraseAsync_OlderThanNegative_RefusedAndNothingErased");
    }

    [TestCaseSource(nameof(NotPositive))]
    public async Task EraseAsync_OlderThanNotPositive_RefusedAndNothingErased(TimeSpan olderThan)
    {
        await _host.SeedAsync();
        _host.Time.Advance(TimeSpan.FromDays(400));

        var e = Assert.ThrowsAsync<ArgumentException>(() => _host.Eraser.EraseAsync(new ErasureRequest { OlderThan = olderThan, Text = "Shared headline" }));

        Assert.That(e!.Message, Does.Contain("positive").And.Not.Contain("Shared headline"));
        Assert.That(await _host.PairIdsAsync(), Has.Count.EqualTo(4));
    }

    [Test]
    public async Task EraseAsync_RequestNamingNothing_RefusedAndNothingErased()
    {
        await _host.SeedAsync();
        await _host.ExportAsync();
        var data = _host.DataFiles();

        Assert.ThrowsAsync<ArgumentException>(() => _host.Eraser.EraseAsync(new ErasureRequest()));
        Assert.ThrowsAsync<ArgumentException>(() => _host.Eraser.EraseAsync(new ErasureRequest { DryRun = true }));

        Assert.That(await _host.PairIdsAsync(), Has.Count.EqualTo(4));
        Assert.That(_host.DataFiles(), Is.EqualTo(data));
        Assert.That(_host.Logs.Entries.Where(e => e.EventId.Id == 4000), Is.Empty, "no erasure is logged");
    }

    [Test]
    public async Task EraseAsync_RaterWithoutARaterKey_RefusedNamingTheSettingAndNothingErased()
    {
        await _host.SeedAsync();
        await using var keyless = new ErasureTestHost(raterKey: false, directory: _host.Directory);

        var e = Assert.ThrowsAsync<InvalidOperationException>(() => keyless.Eraser.EraseAsync(new ErasureRequest { RaterId = AliceId, Text = "Shared headline" }));

        Assert.That(e!.Message, Does.Contain("Ranker:Signals:RaterKey").And.Not.Contain(AliceId).And.Not.Contain("Shared headline"));
        Assert.That(await keyless.PairIdsAsync(), Has.Count.EqualTo(4));
    }

    [Test]
    public async Task EraseAsync_ItemOrTextWithoutARaterKey_Erases()
    {
        await _host.SeedAsync();
        await using var keyless = new ErasureTestHost(raterKey: false, directory: _host.Directory);

        var byItem = await keyless.Eraser.EraseAsync(new ErasureRequest { ItemId = ItemId("Alice wrote this headline") });
        var byText = await keyless.Eraser.EraseAsync(new ErasureRequest { Text = "Shared headline" });

        Assert.That((byItem.Store.Pairs, byText.Store.Pairs), Is.EqualTo((1, 2)));
        Assert.That(await keyless.PairIdsAsync(), Is.EqualTo(new[] { "p_github" }));
    }

    private static IEnumerable<TestCaseData> Malformed()
    {
        yield return new TestCaseData(new ErasureRequest { RaterId = "alice\u0007@example.com" }, "alice").SetName("EraseAsync_RaterIdWithAControlCharacter_RefusedWithoutRepeatingIt");
        yield return new TestCaseData(new ErasureRequest { RaterId = new string('a', 257) + "-alice" }, "alice").SetName("EraseAsync_RaterIdTooLong_RefusedWithoutRepeatingIt");
        yield return new TestCaseData(new ErasureRequest { RaterId = "   " }, "   ").SetName("EraseAsync_RaterIdBlank_Refused");
        yield return new TestCaseData(new ErasureRequest { ItemId = "i_secret/../x" }, "secret").SetName("EraseAsync_ItemIdMalformed_RefusedWithoutRepeatingIt");
        yield return new TestCaseData(new ErasureRequest { ItemId = "i_secret", RaterId = "alice\u0007" }, "secret").SetName("EraseAsync_RaterIdMalformedWithAnItem_RefusedWithoutRepeatingEither");
    }

    [TestCaseSource(nameof(Malformed))]
    public async Task EraseAsync_MalformedCriterion_RefusedWithoutRepeatingItAndNothingErased(ErasureRequest request, string secret)
    {
        await _host.SeedAsync();

        var e = Assert.ThrowsAsync<ArgumentException>(() => _host.Eraser.EraseAsync(request));

        if (!string.IsNullOrWhiteSpace(secret))
        {
            Assert.That(e!.Message, Does.Not.Contain(secret));
        }

        Assert.That(await _host.PairIdsAsync(), Has.Count.EqualTo(4));
    }
}
