using System.Text.Json;

namespace Ancso.Ml.Cli.Tests;

/// <summary><c>label --rater</c>: the store keeps only the keyed pseudonym; without a usable key nothing is stored.</summary>
public class CliRaterLabelTests
{
    // Distinctive, so that finding it anywhere in the output or the database's bytes means it leaked.
    private const string RawRaterId = "alice.rater+7f3e@example.org";

    [Test]
    public async Task Label_RaterWithKeyFromConfig_PrintsAndStoresOnlyTheKeyedPseudonym()
    {
        using var cli = new CliRunner("--embeddings", "hashing");
        cli.UseConfig(RaterTestData.Config());
        var ids = await RaterTestData.BootstrapBioItemsAsync(cli, 4);
        var expected = RaterTestData.Pseudonym(RawRaterId);

        var json = await cli.RunAsync("ranker", "label", "--a", ids[0], "--b", ids[1], "--better", "a", "--rater", RawRaterId, "--json");
        Assert.That(json.ExitCode, Is.Zero, json.ToString());
        using (var document = JsonDocument.Parse(json.Out))
        {
            Assert.That(document.RootElement.GetProperty("rater").GetString(), Is.EqualTo(expected));
            Assert.That(document.RootElement.GetProperty("new").GetBoolean(), Is.True);
        }

        var text = await cli.RunAsync("ranker", "label", "--a", ids[2], "--b", ids[3], "--better", "b", "--rater", RawRaterId);
        Assert.That(text.ExitCode, Is.Zero, text.ToString());
        Assert.That(text.Out, Does.Contain($"rater: {expected}"));

        var unattributed = await cli.RunAsync("ranker", "label", "--a", ids[1], "--b", ids[2], "--better", "a");
        Assert.That(unattributed.ExitCode, Is.Zero, unattributed.ToString());
        Assert.That(unattributed.Out, Does.Contain("rater: unattributed"));

        foreach (var run in new[] { json, text, unattributed })
        {
            Assert.That(run.Out + run.Error, Does.Not.Contain(RawRaterId).IgnoreCase, run.ToString());
        }

        var stored = RaterTestData.PairStoreBytes(cli);
        Assert.That(RaterTestData.Holds(stored, expected), Is.True, "the pseudonym is in the store, so these are the bytes the labels went to");
        Assert.That(RaterTestData.Holds(stored, RawRaterId), Is.False, "the raw rater id is never stored");
        Assert.That(RaterTestData.Holds(stored, RawRaterId.ToUpperInvariant()), Is.False);
    }

    [Test]
    [NonParallelizable]
    public async Task Label_RaterWithKeyFromEnvironment_SamePseudonym()
    {
        const string Variable = "ANCSO_Ranker__Signals__RaterKey";
        var previous = Environment.GetEnvironmentVariable(Variable);
        Environment.SetEnvironmentVariable(Variable, RaterTestData.KeyBase64);
        try
        {
            using var cli = new CliRunner("--embeddings", "hashing");
            var ids = await RaterTestData.BootstrapBioItemsAsync(cli, 2);
            var run = await cli.RunAsync("ranker", "label", "--a", ids[0], "--b", ids[1], "--better", "b", "--rater", "bob", "--json");
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            using var document = JsonDocument.Parse(run.Out);
            Assert.That(document.RootElement.GetProperty("rater").GetString(), Is.EqualTo(RaterTestData.Pseudonym("bob")));
        }
        finally
        {
            Environment.SetEnvironmentVariable(Variable, previous);
        }
    }

    [Test]
    public async Task Label_RaterWithoutKey_UsageErrorNamingTheSettingAndNothingStored()
    {
        using var cli = new CliRunner("--embeddings", "hashing");
        var ids = await RaterTestData.BootstrapBioItemsAsync(cli, 2);
        var before = await RaterTestData.PairCountAsync(cli);

        var run = await cli.RunAsync("ranker", "label", "--a", ids[0], "--b", ids[1], "--better", "a", "--rater", RawRaterId);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
            Assert.That(run.Error, Does.StartWith("error: ").And.Contain("Ranker:Signals:RaterKey").And.Contain("ANCSO_Ranker__Signals__RaterKey"));
            Assert.That(run.Out + run.Error, Does.Not.Contain(RawRaterId));
            Assert.That(run.Out, Is.Empty);
        });
        Assert.That(await RaterTestData.PairCountAsync(cli), Is.EqualTo(before), "nothing stored");
        Assert.That(RaterTestData.Holds(RaterTestData.PairStoreBytes(cli), RawRaterId), Is.False);
    }

    [TestCase("not base64 at all!")]
    [TestCase("AAECAwQFBgcICQoLDA0ODw==")] // base64 of 16 bytes
    public async Task Label_MalformedRaterKey_SaysNotBase64OfAtLeast32BytesAndNothingStored(string key)
    {
        using var cli = new CliRunner("--embeddings", "hashing");
        var ids = await RaterTestData.BootstrapBioItemsAsync(cli, 2);
        var before = await RaterTestData.PairCountAsync(cli);
        cli.UseConfig(RaterTestData.Config(key));

        var run = await cli.RunAsync("ranker", "label", "--a", ids[0], "--b", ids[1], "--better", "a", "--rater", RawRaterId);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Not.Zero, run.ToString());
            Assert.That(run.Error, Does.Contain("Ranker:Signals:RaterKey is not base64 of at least 32 bytes"), run.ToString());
            Assert.That(run.Out + run.Error, Does.Not.Contain(RawRaterId).And.Not.Contain(key));
        });
        cli.ConfigFile = null;
        Assert.That(await RaterTestData.PairCountAsync(cli), Is.EqualTo(before), "nothing stored");
    }

    [TestCase("")]
    [TestCase("   ")]
    public async Task Label_EmptyRater_RefusedAndNothingStored(string rater)
    {
        using var cli = new CliRunner("--embeddings", "hashing");
        cli.UseConfig(RaterTestData.Config());
        var ids = await RaterTestData.BootstrapBioItemsAsync(cli, 2);
        var before = await RaterTestData.PairCountAsync(cli);

        var run = await cli.RunAsync("ranker", "label", "--a", ids[0], "--b", ids[1], "--better", "a", "--rater", rater);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Not.Zero, run.ToString());
            Assert.That(run.Error, Does.StartWith("error: ").And.Contain("rater id is empty"), run.ToString());
            Assert.That(run.Out, Is.Empty);
        });
        Assert.That(await RaterTestData.PairCountAsync(cli), Is.EqualTo(before), "nothing stored");
    }
}
