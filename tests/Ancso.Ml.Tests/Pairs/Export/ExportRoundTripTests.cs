using Ancso.Ml.Content;
using Ancso.Ml.Features;
using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Pairs.Storage;
using Ancso.Ml.Learning.Bootstrap;
using Ancso.Ml.Learning.Export;
using Ancso.Ml.Learning.Dataset;
using Ancso.Ml.Training.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Ancso.Ml.Tests.Pairs.Export;

/// <summary>
/// Every file the exporter can write (each layout, with and without filters), read back by the one reader both ways the
/// product reads it (rows, as a host would; into the trainer's pair set, as training does), gives exactly the vectors
/// the inference path builds for the same texts, with the services an app gets from <c>AddRanker()</c>.
/// </summary>
public class ExportRoundTripTests
{
    private static IEnumerable<TestCaseData> Exports()
    {
        foreach (var format in new[] { PairDatasetFormat.Compact, PairDatasetFormat.Jsonl })
        {
            yield return new TestCaseData(format, null, null).SetName($"Export_{format}_EveryPair_ReadsBackAsTheInferenceVectors");
            yield return new TestCaseData(format, "github", null).SetName($"Export_{format}_OnePlatform_ReadsBackAsTheInferenceVectors");
            yield return new TestCaseData(format, null, PairSources.UserChoice).SetName($"Export_{format}_OneSource_ReadsBackAsTheInferenceVectors");
        }
    }

    [TestCaseSource(nameof(Exports))]
    public async Task Export_ReadBackByTheOneReader_GivesTheVectorsTheInferencePathBuilds(PairDatasetFormat format, string? platform, string? source)
    {
        using var directory = new PairTestDirectory();
        var services = new ServiceCollection();
        services.AddRanker(o => o.ModelsDirectory = directory.File("models"))
            .AddSqlitePairStore(o => o.DatabasePath = directory.File("pairs.db"))
            .AddBootstrap()
            .AddDatasetExport(o =>
            {
                o.DatasetDirectory = directory.File("dataset");
                o.FeatureCacheCapacity = 4;
            });
        await using var provider = services.BuildServiceProvider();
        var recorder = provider.GetRequiredService<ITrainingSignalRecorder>();
        var features = provider.GetRequiredService<IFeatureBuilder>();
        var store = provider.GetRequiredService<IPairStore>();

        await recorder.RecordUserChoiceAsync(new UserChoice(
            "linkedin", "headline", "Engineer", "Staff engineer, payments platform | Go, Kafka | Cut settlement from 2 days to 4 hours", PairSide.B) { ReasonTags = ["clarity"] });
        await recorder.RecordUserChoiceAsync(new UserChoice(
            "github", "bio", "coder 💻🔥 | dev | tech", "I build open-source PostgreSQL tooling: plan visualisers and migration linters.", PairSide.B));
        await recorder.RecordEditAsync(new ContentEdit(
            "github", "bio", "coder 💻🔥 | dev | tech", "Maintainer of a 4k-star OpenAPI diff tool.", EditOutcome.Improved));
        await provider.GetRequiredService<IPairBootstrapper>().BootstrapAsync(new PairBootstrapRequest("github") { PairCount = 30 });

        var export = await provider.GetRequiredService<IPairDatasetExporter>().ExportAsync(
            new PairDatasetExportRequest { Format = format, Platform = platform, Source = source });
        var expectedPairs = (await store.CountPairsAsync(new PairFilter { Platform = platform, Source = source })).Total;
        Assert.That(Path.GetFileName(export.DatasetPath), Is.EqualTo(PairDatasetFiles.FileNameOf(format)));

        // Rows, as a host reads them: every vector is the inference path's for the item's text.
        var inference = new Dictionary<string, float[]>(StringComparer.Ordinal);
        async Task<float[]> InferenceVectorAsync(string itemId)
        {
            if (!inference.TryGetValue(itemId, out var vector))
            {
                var item = await store.GetItemAsync(itemId);
                Assert.That(item, Is.Not.Null, itemId);
                (vector, _) = await features.BuildAsync(new ContentItem(item!.Id, item.Platform, item.Section, item.Text));
                inference[itemId] = vector;
            }

            return vector;
        }

        var rows = 0;
        await foreach (var row in PairDatasetReader.ReadRowsAsync(export.DatasetPath!, export.Metadata!.FeatureNames.Count))
        {
            rows++;
            var pair = await store.GetPairAsync(row.PairId);
            Assert.That(pair, Is.Not.Null);
            Assert.That((row.AId, row.BId, row.Label, row.Source, row.Platform, row.Section), Is.EqualTo((pair!.ItemA.Id, pair.ItemB.Id, pair.Label, pair.Source, pair.Platform, pair.Section)));
            Assert.That((row.Tags, row.CreatedAt), Is.EqualTo((pair.Tags, pair.CreatedAt)));
            Assert.That(row.AFeatures, Is.EqualTo(await InferenceVectorAsync(row.AId)), $"A of {row.PairId}");
            Assert.That(row.BFeatures, Is.EqualTo(await InferenceVectorAsync(row.BId)), $"B of {row.PairId}");
        }

        Assert.That(rows, Is.EqualTo(expectedPairs).And.GreaterThan(0));

        // The trainer's read of the same folder: the hash the metadata gives, and the same vectors per item.
        PairSetBuilder? builder = null;
        var content = await PairDatasetReader.ReadAsync(directory.File("dataset"), _ => builder = new PairSetBuilder(features.Layout.Width), PairDatasetReader.MaxLineBytes, CancellationToken.None);
        var set = builder!.Build();
        Assert.That(content.Hash, Is.EqualTo(export.Metadata.DatasetHash));
        Assert.That(set.PairsRead, Is.EqualTo(expectedPairs));
        Assert.That(set.ItemIds, Has.Length.EqualTo(inference.Count));
        for (var i = 0; i < set.ItemCount; i++)
        {
            Assert.That(set.Features.AsSpan(i * set.Width, set.Width).SequenceEqual(inference[set.ItemIds[i]]), Is.True, $"item {set.ItemIds[i]}");
        }
    }
}
