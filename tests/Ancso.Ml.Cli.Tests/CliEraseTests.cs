using System.Text.Json;
using static Ancso.Ml.Cli.Tests.ErasureTestData;

namespace Ancso.Ml.Cli.Tests;

/// <summary>
/// <c>erase --rater</c> through the CLI: the person's texts, item ids and pseudonym leave every byte of the data folder,
/// the dataset that held them is deleted, the model trained on them is marked, others' data stays, a rerun is a no-op,
/// and <c>--retrain --purge-models</c> leaves only models that never saw the erased data.
/// </summary>
public class CliEraseTests
{
    [Test]
    public async Task Erase_Rater_BytesLeaveDataFolderOthersStayModelMarkedRerunNoOpRetrainPurges()
    {
        using var cli = new CliRunner("--embeddings", "hashing");
        var people = await PrepareAsync(cli);
        await RunAsync(cli, "export");
        await RunAsync(cli, "train", "--epochs", "2", "--seed", "1");
        var v1 = (await VersionsAsync(cli)).Keys.Single();
        var before = await ReadStoreAsync(cli);
        Assert.That(before.PairsOf(RaterX), Has.Count.EqualTo(people.XPairs));
        Assert.That(before.PairsOf(RaterY), Has.Count.EqualTo(people.YPairs));
        var beforeBytes = FolderBytes(cli.DataDirectory);
        Assert.That(FilesHolding(beforeBytes, XMarker), Does.Contain("pairs.db"), "the scan finds X's texts where they are");
        Assert.That(ItemIdsIn(beforeBytes), Is.SupersetOf(people.XItemIds), "the scan finds X's item ids where they are");

        var erased = await JsonAsync(cli, "ranker", "erase", "--rater", RaterX);
        Assert.Multiple(() =>
        {
            Assert.That(erased.GetProperty("dry_run").GetBoolean(), Is.False);
            Assert.That(erased.GetProperty("pairs").GetInt32(), Is.EqualTo(people.XPairs));
            Assert.That(erased.GetProperty("items").GetInt32(), Is.EqualTo(people.XItemIds.Length), "the items only X's pairs used; the bootstrap items X labelled and the shared one stay");
            Assert.That(erased.GetProperty("embeddings").GetInt32(), Is.EqualTo(people.XItemIds.Length), "the cached embeddings of X's texts");
            Assert.That(Strings(erased, "dataset_files_deleted"), Is.EqualTo(new[] { "dataset.jsonl", "metadata.json" }));
            Assert.That(Strings(erased, "models_trained_on_erased_data"), Is.EqualTo(new[] { v1 }));
            Assert.That(erased.GetProperty("active_model_trained_on_erased_data").GetBoolean(), Is.True);
            Assert.That(erased.GetProperty("retrained").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(Strings(erased, "purged_models"), Is.Empty);
        });

        await AssertXGoneAndYKeptAsync(cli, people, before);
        Assert.That(await VersionsAsync(cli), Is.EquivalentTo(new Dictionary<string, (bool, bool?)> { [v1] = (true, true) }));
        var listing = await cli.RunAsync("ranker", "versions");
        Assert.That(listing.Out, Does.Match($@"\* {v1} .*trained_on_erased_data: yes"), listing.ToString());

        // A rerun erases nothing, deletes nothing, and still says which model learned from the erased data.
        var again = await cli.RunAsync("ranker", "erase", "--rater", RaterX);
        Assert.That(again.ExitCode, Is.Zero, again.ToString());
        Assert.That(again.Out, Does.Contain("erased: pairs 0  items 0  embeddings 0")
            .And.Contain("datasets_deleted: none")
            .And.Contain($"models_trained_on_erased_data: {v1}")
            .And.Contain("the active model learned from erased data"), again.ToString());
        await AssertXGoneAndYKeptAsync(cli, people, before);
        Assert.That(await VersionsAsync(cli), Is.EquivalentTo(new Dictionary<string, (bool, bool?)> { [v1] = (true, true) }));

        // A model trained after the erasure is not marked; the old one stays marked.
        await RunAsync(cli, "export");
        await RunAsync(cli, "train", "--epochs", "2", "--seed", "2");
        var versions = await VersionsAsync(cli);
        var v2 = versions.Keys.Single(v => v != v1);
        Assert.That(versions, Is.EquivalentTo(new Dictionary<string, (bool, bool?)> { [v1] = (false, true), [v2] = (true, false) }));
        listing = await cli.RunAsync("ranker", "versions");
        Assert.That(listing.Out, Does.Match($@"\* {v2} .*trained_on_erased_data: no").And.Match($@"  {v1} .*trained_on_erased_data: yes"), listing.ToString());

        // Retrain and purge: only versions that never saw X's data are left, the new one active; the new dataset stays.
        var purge = await JsonAsync(cli, "ranker", "erase", "--rater", RaterX, "--retrain", "--purge-models");
        var v3 = purge.GetProperty("retrained").GetString();
        Assert.Multiple(() =>
        {
            Assert.That(purge.GetProperty("pairs").GetInt32(), Is.Zero);
            Assert.That(Strings(purge, "dataset_files_deleted"), Is.Empty, "the dataset exported after the erasure holds nothing erased");
            Assert.That(v3, Is.Not.Null.And.Not.EqualTo(v1).And.Not.EqualTo(v2));
            Assert.That(Strings(purge, "purged_models"), Is.EqualTo(new[] { v1 }));
            Assert.That(Strings(purge, "models_trained_on_erased_data"), Is.Empty);
            Assert.That(purge.GetProperty("active_model_trained_on_erased_data").GetBoolean(), Is.False);
        });
        Assert.That(await VersionsAsync(cli), Is.EquivalentTo(new Dictionary<string, (bool, bool?)> { [v2] = (false, false), [v3!] = (true, false) }));
        Assert.That(Directory.GetFiles(cli.ModelsDirectory, $"*{v1}*"), Is.Empty, "the purged version's files are gone");
        Assert.That(File.Exists(Path.Combine(cli.DataDirectory, "dataset.jsonl")), Is.True);
    }

    [Test]
    public async Task Erase_RetrainAndPurge_ActiveModelLearnedFromErasedData_ReplacedThenPurged()
    {
        using var cli = new CliRunner("--embeddings", "hashing");
        var people = await PrepareAsync(cli);
        await RunAsync(cli, "export");
        await RunAsync(cli, "train", "--epochs", "2", "--seed", "1");
        var v1 = (await VersionsAsync(cli)).Keys.Single();

        var run = await cli.RunAsync("ranker", "erase", "--rater", RaterX, "--retrain", "--purge-models");
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        var versions = await VersionsAsync(cli);
        var v2 = versions.Keys.Single();
        Assert.Multiple(() =>
        {
            Assert.That(v2, Is.Not.EqualTo(v1));
            Assert.That(versions[v2], Is.EqualTo((true, (bool?)false)), "the replacement is active and learned nothing erased");
            Assert.That(run.Out, Does.Contain($"erased: pairs {people.XPairs}  items {people.XItemIds.Length}  embeddings {people.XItemIds.Length}")
                .And.Contain("datasets_deleted: dataset.jsonl, metadata.json")
                .And.Contain($"retrained: {v2} (active)")
                .And.Contain($"purged_models: {v1}")
                .And.Contain("models_trained_on_erased_data: none")
                .And.Not.Contain("the active model learned from erased data"), run.ToString());
            Assert.That(run.Out + run.Error, Does.Not.Contain(RaterX).And.Not.Contain(XMarker), "the erasure never prints whose data it erased");
        });
    }

    [Test]
    public async Task Erase_PurgeModelsWithoutRetrain_DeletesMarkedVersionsButNeverTheActiveOne()
    {
        using var cli = new CliRunner("--embeddings", "hashing");
        await PrepareAsync(cli);
        await RunAsync(cli, "export");
        await RunAsync(cli, "train", "--epochs", "2", "--seed", "1");
        var active = (await VersionsAsync(cli)).Keys.Single();
        await RunAsync(cli, "train", "--epochs", "2", "--seed", "2", "--no-activate");
        var inactive = (await VersionsAsync(cli)).Keys.Single(v => v != active);

        var run = await cli.RunAsync("ranker", "erase", "--rater", RaterX, "--purge-models");
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Out, Does.Contain($"purged_models: {inactive}")
            .And.Contain($"models_trained_on_erased_data: {active}")
            .And.Contain("the active model learned from erased data: run 'ancso ranker erase ... --retrain'"), run.ToString());
        Assert.That(await VersionsAsync(cli), Is.EquivalentTo(new Dictionary<string, (bool, bool?)> { [active] = (true, true) }), "the active version keeps serving until replaced");
    }

    [Test]
    public async Task Erase_TextOrItem_EveryPairWithItGoesWhoeverRecordedItCriteriaCombine()
    {
        using var cli = new CliRunner("--embeddings", "hashing");
        var people = await PrepareAsync(cli);
        var before = await ReadStoreAsync(cli);

        // Y's item and X's pairs: no pair matches both.
        var none = await JsonAsync(cli, "ranker", "erase", "--item", people.YItemIds[0], "--rater", RaterX);
        Assert.That((none.GetProperty("pairs").GetInt32(), none.GetProperty("items").GetInt32()), Is.EqualTo((0, 0)));

        // The shared text: X's pair and Y's pair with it go, with the three items they alone used.
        var text = await JsonAsync(cli, "ranker", "erase", "--text", people.SharedText);
        Assert.That((text.GetProperty("pairs").GetInt32(), text.GetProperty("items").GetInt32(), text.GetProperty("embeddings").GetInt32()), Is.EqualTo((2, 3, 3)));
        var item = await JsonAsync(cli, "ranker", "erase", "--item", people.YItemIds[0]);
        Assert.That((item.GetProperty("pairs").GetInt32(), item.GetProperty("items").GetInt32()), Is.EqualTo((1, 2)));

        var after = await ReadStoreAsync(cli);
        var gone = new[] { people.SharedItemId, people.XItemIds[12], people.YItemIds[8], people.YItemIds[0], people.YItemIds[1] };
        Assert.That(after.ItemIds, Is.EquivalentTo(before.ItemIds.Except(gone)));
        Assert.That(after.Pairs, Has.Count.EqualTo(before.Pairs.Count - 3));
        Assert.That(FilesHolding(FolderBytes(cli.DataDirectory), "SHAREDBIOKT"), Is.Empty, "the erased text's bytes left the files");
    }

    /// <summary>
    /// Bootstraps GitHub pairs; X and Y each record choices between texts only they use (through the SDK) and one with a
    /// text they share, and label two pairs of bootstrap items through the CLI.
    /// </summary>
    internal static async Task<People> PrepareAsync(CliRunner cli)
    {
        cli.UseConfig(Config());
        var ids = await RaterTestData.BootstrapBioItemsAsync(cli, 8);
        var labels = await RaterTestData.PairsWithoutBootstrapAsync(cli, ids, 4);
        var shared = Text("SHAREDBIOKT", "0");
        string[] x = [.. Enumerable.Range(0, 13).Select(i => Text(XMarker, $"{i:D2}"))];
        string[] y = [.. Enumerable.Range(0, 9).Select(i => Text(YMarker, $"{i:D2}"))];
        await SeedAsync(cli,
        [
            .. Enumerable.Range(0, 6).Select(i => Choice(RaterX, x[2 * i], x[(2 * i) + 1])),
            Choice(RaterX, x[12], shared),
            .. Enumerable.Range(0, 4).Select(i => Choice(RaterY, y[2 * i], y[(2 * i) + 1])),
            Choice(RaterY, shared, y[8]),
        ]);
        await RaterTestData.LabelAsync(cli, labels[0].A, labels[0].B, "a", RaterX);
        await RaterTestData.LabelAsync(cli, labels[1].A, labels[1].B, "b", RaterX);
        await RaterTestData.LabelAsync(cli, labels[2].A, labels[2].B, "a", RaterY);
        await RaterTestData.LabelAsync(cli, labels[3].A, labels[3].B, "b", RaterY);
        return new People([.. x.Select(ItemId)], [.. y.Select(ItemId)], shared, XPairs: 7 + 2, YPairs: 5 + 2);
    }

    internal static async Task RunAsync(CliRunner cli, params string[] args)
    {
        var run = await cli.RunAsync(["ranker", .. args]);
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
    }

    internal static string[] Strings(JsonElement element, string property) =>
        [.. element.GetProperty(property).EnumerateArray().Select(e => e.GetString()!)];

    private static async Task AssertXGoneAndYKeptAsync(CliRunner cli, People people, StoreSnapshot before)
    {
        var bytes = FolderBytes(cli.DataDirectory);
        var ids = ItemIdsIn(bytes);
        var after = await ReadStoreAsync(cli);
        var listed = await JsonAsync(cli, "ranker", "items", "--limit", "10000");
        var listedIds = listed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToHashSet(StringComparer.Ordinal);
        Assert.Multiple(() =>
        {
            Assert.That(FilesHolding(bytes, XMarker), Is.Empty, "no fragment of X's texts, in UTF-8 or UTF-16, in " + string.Join(", ", bytes.Select(f => f.Name)));
            Assert.That(ids.Intersect(people.XItemIds), Is.Empty, "none of X's item ids");
            Assert.That(FilesHolding(bytes, RaterTestData.Pseudonym(RaterX)), Is.Empty, "not X's pseudonym");
            Assert.That(FilesHolding(bytes, RaterX), Is.Empty);
            Assert.That(new[] { "dataset.jsonl", "dataset.bin", "metadata.json" }.Where(f => File.Exists(Path.Combine(cli.DataDirectory, f))), Is.Empty, "the dataset that held X's pairs is deleted");

            Assert.That(FilesHolding(bytes, YMarker), Does.Contain("pairs.db"), "Y's texts are still there");
            Assert.That(ids, Is.SupersetOf(people.YItemIds).And.Contains(people.SharedItemId));
            Assert.That(after.PairsOf(RaterX), Is.Empty);
            Assert.That(after.PairsOf(RaterY).Select(p => p.Id), Is.EquivalentTo(before.PairsOf(RaterY).Select(p => p.Id)), "Y's pairs are all still streamed");
            Assert.That(after.PairIds, Is.EquivalentTo(before.PairIds.Except(before.PairsOf(RaterX).Select(p => p.Id))), "nobody else's pair went");
            Assert.That(after.ItemIds, Is.EquivalentTo(before.ItemIds.Except(people.XItemIds)), "only the items nobody else uses went");
            Assert.That(after.Embeddings, Is.EqualTo(before.Embeddings - people.XItemIds.Length), "only the cached embeddings of X's texts went");
            Assert.That(listedIds, Is.EquivalentTo(after.ItemIds), "items lists what remains");
            Assert.That(listedIds, Is.SupersetOf(people.YItemIds).And.Contains(people.SharedItemId));
        });
    }

    internal sealed record People(string[] XItemIds, string[] YItemIds, string SharedText, int XPairs, int YPairs)
    {
        public string SharedItemId => ItemId(SharedText);
    }
}
