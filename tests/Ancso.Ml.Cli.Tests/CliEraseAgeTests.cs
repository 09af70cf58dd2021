using Ancso.Ml.Pairs.Storage;
using Microsoft.Extensions.Time.Testing;
using static Ancso.Ml.Cli.Tests.ErasureTestData;

namespace Ancso.Ml.Cli.Tests;

/// <summary>
/// <c>erase --older-than</c> and <c>--retention</c>: people's pairs stored longer ago than the age go, with their texts'
/// bytes; bootstrap pairs never expire, however old; other criteria narrow it further.
/// </summary>
public class CliEraseAgeTests
{
    // Each group's texts hold its marker. Old ones are stored 400 days ago, recent ones 30 days ago (through the SDK, with
    // a fake clock); the CLI erases by the real clock, so a one-year limit falls well between them.
    private const string OldX = "OLDXPAIRMK";
    private const string OldY = "OLDYPAIRMK";
    private const string OldUnattributed = "OLDUPAIRMK";
    private const string OldBootstrap = "OLDBPAIRMK";
    private const string RecentX = "NEWXPAIRMK";
    private const string RecentY = "NEWYPAIRMK";
    private static readonly string[] Groups = [OldX, OldY, OldUnattributed, OldBootstrap, RecentX, RecentY];

    [TestCase(new[] { "--older-than", "365d" }, new[] { OldX, OldY, OldUnattributed })]
    [TestCase(new[] { "--older-than", "8760h" }, new[] { OldX, OldY, OldUnattributed })]
    [TestCase(new[] { "--older-than", "365.00:00:00" }, new[] { OldX, OldY, OldUnattributed })]
    [TestCase(new[] { "--retention" }, new[] { OldX, OldY, OldUnattributed })]
    [TestCase(new[] { "--older-than", "7d" }, new[] { OldX, OldY, OldUnattributed, RecentX, RecentY })]
    [TestCase(new[] { "--older-than", "500d" }, new string[0])]
    [TestCase(new[] { "--rater", ErasureTestData.RaterX, "--older-than", "365d" }, new[] { OldX })]
    [TestCase(new[] { "--rater", ErasureTestData.RaterY, "--retention" }, new[] { OldY })]
    public async Task Erase_ByAge_OldPeoplesPairsGoBootstrapStays(string[] args, string[] gone)
    {
        using var cli = new CliRunner("--embeddings", "hashing");
        cli.UseConfig(Config(retention: "365.00:00:00"));
        await RaterTestData.BootstrapBioItemsAsync(cli, 2);
        var now = DateTimeOffset.UtcNow;
        await SeedAsync(cli,
        [
            Choice(RaterX, Text(OldX, "1"), Text(OldX, "2")),
            Choice(RaterX, Text(OldX, "3"), Text(OldX, "4")),
            Choice(RaterY, Text(OldY, "1"), Text(OldY, "2")),
            Choice(null, Text(OldUnattributed, "1"), Text(OldUnattributed, "2")),
            Choice(null, Text(OldBootstrap, "1"), Text(OldBootstrap, "2"), PairSources.Bootstrap),
        ], new FakeTimeProvider(now - TimeSpan.FromDays(400)));
        await SeedAsync(cli,
        [
            Choice(RaterX, Text(RecentX, "1"), Text(RecentX, "2")),
            Choice(RaterY, Text(RecentY, "1"), Text(RecentY, "2")),
        ], new FakeTimeProvider(now - TimeSpan.FromDays(30)));
        var before = await ReadStoreAsync(cli);
        var bootstrap = before.Pairs.Count(p => p.Source == PairSources.Bootstrap);
        var goneBefore = before.Pairs.Where(p => gone.Any(g => p.ItemA.Text.Contains(g, StringComparison.Ordinal))).ToList();

        var erased = await JsonAsync(cli, ["ranker", "erase", .. args]);
        var after = await ReadStoreAsync(cli);
        var bytes = FolderBytes(cli.DataDirectory);
        Assert.Multiple(() =>
        {
            Assert.That(erased.GetProperty("pairs").GetInt32(), Is.EqualTo(goneBefore.Count));
            Assert.That(erased.GetProperty("items").GetInt32(), Is.EqualTo(2 * goneBefore.Count), "each erased pair's two texts are its own");
            Assert.That(erased.GetProperty("embeddings").GetInt32(), Is.EqualTo(2 * goneBefore.Count));
            Assert.That(after.PairIds, Is.EquivalentTo(before.PairIds.Except(goneBefore.Select(p => p.Id))));
            Assert.That(after.Pairs.Count(p => p.Source == PairSources.Bootstrap), Is.EqualTo(bootstrap), "bootstrap pairs never expire, even 400 days old");
            foreach (var group in Groups)
            {
                Assert.That(FilesHolding(bytes, group), gone.Contains(group) ? Is.Empty : Does.Contain("pairs.db"), group);
            }
        });
    }
}
