using Ancso.Ml.Embeddings;
using Ancso.Ml.Pairs.Erasure;
using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Pairs.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Ancso.Ml.Testing.Pairs;

/// <summary>
/// What every pair store promises about erasure: the pairs a query matches go (criteria ANDed; bootstrap pairs never
/// expire), with the items and cached embeddings nobody else's pairs use, and nothing else; a dry run changes nothing;
/// erasing again is a no-op; the erasure log answers for fingerprints; sequence numbers and the store id hold.
/// </summary>
public abstract partial class PairStoreContractTests
{
    private const string Generator = "test:erase";

    [Test]
    public async Task ErasePairsAsync_Rater_ErasesTheirPairsAndNothingOfAnyoneElse()
    {
        await Store.AddPairsAsync(
        [
            Voted("Mine 1", "Mine 2", "p_x1", Rater(1)),
            Voted("Shared", "Mine 3", "p_x2", Rater(1)),
            Voted("Shared", "Theirs 1", "p_y1", Rater(2)),
            Voted("Theirs 2", "Theirs 3", "p_u1", null),
        ]);

        var counts = await Store.ErasePairsAsync(new PairErasureQuery { Rater = Rater(1) });

        Assert.That(counts, Is.EqualTo(new PairErasureCounts(2, 3, 0)));
        Assert.That(await PairIdsAsync(), Is.EqualTo(new[] { "p_y1", "p_u1" }));
        Assert.That(await ItemTextsAsync(), Is.EqualTo(new[] { "Shared", "Theirs 1", "Theirs 2", "Theirs 3" }), "the item another rater's pair uses stays");
    }

    [Test]
    public async Task ErasePairsAsync_Item_ErasesPairsWithTheItemOnEitherSide()
    {
        await Store.AddPairsAsync([Voted("Target", "Other 1", "p_a", Rater(1)), Voted("Other 2", "Target", "p_b", Rater(2)), Voted("Other 1", "Other 3", "p_c", Rater(3))]);

        var counts = await Store.ErasePairsAsync(new PairErasureQuery { ItemId = ItemId("Target") });

        Assert.That(counts, Is.EqualTo(new PairErasureCounts(2, 2, 0)));
        Assert.That(await PairIdsAsync(), Is.EqualTo(new[] { "p_c" }));
        Assert.That(await Store.GetItemAsync(ItemId("Target")), Is.Null);
        Assert.That(await Store.GetItemAsync(ItemId("Other 1")), Is.Not.Null, "still used by p_c");
    }

    [Test]
    public async Task ErasePairsAsync_Text_ErasesPairsOfEveryItemWithThatTextInAnyPlatformAndSection()
    {
        await Store.AddPairsAsync(
        [
            Voted("My words", "Other A", "p_headline", Rater(1)),
            new NewPair("github", "bio", "Other B", "My words", PairSide.A, PairSources.Manual) { Id = "p_bio" },
            Voted("My words, edited", "Other C", "p_similar", Rater(1)),
        ]);

        var counts = await Store.ErasePairsAsync(PairErasureQuery.ForText("My words"));

        Assert.That(counts, Is.EqualTo(new PairErasureCounts(2, 4, 0)));
        Assert.That(await PairIdsAsync(), Is.EqualTo(new[] { "p_similar" }), "only exactly that text");
    }

    [Test]
    public async Task ErasePairsAsync_CreatedBefore_ErasesPeoplesOlderPairsAndNeverBootstrapOnes()
    {
        await Store.AddPairsAsync(
        [
            Voted("Old choice A", "Old choice B", "p_old_choice", Rater(1)),
            new NewPair("linkedin", "headline", "Old manual A", "Old manual B", PairSide.A, PairSources.Manual) { Id = "p_old_manual" },
            Pair("Old corpus A", "Old corpus B", "p_old_bootstrap"),
        ]);
        Time.Advance(TimeSpan.FromDays(400));
        var cutoff = Time.GetUtcNow();
        await Store.AddPairsAsync([Voted("New choice A", "New choice B", "p_new_choice", Rater(1))]);

        var counts = await Store.ErasePairsAsync(new PairErasureQuery { CreatedBefore = cutoff });

        Assert.That(counts, Is.EqualTo(new PairErasureCounts(2, 4, 0)));
        Assert.That(await PairIdsAsync(), Is.EqualTo(new[] { "p_old_bootstrap", "p_new_choice" }));
    }

    [Test]
    public async Task ErasePairsAsync_SeveralCriteria_ErasesOnlyPairsMatchingAll()
    {
        await Store.AddPairsAsync(
        [
            Voted("Target", "A", "p_both", Rater(1)),
            Voted("B", "C", "p_rater_only", Rater(1)),
            Voted("Target", "D", "p_item_only", Rater(2)),
        ]);
        Time.Advance(TimeSpan.FromDays(1));

        var counts = await Store.ErasePairsAsync(new PairErasureQuery { Rater = Rater(1), ItemId = ItemId("Target"), CreatedBefore = Time.GetUtcNow() });

        Assert.That(counts, Is.EqualTo(new PairErasureCounts(1, 1, 0)));
        Assert.That(await PairIdsAsync(), Is.EqualTo(new[] { "p_rater_only", "p_item_only" }));
        Assert.That(await Store.ErasePairsAsync(new PairErasureQuery { Rater = Rater(1), TextHash = TestIds.TextHash("D") }), Is.EqualTo(new PairErasureCounts(0, 0, 0)));
    }

    [Test]
    public async Task ErasePairsAsync_CachedEmbeddings_RemovesThoseOfTextsNoRemainingItemHasInEveryGeneratorAndDimension()
    {
        await Store.AddPairsAsync(
        [
            Voted("Only mine", "Also in bio", "p_x", Rater(1)),
            new NewPair("github", "bio", "Also in bio", "Somebody else", PairSide.A, PairSources.Manual) { Id = "p_y" },
        ]);
        await CacheAsync("Only mine", "Also in bio", "Somebody else", "Never stored");

        var counts = await Store.ErasePairsAsync(new PairErasureQuery { Rater = Rater(1) });

        // "Also in bio" is a text another remaining item (in another platform and section) has; "Never stored" is no item's.
        Assert.That(counts, Is.EqualTo(new PairErasureCounts(1, 2, 2)));
        Assert.That(await CachedAsync("Only mine"), Is.EqualTo((0, 0)));
        Assert.That(await CachedAsync("Also in bio"), Is.EqualTo((1, 1)));
        Assert.That(await CachedAsync("Somebody else"), Is.EqualTo((1, 1)));
        Assert.That(await CachedAsync("Never stored"), Is.EqualTo((1, 1)));
        Assert.That(await Store.GetItemAsync(TestIds.ForItem("github", "bio", "Also in bio")), Is.Not.Null);
    }

    [Test]
    public async Task ErasePairsAsync_DryRun_ChangesNothingAndCountsWhatTheErasureThenErases()
    {
        await Store.AddPairsAsync([Voted("Mine", "Shared", "p_x", Rater(1)), Voted("Shared", "Theirs", "p_y", Rater(2))]);
        await CacheAsync("Mine", "Shared");
        var storeId = await Store.GetStoreIdAsync();

        var dry = await Store.ErasePairsAsync(new PairErasureQuery { Rater = Rater(1) }, dryRun: true);

        Assert.That(dry, Is.EqualTo(new PairErasureCounts(1, 1, 2)));
        Assert.That(await PairIdsAsync(), Is.EqualTo(new[] { "p_x", "p_y" }));
        Assert.That(await Store.CountItemsAsync(), Is.EqualTo(3));
        Assert.That(await CachedAsync("Mine"), Is.EqualTo((1, 1)));
        Assert.That(await Store.HasErasedPairsAsync(new PairStoreFingerprint(storeId, long.MaxValue)), Is.False, "a dry run logs nothing");

        var real = await Store.ErasePairsAsync(new PairErasureQuery { Rater = Rater(1) });

        Assert.That(real, Is.EqualTo(dry));
    }

    [Test]
    public async Task ErasePairsAsync_Twice_SecondCallErasesNothingAndLogsNothingMore()
    {
        await Store.AddPairsAsync([Voted("Mine", "Mine too", "p_x", Rater(1)), Voted("Theirs", "Theirs too", "p_y", Rater(2))]);
        await CacheAsync("Mine");
        var query = new PairErasureQuery { Rater = Rater(1) };

        var first = await Store.ErasePairsAsync(query);
        var second = await Store.ErasePairsAsync(query);

        Assert.That(first, Is.EqualTo(new PairErasureCounts(1, 2, 2)));
        Assert.That(second.IsEmpty, Is.True);
        Assert.That(await PairIdsAsync(), Is.EqualTo(new[] { "p_y" }));
        Assert.That(await Store.HasErasedPairsAsync(new PairStoreFingerprint(await Store.GetStoreIdAsync(), long.MaxValue, ErasureGeneration: 1)), Is.False,
            "the second call opened no new generation");
    }

    [TestCase(null, null)]
    [TestCase("alice@example.com", null)]
    [TestCase(null, "i_<script>")]
    public async Task ErasePairsAsync_InvalidQuery_ThrowsWithoutRepeatingItAndErasesNothing(string? rater, string? itemId)
    {
        await Store.AddPairsAsync([Voted("Mine", "Mine too", "p_x", Rater(1))]);

        var e = Assert.ThrowsAsync<ArgumentException>(() => Store.ErasePairsAsync(new PairErasureQuery { Rater = rater, ItemId = itemId }));

        Assert.That(e!.Message, Does.Not.Contain("alice").And.Not.Contain("<script>"));
        Assert.That(await PairIdsAsync(), Is.EqualTo(new[] { "p_x" }));
        Assert.That(await Store.CountItemsAsync(), Is.EqualTo(2));
        Assert.ThrowsAsync<ArgumentException>(() => Store.ErasePairsAsync(new PairErasureQuery { TextHash = "ABC" }, dryRun: true));
    }

    [Test]
    public async Task HasErasedPairsAsync_ErasedPair_TrueForSetsThatCouldHoldItAndFalseOtherwise()
    {
        await Store.AddPairsAsync(
        [
            Voted("Kept 1", "Kept 2", "p_1", Rater(2)),
            Voted("Gone 1", "Gone 2", "p_2", Rater(1)),
            Voted("Kept 3", "Kept 4", "p_3", Rater(2)),
        ]);
        var erasedSeq = (await Store.GetPairAsync("p_2"))!.Sequence;
        var storeId = await Store.GetStoreIdAsync();
        await Store.ErasePairsAsync(new PairErasureQuery { Rater = Rater(1) });

        async Task<bool> Has(long max, string? platform = null, string? section = null, string? source = null, string? store = null, long generation = 0) =>
            await Store.HasErasedPairsAsync(new PairStoreFingerprint(store ?? storeId, max, platform, section, source, generation));

        var answers = new Dictionary<string, bool>
        {
            ["a set up to the erased pair"] = await Has(erasedSeq),
            ["a set of everything"] = await Has(long.MaxValue),
            ["the erased pair's platform, section and source"] = await Has(long.MaxValue, platform: "linkedin", section: "headline", source: PairSources.UserChoice),
            ["a set read before the pair was stored"] = await Has(erasedSeq - 1),
            ["an empty set"] = await Has(0),
            ["another platform"] = await Has(long.MaxValue, platform: "github"),
            ["another section"] = await Has(long.MaxValue, section: "bio"),
            ["another source"] = await Has(long.MaxValue, source: PairSources.Bootstrap),
            ["another store's fingerprint"] = await Has(long.MaxValue, store: "0123456789abcdef0123456789abcdef"),
            ["a set read after that erasure"] = await Has(long.MaxValue, generation: 1),
        };

        Assert.That(answers.Where(a => a.Value).Select(a => a.Key), Is.EqualTo(new[]
        {
            "a set up to the erased pair", "a set of everything", "the erased pair's platform, section and source",
        }));
    }

    [Test]
    public async Task ErasePairsAsync_EachErasureThatRemovesPairs_OpensTheNextGeneration()
    {
        await Store.AddPairsAsync([Voted("A1", "A2", "p_a", Rater(1)), Voted("B1", "B2", "p_b", Rater(2)), Voted("C1", "C2", "p_c", Rater(3))]);
        var storeId = await Store.GetStoreIdAsync();
        await Store.ErasePairsAsync(new PairErasureQuery { Rater = Rater(1) });
        await Store.ErasePairsAsync(new PairErasureQuery { Rater = Rater(5) });
        await Store.ErasePairsAsync(new PairErasureQuery { Rater = Rater(2) });

        // A set read after the first erasure (generation 1) held p_b, erased by the second that removed pairs (generation 2).
        Assert.That(await Store.HasErasedPairsAsync(new PairStoreFingerprint(storeId, long.MaxValue, ErasureGeneration: 1)), Is.True);
        Assert.That(await Store.HasErasedPairsAsync(new PairStoreFingerprint(storeId, long.MaxValue, ErasureGeneration: 2)), Is.False);
    }

    [Test]
    public async Task GetFingerprintAsync_BeforeAndAfterAnErasure_TellsExactlyWhichSetsHeldErasedPairs()
    {
        Assert.That(await Store.GetFingerprintAsync(), Is.EqualTo(new PairStoreFingerprint(await Store.GetStoreIdAsync(), 0)), "an empty store");
        await Store.AddPairsAsync([Voted("A1", "A2", "p_a", Rater(1)), Voted("B1", "B2", "p_b", Rater(2))]);
        var filter = new PairFilter { Platform = "linkedin", Section = "headline", Source = PairSources.UserChoice };

        var before = await Store.GetFingerprintAsync(filter);
        await Store.ErasePairsAsync(new PairErasureQuery { Rater = Rater(1) });
        await Store.AddPairsAsync([Voted("C1", "C2", "p_c", Rater(3))]);
        var after = await Store.GetFingerprintAsync(filter);

        var newest = (await ToListAsync(Store.StreamPairsAsync())).Max(p => p.Sequence);
        Assert.That(before, Is.EqualTo(new PairStoreFingerprint(await Store.GetStoreIdAsync(), (await Store.GetPairAsync("p_b"))!.Sequence, "linkedin", "headline", PairSources.UserChoice, 0)));
        Assert.That((after.MaxSequence, after.ErasureGeneration), Is.EqualTo((newest, 1L)));
        Assert.That(await Store.HasErasedPairsAsync(before), Is.True, "the set read before the erasure held p_a");
        Assert.That(await Store.HasErasedPairsAsync(after), Is.False, "the set read after it never did");
    }

    [Test]
    public async Task StreamPairsAsync_Sequence_IncreasesInStoredOrderAndGetPairReadsItBack()
    {
        await Store.AddPairsAsync([Pair("S1", "S2", "p_s1"), Pair("S3", "S4", "p_s2")]);
        await Store.AddPairsAsync([Pair("S5", "S6", "p_s3")]);

        var streamed = await ToListAsync(Store.StreamPairsAsync());
        var single = await Store.GetPairAsync("p_s2");

        Assert.That(streamed.Select(p => p.Sequence), Is.Ordered.Ascending.And.Unique);
        Assert.That(streamed.Select(p => p.Sequence), Has.All.GreaterThan(0L));
        Assert.That(single!.Sequence, Is.EqualTo(streamed[1].Sequence));
    }

    [Test]
    public async Task AddPairsAsync_AfterTheNewestPairWasErased_GivesANumberNeverGivenBefore()
    {
        await Store.AddPairsAsync([Voted("A1", "A2", "p_1", Rater(1)), Voted("B1", "B2", "p_2", Rater(2))]);
        var erased = (await Store.GetPairAsync("p_2"))!.Sequence;
        await Store.ErasePairsAsync(new PairErasureQuery { Rater = Rater(2) });

        await Store.AddPairsAsync([Voted("C1", "C2", "p_3", Rater(1))]);

        Assert.That((await Store.GetPairAsync("p_3"))!.Sequence, Is.GreaterThan(erased));
    }

    [Test]
    public async Task StreamPairsAsync_NewestPairErasedAndAnotherStoredDuringTheStream_LeavesTheNewOneOut()
    {
        // More pairs than one page, so the newest is read after the erasure and the new pair are in.
        var pairs = Enumerable.Range(0, 600).Select(i => Voted($"A {i}", $"B {i}", $"p_{i:D3}", Rater(1))).ToList();
        pairs.Add(Voted("Newest A", "Newest B", "p_newest", Rater(2)));
        await Store.AddPairsAsync(pairs);

        var seen = new List<string>();
        await foreach (var pair in Store.StreamPairsAsync())
        {
            seen.Add(pair.Id);
            if (seen.Count == 1)
            {
                await Store.ErasePairsAsync(new PairErasureQuery { Rater = Rater(2) });
                await Store.AddPairsAsync([Voted("Later A", "Later B", "p_later", Rater(1))]);
            }
        }

        Assert.That(seen, Is.EqualTo(pairs.Take(600).Select(p => p.Id)));
    }

    [Test]
    public async Task GetStoreIdAsync_TwoInstancesOpeningANewStoreTogether_GetOneIdThatSurvivesReopening()
    {
        await using var other = BuildServices();

        var ids = await Task.WhenAll(
            Task.Run(() => Store.GetStoreIdAsync()),
            Task.Run(() => other.GetRequiredService<IPairStore>().GetStoreIdAsync()));
        await using var reopened = BuildServices();
        var again = await reopened.GetRequiredService<IPairStore>().GetStoreIdAsync();

        Assert.That(ids[0], Does.Match("^[0-9a-f]{32}$"));
        Assert.That((ids[1], again), Is.EqualTo((ids[0], ids[0])));
    }

    [Test]
    public async Task ErasePairsAsync_WhileOthersRecordPairsUsingTheSameItems_EveryRecordingSucceedsAndKeepsItsItems()
    {
        for (var round = 0; round < 12; round++)
        {
            var shared = $"Shared {round}";
            await Store.AddPairsAsync([Voted(shared, $"Mine {round}", $"p_x{round}", Rater(1))]);

            await Task.WhenAll(
                Task.Run(() => Store.ErasePairsAsync(new PairErasureQuery { Rater = Rater(1) })),
                Task.Run(() => Store.AddPairsAsync([Voted(shared, $"Theirs {round}", $"p_y{round}", Rater(2))])));

            var theirs = await Store.GetPairAsync($"p_y{round}");
            Assert.That(theirs?.ItemA.Text, Is.EqualTo(shared));
        }

        Assert.That((await Store.CountPairsAsync()).Total, Is.EqualTo(12));
    }

    private static NewPair Voted(string a, string b, string id, string? rater) =>
        new("linkedin", "headline", a, b, PairSide.A, PairSources.UserChoice) { Id = id, Rater = rater };

    private async Task<List<string>> PairIdsAsync() => [.. (await ToListAsync(Store.StreamPairsAsync())).Select(p => p.Id)];

    private async Task<List<string>> ItemTextsAsync() => [.. (await Store.ListItemsAsync()).Select(i => i.Text).Order(StringComparer.Ordinal)];

    /// <summary>Caches a vector for each text under two generators (one with two dimensions).</summary>
    private async Task CacheAsync(params string[] texts)
    {
        await Cache.SetManyAsync(Generator, 2, texts.ToDictionary(TestIds.TextHash, _ => new[] { 1f, 2f }));
        await Cache.SetManyAsync(Generator + ":other", 3, texts.ToDictionary(TestIds.TextHash, _ => new[] { 1f, 2f, 3f }));
    }

    private async Task<(int, int)> CachedAsync(string text)
    {
        var hash = TestIds.TextHash(text);
        return ((await Cache.GetManyAsync(Generator, 2, [hash])).Count, (await Cache.GetManyAsync(Generator + ":other", 3, [hash])).Count);
    }
}
