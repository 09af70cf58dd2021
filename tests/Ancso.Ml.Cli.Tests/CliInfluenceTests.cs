using System.Text.Json;

namespace Ancso.Ml.Cli.Tests;

/// <summary><c>train</c>'s influence limits: one rater flooding flipped labels is capped to a small share of the human weight.</summary>
public class CliInfluenceTests
{
    private const int Items = 20;
    private const int HonestRaters = 20;
    private const int FloodExtra = 10;

    [Test]
    public async Task Train_OneRaterFloodsFlippedLabels_CappedToMaxRaterShareAndReported()
    {
        using var cli = new CliRunner("--embeddings", "hashing");
        cli.UseConfig(RaterTestData.Config());
        var ids = await RaterTestData.BootstrapBioItemsAsync(cli, Items);
        var pairs = await RaterTestData.PairsWithoutBootstrapAsync(cli, ids, HonestRaters + FloodExtra + 2);

        // Twenty raters label one pair each; the flooder labels the same twenty pairs the other way, and ten more;
        // two labels come without a rater. No bootstrap pair compares the same items, so only people vote on them.
        for (var i = 0; i < HonestRaters; i++)
        {
            await RaterTestData.LabelAsync(cli, pairs[i].A, pairs[i].B, "a", $"honest-{i}");
        }

        for (var i = 0; i < HonestRaters + FloodExtra; i++)
        {
            await RaterTestData.LabelAsync(cli, pairs[i].A, pairs[i].B, i < HonestRaters ? "b" : "a", "flooder");
        }

        await RaterTestData.LabelAsync(cli, pairs[^2].A, pairs[^2].B, "a", null);
        await RaterTestData.LabelAsync(cli, pairs[^1].A, pairs[^1].B, "a", null);
        const int HumanVotes = HonestRaters + HonestRaters + FloodExtra + 2;
        const double FlooderShare = (HonestRaters + FloodExtra) / (double)HumanVotes;

        // Each training has a seed of its own: the same model trained twice within a second would get the same version name.
        var capped = await TrainJsonAsync(cli, "--seed", "1");
        Assert.Multiple(() =>
        {
            Assert.That(capped.GetProperty("human_votes").GetInt32(), Is.EqualTo(HumanVotes));
            Assert.That(capped.GetProperty("unattributed_votes").GetInt32(), Is.EqualTo(2));
            Assert.That(capped.GetProperty("raters").GetInt32(), Is.EqualTo(HonestRaters + 2), "the honest raters, the flooder, and the unattributed votes pooled as one");
            Assert.That(capped.GetProperty("max_rater_share").GetDouble(), Is.EqualTo(0.05));
            Assert.That(capped.GetProperty("capped_raters").GetInt32(), Is.EqualTo(2),
                "the flooder, and the pooled unattributed votes (twice an honest rater's weight, over 5 % once the flooder is capped)");
            Assert.That(capped.GetProperty("largest_share_before").GetDouble(), Is.EqualTo(FlooderShare).Within(1e-9));
            Assert.That(capped.GetProperty("largest_share_after").GetDouble(), Is.LessThanOrEqualTo(0.05 + 1e-9));
            Assert.That(capped.GetProperty("pairs_merged").GetInt32(), Is.EqualTo(HonestRaters));
            Assert.That(capped.GetProperty("votes_outvoted").GetInt32(), Is.EqualTo(HonestRaters), "each flipped label loses to the honest one");
            Assert.That(capped.GetProperty("votes_tied").GetInt32(), Is.Zero);
            Assert.That(capped.GetProperty("votes_superseded").GetInt32(), Is.Zero);
        });

        var uncapped = await TrainJsonAsync(cli, "--seed", "2", "--max-rater-share", "1");
        Assert.Multiple(() =>
        {
            Assert.That(uncapped.GetProperty("max_rater_share").GetDouble(), Is.EqualTo(1.0));
            Assert.That(uncapped.GetProperty("capped_raters").GetInt32(), Is.Zero);
            Assert.That(uncapped.GetProperty("largest_share_after").GetDouble(), Is.EqualTo(FlooderShare).Within(1e-9));
            Assert.That(uncapped.GetProperty("votes_tied").GetInt32(), Is.EqualTo(2 * HonestRaters), "one honest vote against one flipped vote of equal weight");
            Assert.That(uncapped.GetProperty("votes_outvoted").GetInt32(), Is.Zero);
        });

        var trusted = await TrainJsonAsync(cli, "--seed", "3", "--trust-unattributed");
        Assert.That(trusted.GetProperty("raters").GetInt32(), Is.EqualTo(HonestRaters + 3), "each unattributed vote its own rater");
        Assert.That(trusted.GetProperty("trust_unattributed").GetBoolean(), Is.True);

        var text = await cli.RunAsync("ranker", "train", "--from-store", "--epochs", "2", "--seed", "4");
        Assert.That(text.ExitCode, Is.Zero, text.ToString());
        Assert.That(text.Out, Does.Contain($"influence: raters {HonestRaters + 2} over {HumanVotes} human votes (2 unattributed, pooled as one rater); capped 2 at ")
            .And.Contain($"votes superseded 0, merged 0, outvoted {HonestRaters}, tied 0"));
        Assert.That(text.Out + text.Error, Does.Not.Contain("flooder").And.Not.Contain("honest-"), "raw rater ids are never printed");
    }

    [TestCase("0")]
    [TestCase("1.5")]
    [TestCase("-0.2")]
    [TestCase("NaN")]
    [TestCase("lots")]
    public async Task Train_MaxRaterShareOutOfRange_UsageErrorNamingTheOption(string value)
    {
        using var cli = new CliRunner();
        var run = await cli.RunAsync("ranker", "train", "--max-rater-share", value);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
            Assert.That(run.Error, Does.StartWith("error: --max-rater-share").And.Contain($"'{value}'").And.Not.Contain("   at "), run.ToString());
            Assert.That(run.Out, Is.Empty);
        });
    }

    private static async Task<JsonElement> TrainJsonAsync(CliRunner cli, params string[] extra)
    {
        var run = await cli.RunAsync(["ranker", "train", "--from-store", "--epochs", "2", "--json", .. extra]);
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        using var json = JsonDocument.Parse(run.Out);
        return json.RootElement.GetProperty("influence").Clone();
    }
}
