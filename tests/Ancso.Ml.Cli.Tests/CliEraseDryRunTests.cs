using System.Security.Cryptography;
using static Ancso.Ml.Cli.Tests.CliEraseTests;
using static Ancso.Ml.Cli.Tests.ErasureTestData;

namespace Ancso.Ml.Cli.Tests;

/// <summary><c>erase --dry-run</c> counts and changes nothing; a malformed erasure is a usage error that changes nothing either.</summary>
public class CliEraseDryRunTests
{
    [Test]
    public async Task Erase_DryRun_PrintsCountsAndChangesNothing()
    {
        using var cli = new CliRunner("--embeddings", "hashing");
        var people = await PrepareAsync(cli);
        await RunAsync(cli, "export");
        await RunAsync(cli, "train", "--epochs", "2", "--seed", "1");
        var before = await ReadStoreAsync(cli);
        var datasets = DatasetHashes(cli);
        var versions = await VersionsAsync(cli);
        Assert.That(datasets.Keys, Is.EquivalentTo(new[] { "dataset.jsonl", "metadata.json" }));
        Assert.That(versions.Values, Is.EqualTo(new[] { (true, (bool?)false) }));

        var text = await cli.RunAsync("ranker", "erase", "--rater", RaterX, "--dry-run");
        Assert.That(text.ExitCode, Is.Zero, text.ToString());
        Assert.That(text.Out, Does.Contain($"would_erase: pairs {people.XPairs}  items {people.XItemIds.Length}  embeddings {people.XItemIds.Length}")
            .And.Not.Contain("datasets_deleted")
            .And.Not.Contain("erased: "), text.ToString());

        var json = await JsonAsync(cli, "ranker", "erase", "--rater", RaterX, "--dry-run");
        Assert.Multiple(() =>
        {
            Assert.That(json.GetProperty("dry_run").GetBoolean(), Is.True);
            Assert.That(json.GetProperty("pairs").GetInt32(), Is.EqualTo(people.XPairs));
            Assert.That(json.GetProperty("items").GetInt32(), Is.EqualTo(people.XItemIds.Length));
            Assert.That(json.GetProperty("embeddings").GetInt32(), Is.EqualTo(people.XItemIds.Length));
            Assert.That(Strings(json, "dataset_files_deleted"), Is.Empty);
            Assert.That(json.GetProperty("retrained").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
            Assert.That(Strings(json, "purged_models"), Is.Empty);
        });

        var after = await ReadStoreAsync(cli);
        var versionsAfter = await VersionsAsync(cli);
        Assert.Multiple(() =>
        {
            Assert.That(after.PairIds, Is.EquivalentTo(before.PairIds));
            Assert.That(after.ItemIds, Is.EquivalentTo(before.ItemIds));
            Assert.That(after.Embeddings, Is.EqualTo(before.Embeddings));
            Assert.That(DatasetHashes(cli), Is.EquivalentTo(datasets), "the dataset is untouched");
            Assert.That(versionsAfter, Is.EquivalentTo(versions), "no model is marked: nothing was erased");
            Assert.That(FilesHolding(FolderBytes(cli.DataDirectory), XMarker), Does.Contain("pairs.db"));
        });

        // What the dry run counted is what the erasure then erases.
        var erased = await JsonAsync(cli, "ranker", "erase", "--rater", RaterX);
        Assert.That((erased.GetProperty("pairs").GetInt32(), erased.GetProperty("items").GetInt32(), erased.GetProperty("embeddings").GetInt32()),
            Is.EqualTo((people.XPairs, people.XItemIds.Length, people.XItemIds.Length)));
    }

    [TestCase(new string[0], "Say whose data to erase: --rater ID, --item ID, --text TEXT, --older-than DURATION or --retention")]
    [TestCase(new[] { "--dry-run" }, "Say whose data to erase")]
    [TestCase(new[] { "--rater", RaterX, "--dry-run", "--retrain" }, "--dry-run changes nothing; it cannot be combined with --retrain or --purge-models")]
    [TestCase(new[] { "--rater", RaterX, "--dry-run", "--purge-models" }, "--dry-run changes nothing")]
    [TestCase(new[] { "--older-than", "0s" }, "--older-than '0s' is not a positive duration")]
    [TestCase(new[] { "--older-than", "0.00:00:00" }, "--older-than '0.00:00:00' is not a positive duration")]
    [TestCase(new[] { "--older-than=-1d" }, "--older-than '-1d' is not a duration")]
    [TestCase(new[] { "--older-than=-1.00:00:00" }, "--older-than '-1.00:00:00' is not a positive duration")]
    [TestCase(new[] { "--older-than", "abc" }, "--older-than 'abc' is not a duration: give a number and a unit (365d, 12h, 30m, 90s) or a TimeSpan (365.00:00:00)")]
    [TestCase(new[] { "--older-than", "365d", "--retention" }, "--older-than and --retention both give an age; use one")]
    [TestCase(new[] { "--retention" }, "--retention: no retention period is configured. Set Ranker:Signals:Retention")]
    [TestCase(new[] { "--rater", "" }, "--rater: a rater id is 1 to 256 characters without control characters")]
    [TestCase(new[] { "--item", "not an id!" }, "item id is not an item id")]
    public async Task Erase_Malformed_UsageErrorAndNothingChanged(string[] args, string message)
    {
        using var cli = new CliRunner("--embeddings", "hashing");
        cli.UseConfig(Config());
        await RaterTestData.BootstrapBioItemsAsync(cli, 2);
        await SeedAsync(cli, [Choice(RaterX, Text(XMarker, "a"), Text(XMarker, "b"))]);
        var before = await ReadStoreAsync(cli);

        var run = await cli.RunAsync(["ranker", "erase", .. args]);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
            Assert.That(run.Error, Does.StartWith("error: ").And.Contain(message).And.Not.Contain("   at "), run.ToString());
            Assert.That(run.Out, Is.Empty);
        });
        Assert.That((await ReadStoreAsync(cli)).PairIds, Is.EquivalentTo(before.PairIds), "nothing erased");
    }

    [Test]
    public async Task Erase_RaterWithoutKey_UsageErrorNamingTheSettingAndNothingErased()
    {
        using var cli = new CliRunner("--embeddings", "hashing");
        await RaterTestData.BootstrapBioItemsAsync(cli, 2);
        await SeedAsync(cli, [Choice(RaterX, Text(XMarker, "a"), Text(XMarker, "b"))]);
        var before = await ReadStoreAsync(cli);

        var run = await cli.RunAsync("ranker", "erase", "--rater", RaterX);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
            Assert.That(run.Error, Does.StartWith("error: ").And.Contain("Ranker:Signals:RaterKey").And.Contain("ANCSO_Ranker__Signals__RaterKey"), run.ToString());
            Assert.That(run.Out + run.Error, Does.Not.Contain(RaterX));
            Assert.That(run.Out, Is.Empty);
        });
        Assert.That((await ReadStoreAsync(cli)).PairIds, Is.EquivalentTo(before.PairIds), "nothing erased");
    }

    private static Dictionary<string, string> DatasetHashes(CliRunner cli) =>
        Directory.GetFiles(cli.DataDirectory)
            .Where(f => !Path.GetFileName(f).StartsWith("pairs.db", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))), StringComparer.Ordinal);
}
