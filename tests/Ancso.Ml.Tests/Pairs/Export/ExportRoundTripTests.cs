using Ancso.Ml.Content;
using Ancso.Ml.Features;
using Ancso.Ml.Pairs;
using Ancso.Ml.Pairs.Bootstrap;
using Ancso.Ml.Pairs.Export;
using Ancso.Ml.Training.Data;
using TrainerReader = Ancso.Ml.Training.Data.PairDatasetReader;
using Microsoft.Extensions.DependencyInjection;

namespace Ancso.Ml.Tests.Pairs.Export;

/// <summary>
/// The whole data path with the services an app gets from <c>AddRanker()</c>: signals into a real SQLite file, export,
/// then the trainer's reader: its vectors are exactly those the inference path builds for the same texts.
/// </summary>
public class ExportRoundTripTests
{
    [Test]
    public async Task Export_ThenTrainersReader_GivesTheVectorsTheInferencePathBuilds()
    {
        using var directory = new PairTestDirectory();
        var services = new ServiceCollection();
        services.AddRanker(o => o.ModelsDirectory = directory.File("models"))
            .AddSqlitePairStore(o =>
            {
                o.DatabasePath = directory.File("pairs.db");
                o.DatasetDirectory = directory.File("dataset");
            })
            .AddBootstrap()
            .AddDatasetExport();
        await using var provider = services.BuildServiceProvider();
        var recorder = provider.GetRequiredService<ITrainingSignalRecorder>();
        var features = provider.GetRequiredService<IFeatureBuilder>();

        var choice = await recorder.RecordUserChoiceAsync(new UserChoice(
            "linkedin", "headline", "Engineer", "Staff engineer, payments platform | Go, Kafka | Cut settlement from 2 days to 4 hours", PairSide.B));
        var edit = await recorder.RecordEditAsync(new ContentEdit(
            "github", "bio", "coder 💻🔥 | dev | tech", "I build open-source PostgreSQL tooling: plan visualisers and migration linters.", EditOutcome.Improved));
        await provider.GetRequiredService<IPairBootstrapper>().BootstrapAsync(new PairBootstrapRequest("github") { PairCount = 30 });

        var export = await provider.GetRequiredService<IPairDatasetExporter>().ExportAsync();
        var builder = new PairSetBuilder(features.Layout.Width);
        await TrainerReader.ReadAsync(export.DatasetPath!, builder, CancellationToken.None);
        var set = builder.Build();

        Assert.That(set.PairCount, Is.EqualTo(32));
        var store = provider.GetRequiredService<IPairStore>();
        var checkedItems = 0;
        foreach (var itemId in set.ItemIds)
        {
            var item = await store.GetItemAsync(itemId);
            Assert.That(item, Is.Not.Null, itemId);
            var (expected, _) = await features.BuildAsync(new ContentItem(item!.Id, item.Platform, item.Section, item.Text));
            var index = Array.IndexOf(set.ItemIds, itemId);
            Assert.That(set.Features.AsSpan(index * set.Width, set.Width).SequenceEqual(expected), Is.True,
                $"item {itemId} ({item.Platform}/{item.Section}): exported features differ from the inference path's");
            checkedItems++;
        }

        Assert.That(checkedItems, Is.GreaterThanOrEqualTo(40));
        Assert.That(set.ItemIds, Does.Contain(choice.ItemBId).And.Contain(edit.ItemAId));
    }
}
