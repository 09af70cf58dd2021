using Ancso.Ml.Pairs.Erasure;
using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Pairs.Storage;
using Ancso.Ml.Sqlite;
using Microsoft.Extensions.Logging;

namespace Ancso.Ml.Sqlite.Tests;

/// <summary>An erasure logs one Information line of counts (3406), never a text, an id or a rater.</summary>
public class SqliteErasureLogTests
{
    private const string Rater = "r_5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e";

    private PairTestDirectory _directory = null!;

    [SetUp]
    public void SetUp() => _directory = new PairTestDirectory();

    [TearDown]
    public void TearDown() => _directory.Dispose();

    [Test]
    public async Task ErasePairsAsync_DryRunThenErasure_LogsOneLineOfCountsEachWithoutTextsIdsOrRaters()
    {
        var log = new LogCapture();
        using var store = new SqlitePairStore(new SqlitePairStoreOptions { DatabasePath = _directory.File("pairs.db") }, TimeProvider.System, log);
        await store.AddPairsAsync(
        [
            new NewPair("github", "bio", "SECRET text one", "SECRET text two", PairSide.A, PairSources.UserChoice) { Id = "p_secret_1", Rater = Rater },
            new NewPair("github", "bio", "SECRET text one", "Other text", PairSide.B, PairSources.Manual) { Id = "p_other" },
        ]);
        var itemId = TestIds.ForItem("github", "bio", "SECRET text two");

        await store.ErasePairsAsync(new PairErasureQuery { Rater = Rater }, dryRun: true);
        await store.ErasePairsAsync(new PairErasureQuery { Rater = Rater, ItemId = itemId });

        var lines = log.Entries.Where(e => e.EventId.Id == 3406).ToList();
        Assert.That(lines.Select(l => l.Level), Is.EqualTo(new[] { LogLevel.Information, LogLevel.Information }));
        Assert.That(lines[0].Message, Does.Contain("would erase (dry run) 1 pairs, 1 items").And.Contain("0 cached embeddings").And.Contain("by a rater"));
        Assert.That(lines[1].Message, Does.Contain("erased 1 pairs, 1 items").And.Contain("by a rater, an item"));
        Assert.That(log.Entries.Select(e => e.Message), Has.None.Contain("SECRET").And.None.Contain(Rater).And.None.Contain(itemId).And.None.Contain("p_secret"));
    }
}
