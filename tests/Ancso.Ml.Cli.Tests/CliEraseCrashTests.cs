using System.Globalization;
using static Ancso.Ml.Cli.Tests.CliEraseTests;
using static Ancso.Ml.Cli.Tests.ErasureKills;
using static Ancso.Ml.Cli.Tests.ErasureTestData;

namespace Ancso.Ml.Cli.Tests;

/// <summary>
/// <c>kill -9</c> at many points of <c>ancso ranker erase --rater</c> (a real process each time, on a fresh copy of one
/// prepared folder): whatever the moment, running the erasure again finishes it, to exactly the state an uninterrupted
/// erasure leaves, and a third run is a no-op.
/// </summary>
public class CliEraseCrashTests
{
    private const int XPairs = 2000;
    private const int YPairs = 1500;

    // Where to kill. From the start, a delay: the process starting and opening the store. When the WAL reaches a share of
    // the largest size it reaches in an uninterrupted erasure (the files' pages are the same in every copy, so the same
    // share is the same point of the work): the store's transaction writing its pages, and its commit. After a marker
    // line on stderr (logged asynchronously, so a little late), a delay: 3406 once the transaction has committed (the
    // file's rebuild, VACUUM, and the checkpoint), 4000 once the dataset is deleted and the models are checked. When the
    // WAL is truncated to nothing (the checkpoint has finished: the dataset's deletion), and when dataset.bin is gone
    // (its metadata's deletion, the model check).
    private static readonly KillPoint[] KillPoints =
    [
        new("start", 0), new("start", 600),
        new("wal", 5), new("wal", 25), new("wal", 50), new("wal", 75), new("wal", 95),
        new(CommitMarker, 0), new(CommitMarker, 50), new(CommitMarker, 150), new(CommitMarker, 300),
        new("checkpointed", 0), new("dataset-gone", 0),
        new(DoneMarker, 0),
    ];

    [Test]
    [CancelAfter(15 * 60 * 1000)]
    public async Task EraseRater_KilledAtManyPoints_RerunFinishesToTheUninterruptedStateThenNoOp(CancellationToken cancellationToken)
    {
        Assert.That(File.Exists(CliDll), Is.True, $"{CliDll} is copied to the test output by the project reference");
        using var template = new CliRunner("--embeddings", "hashing");
        var xItemIds = await PrepareAsync(template);

        // The state an uninterrupted erasure leaves, in a child process like the killed ones; and how large its WAL grows.
        using var reference = CopyOf(template);
        var uninterrupted = await RunAndKillAsync(reference, null, cancellationToken);
        await TestContext.Out.WriteLineAsync($"uninterrupted: {uninterrupted.Outcome}; {uninterrupted.Trace}");
        Assert.That(uninterrupted.Outcome, Is.EqualTo("finished first (exit 0)"));
        Assert.That(uninterrupted.LargestWal, Is.Positive, "the erasure writes through the WAL");
        var expected = await FinalStateAsync(reference, xItemIds);

        var outcomes = new List<string>();
        var phases = new HashSet<string>(StringComparer.Ordinal);
        foreach (var killPoint in KillPoints)
        {
            using var copy = CopyOf(template);
            var at = killPoint with { LargestWal = uninterrupted.LargestWal };
            var killed = await RunAndKillAsync(copy, at, cancellationToken);
            var phase = Phase(copy);
            var point = $"{at}: {killed.Outcome}; {phase} ({killed.Trace})";
            outcomes.Add(point);
            phases.Add(phase.Name);

            var rerun = await JsonAsync(copy, "ranker", "erase", "--rater", RaterX);
            Assert.That(rerun.GetProperty("pairs").GetInt32(), Is.EqualTo(phase.Committed ? 0 : XPairs), point);
            Assert.That(await FinalStateAsync(copy, xItemIds), Is.EqualTo(expected), point);

            var third = await JsonAsync(copy, "ranker", "erase", "--rater", RaterX);
            Assert.That(
                (third.GetProperty("pairs").GetInt32(), third.GetProperty("items").GetInt32(), third.GetProperty("embeddings").GetInt32(), Strings(third, "dataset_files_deleted").Length),
                Is.EqualTo((0, 0, 0, 0)),
                point + ": a third run is a no-op");
            Assert.That(await FinalStateAsync(copy, xItemIds), Is.EqualTo(expected), point);
        }

        await TestContext.Out.WriteLineAsync(string.Join(Environment.NewLine, outcomes));
        Assert.That(phases, Does.Contain(ErasurePhase.InTransaction).And.Contain(ErasurePhase.NotRebuilt), "the kills land in the transaction and after its commit:" + Environment.NewLine + string.Join(Environment.NewLine, outcomes));
    }

    /// <summary>X and Y record choices between texts of their own, long enough to spill into overflow pages; exported and trained on.</summary>
    private static async Task<string[]> PrepareAsync(CliRunner cli)
    {
        cli.UseConfig(Config());
        await RaterTestData.BootstrapBioItemsAsync(cli, 2);
        var x = Enumerable.Range(0, XPairs).Select(i => (A: Text(XMarker, $"{i:D5}a", 1200), B: Text(XMarker, $"{i:D5}b", 1200))).ToList();
        var y = Enumerable.Range(0, YPairs).Select(i => (A: Text(YMarker, $"{i:D5}a", 1200), B: Text(YMarker, $"{i:D5}b", 1200))).ToList();
        await SeedAsync(cli, [.. x.Select(p => Choice(RaterX, p.A, p.B)), .. y.Select(p => Choice(RaterY, p.A, p.B))]);
        await RunAsync(cli, "export", "--format", "compact");
        await RunAsync(cli, "train", "--epochs", "1");
        return [.. x.SelectMany(p => new[] { ItemId(p.A), ItemId(p.B) })];
    }

    /// <summary>
    /// Checks what must hold after every finished erasure (none of X's bytes, Y's data whole, the store intact, the dataset
    /// deleted, the model marked) and returns the rest of the state, to compare with the uninterrupted erasure's.
    /// </summary>
    private static async Task<string> FinalStateAsync(CliRunner cli, string[] xItemIds)
    {
        var bytes = FolderBytes(cli.DataDirectory);
        var store = await ReadStoreAsync(cli);
        var versions = await VersionsAsync(cli);
        Assert.Multiple(() =>
        {
            Assert.That(FilesHolding(bytes, XMarker), Is.Empty, "no fragment of X's texts");
            Assert.That(ItemIdsIn(bytes).Intersect(xItemIds), Is.Empty, "none of X's item ids");
            Assert.That(FilesHolding(bytes, RaterTestData.Pseudonym(RaterX)), Is.Empty, "not X's pseudonym");
            Assert.That(FilesHolding(bytes, YMarker), Does.Contain("pairs.db"), "Y's texts");
            Assert.That(store.PairsOf(RaterX), Is.Empty);
            Assert.That(store.PairsOf(RaterY), Has.Count.EqualTo(YPairs));
            Assert.That(IntegrityCheck(cli.DataDirectory), Is.EqualTo("ok"));
            Assert.That(bytes.Select(f => f.Name).Where(n => !n.StartsWith("pairs.db", StringComparison.Ordinal)), Is.Empty, "the dataset is deleted");
            Assert.That(versions.Values, Is.EqualTo(new[] { (true, (bool?)true) }), "the model trained on X's pairs is marked");
        });
        return string.Join(
            Environment.NewLine,
            "pairs: " + string.Join(",", store.PairIds.Order(StringComparer.Ordinal)),
            "items: " + string.Join(",", store.ItemIds.Order(StringComparer.Ordinal)),
            "embeddings: " + store.Embeddings.ToString(CultureInfo.InvariantCulture),
            "files: " + string.Join(",", bytes.Select(f => f.Name).Where(n => n != "pairs.db-shm")),
            "versions: " + string.Join(",", versions.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value}")));
    }

    /// <summary>A new runner with a copy of <paramref name="template"/>'s data and models folders and its config.</summary>
    private static CliRunner CopyOf(CliRunner template)
    {
        var copy = new CliRunner([.. template.ExtraArguments]);
        CopyDirectory(template.DataDirectory, copy.DataDirectory);
        CopyDirectory(template.ModelsDirectory, copy.ModelsDirectory);
        copy.ConfigFile = template.ConfigFile;
        return copy;
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
