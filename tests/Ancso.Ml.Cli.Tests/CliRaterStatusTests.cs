using System.Text.Json;

namespace Ancso.Ml.Cli.Tests;

/// <summary><c>status</c>'s raters: per human source, the raters and the heaviest of them with their share and agreement.</summary>
public class CliRaterStatusTests
{
    [Test]
    public async Task Status_AttributedAndUnattributedLabels_HeaviestRaterFirstWithShareAndPeerAgreement()
    {
        using var cli = new CliRunner("--embeddings", "hashing");
        cli.UseConfig(RaterTestData.Config());
        var i = await RaterTestData.BootstrapBioItemsAsync(cli, 10);

        // Manual votes: the contrarian 4, unattributed 3, peer 2, quiet 1. The contrarian's two shared pairs both go
        // against everyone else; on (0,1) the peer faces one vote each way.
        await RaterTestData.LabelAsync(cli, i[0], i[1], "b", "contrarian");
        await RaterTestData.LabelAsync(cli, i[2], i[3], "b", "contrarian");
        await RaterTestData.LabelAsync(cli, i[4], i[5], "a", "contrarian");
        await RaterTestData.LabelAsync(cli, i[6], i[7], "a", "contrarian");
        await RaterTestData.LabelAsync(cli, i[0], i[1], "a", "peer");
        await RaterTestData.LabelAsync(cli, i[8], i[9], "a", "peer");
        await RaterTestData.LabelAsync(cli, i[0], i[1], "a", "quiet");
        await RaterTestData.LabelAsync(cli, i[2], i[3], "a", null);
        await RaterTestData.LabelAsync(cli, i[4], i[6], "a", null);
        await RaterTestData.LabelAsync(cli, i[5], i[7], "a", null);
        var contrarian = RaterTestData.Pseudonym("contrarian");
        var peer = RaterTestData.Pseudonym("peer");

        var json = await cli.RunAsync("ranker", "status", "--json");
        Assert.That(json.ExitCode, Is.Zero, json.ToString());
        using (var document = JsonDocument.Parse(json.Out))
        {
            var sources = document.RootElement.GetProperty("raters").EnumerateArray().ToList();
            Assert.That(sources.Select(s => s.GetProperty("source").GetString()), Is.EqualTo(new[] { "manual" }), "bootstrap pairs have no raters");
            var manual = sources[0];
            Assert.That(manual.GetProperty("votes").GetInt32(), Is.EqualTo(10));
            Assert.That(manual.GetProperty("raters").GetInt32(), Is.EqualTo(4), "three named raters and the unattributed votes pooled as one");
            Assert.That(manual.GetProperty("unattributed_votes").GetInt32(), Is.EqualTo(3));
            var heaviest = manual.GetProperty("heaviest").EnumerateArray().ToList();
            Assert.That(heaviest.Select(h => h.GetProperty("rater").GetString()), Is.EqualTo(new[] { contrarian, "unattributed", peer }), "the three heaviest, heaviest first");
            Assert.That(heaviest.Select(h => h.GetProperty("votes").GetInt32()), Is.EqualTo(new[] { 4, 3, 2 }));
            Assert.That(heaviest.Select(h => h.GetProperty("share").GetDouble()), Is.EqualTo(new[] { 0.4, 0.3, 0.2 }).Within(1e-9));
            Assert.Multiple(() =>
            {
                Assert.That(heaviest[0].GetProperty("peer_agreement").GetDouble(), Is.Zero, "the contrarian sides with nobody");
                Assert.That(heaviest[0].GetProperty("shared_pairs").GetInt32(), Is.EqualTo(2));
                Assert.That(heaviest[1].GetProperty("peer_agreement").GetDouble(), Is.Zero);
                Assert.That(heaviest[1].GetProperty("shared_pairs").GetInt32(), Is.EqualTo(1));
                Assert.That(heaviest[2].GetProperty("peer_agreement").GetDouble(), Is.EqualTo(0.5), "a tie among the others counts half");
                Assert.That(heaviest[2].GetProperty("shared_pairs").GetInt32(), Is.EqualTo(1));
                Assert.That(heaviest.Select(h => h.GetProperty("model_agreement").ValueKind), Has.All.EqualTo(JsonValueKind.Null), "no model is active");
                Assert.That(heaviest.Select(h => h.GetProperty("model_sampled").GetInt32()), Has.All.Zero);
            });
        }

        var text = await cli.RunAsync("ranker", "status", "--top-raters", "4");
        Assert.That(text.ExitCode, Is.Zero, text.ToString());
        var lines = text.Out.Split('\n', StringSplitOptions.TrimEntries);
        Assert.That(lines, Does.Contain("raters: manual  votes: 10  raters: 4  unattributed_votes: 3"), text.Out);
        var raterLines = lines.SkipWhile(l => !l.StartsWith("raters: manual", StringComparison.Ordinal)).Skip(1).TakeWhile(l => l.Length > 0).ToList();
        Assert.That(raterLines, Has.Count.EqualTo(4), text.Out);
        Assert.That(raterLines[0], Is.EqualTo($"{contrarian}  votes: 4  share: 0.400  model_agreement: n/a (0)  peer_agreement: 0.000 (2 shared)"));
        Assert.That(raterLines[1], Does.StartWith("unattributed  votes: 3  share: 0.300"));
        Assert.That(raterLines[2], Does.StartWith($"{peer}  votes: 2  share: 0.200").And.EndWith("peer_agreement: 0.500 (1 shared)"));
        Assert.That(raterLines[3], Does.StartWith($"{RaterTestData.Pseudonym("quiet")}  votes: 1  share: 0.100").And.EndWith("peer_agreement: 0.500 (1 shared)"));
        Assert.That(text.Out, Does.Not.Contain("contrarian").And.Not.Contain("quiet"), "raw rater ids are never printed");
    }

    [Test]
    public async Task Status_AfterFloodAndTraining_FlooderHeaviestWithNoPeerAgreementAndModelAgreementSampled()
    {
        using var cli = new CliRunner("--embeddings", "hashing");
        cli.UseConfig(RaterTestData.Config());
        var ids = await RaterTestData.BootstrapBioItemsAsync(cli, 8);
        var pairs = await RaterTestData.PairsWithoutBootstrapAsync(cli, ids, 8);
        for (var i = 0; i < 4; i++)
        {
            await RaterTestData.LabelAsync(cli, pairs[i].A, pairs[i].B, "a", $"honest-{i}");
            await RaterTestData.LabelAsync(cli, pairs[i].A, pairs[i].B, "b", "flooder");
            await RaterTestData.LabelAsync(cli, pairs[i + 4].A, pairs[i + 4].B, "b", "flooder");
        }

        Assert.That((await cli.RunAsync("ranker", "train", "--from-store", "--epochs", "2")).ExitCode, Is.Zero);

        var status = await cli.RunAsync("ranker", "status", "--top-raters", "1", "--model-sample", "5", "--json");
        Assert.That(status.ExitCode, Is.Zero, status.ToString());
        using var json = JsonDocument.Parse(status.Out);
        var manual = json.RootElement.GetProperty("raters").EnumerateArray().Single();
        Assert.That(manual.GetProperty("source").GetString(), Is.EqualTo("manual"));
        var heaviest = manual.GetProperty("heaviest").EnumerateArray().ToList();
        Assert.That(heaviest, Has.Count.EqualTo(1), "--top-raters 1");
        var flooder = heaviest[0];
        Assert.Multiple(() =>
        {
            Assert.That(flooder.GetProperty("rater").GetString(), Is.EqualTo(RaterTestData.Pseudonym("flooder")));
            Assert.That(flooder.GetProperty("votes").GetInt32(), Is.EqualTo(8));
            Assert.That(flooder.GetProperty("share").GetDouble(), Is.EqualTo(8 / 12.0).Within(1e-9));
            Assert.That(flooder.GetProperty("peer_agreement").GetDouble(), Is.Zero);
            Assert.That(flooder.GetProperty("shared_pairs").GetInt32(), Is.EqualTo(4));
            Assert.That(flooder.GetProperty("model_sampled").GetInt32(), Is.EqualTo(5), "--model-sample 5 of the flooder's 8 votes, scored by the trained model");
            Assert.That(flooder.GetProperty("model_agreement").GetDouble(), Is.InRange(0.0, 1.0));
        });
    }

    [Test]
    public async Task Status_TrustUnattributedConfigured_EachUnattributedVoteItsOwnRater()
    {
        using var cli = new CliRunner("--embeddings", "hashing");
        cli.UseConfig(RaterTestData.Config());
        var i = await RaterTestData.BootstrapBioItemsAsync(cli, 4);
        await RaterTestData.LabelAsync(cli, i[0], i[1], "a", "someone");
        await RaterTestData.LabelAsync(cli, i[0], i[2], "a", null);
        await RaterTestData.LabelAsync(cli, i[0], i[3], "a", null);

        var pooled = await ManualRatersAsync(cli);
        Assert.That(pooled.GetProperty("raters").GetInt32(), Is.EqualTo(2));
        Assert.That(pooled.GetProperty("heaviest")[0].GetProperty("rater").GetString(), Is.EqualTo("unattributed"));

        cli.UseConfig(RaterTestData.Config(rankerExtra: ""","Training":{"InfluenceLimits":{"TrustUnattributed":true}}"""));
        var trusted = await ManualRatersAsync(cli);
        Assert.That(trusted.GetProperty("raters").GetInt32(), Is.EqualTo(3));
        var names = trusted.GetProperty("heaviest").EnumerateArray().Select(h => h.GetProperty("rater").GetString()).ToList();
        Assert.That(names, Has.Exactly(2).StartsWith("unattributed:"), "each unattributed vote named by its pair");
        Assert.That(names, Has.None.EqualTo("unattributed"));
    }

    [Test]
    public async Task Status_TopRatersAndModelSampleBoundaries_Accepted()
    {
        using var cli = new CliRunner("--embeddings", "hashing");
        var run = await cli.RunAsync("ranker", "status", "--top-raters", "100", "--model-sample", "0");
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Out, Does.Not.Contain("raters: "), "no human votes, no raters lines");
    }

    private static async Task<JsonElement> ManualRatersAsync(CliRunner cli)
    {
        var run = await cli.RunAsync("ranker", "status", "--json");
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        using var json = JsonDocument.Parse(run.Out);
        return json.RootElement.GetProperty("raters").EnumerateArray().Single(s => s.GetProperty("source").GetString() == "manual").Clone();
    }
}
