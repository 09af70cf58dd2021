using Ancso.Ml.Content;
using Ancso.Ml.Inference;
using Ancso.Ml.Models;
using Ancso.Ml.Learning.Bootstrap;
using Ancso.Ml.Learning.Export;
using Ancso.Ml.Learning.Dataset;
using Ancso.Ml.Training;
using Microsoft.Extensions.DependencyInjection;

// One folder holds everything: the pair store, the exported dataset and the models.
var root = Path.GetFullPath(args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "ancso-quickstart"));
var models = Path.Combine(root, "models");
Console.WriteLine($"data folder: {root}");

var services = new ServiceCollection();
services.AddRanker(options => options.ModelsDirectory = models)
    .AddSqlitePairStore(options => options.DatabasePath = Path.Combine(root, "pairs.db"))
    .AddBootstrap()
    .AddDatasetExport(options => options.DatasetDirectory = Path.Combine(root, "dataset"));
services.AddRankerTraining();
await using var provider = services.BuildServiceProvider();

// 1. Bootstrap training pairs from the built-in benchmark profiles: good text vs a degraded copy.
var bootstrapper = provider.GetRequiredService<IPairBootstrapper>();
foreach (var platform in ContentPlatforms.All)
{
    var outcome = await bootstrapper.BootstrapAsync(new PairBootstrapRequest(platform) { PairCount = 200 });
    Console.WriteLine($"bootstrap {platform}: {outcome.Generated.Produced} pairs ({outcome.Added} new)");
}

// 2. Export the pair store as dataset.bin (compact; Format = PairDatasetFormat.Jsonl for dataset.jsonl) + metadata.json.
var export = await provider.GetRequiredService<IPairDatasetExporter>().ExportAsync();
Console.WriteLine($"export: {export.Counts.Total} pairs -> {export.DatasetPath}");

// 3. Train a few epochs (TorchSharp), export to ONNX and store the version without activating it yet.
var training = await provider.GetRequiredService<IRankerTrainer>().TrainAsync(new RankerTrainingOptions
{
    DatasetPath = export.DatasetPath!,
    OutputDirectory = models,
    Epochs = 10,
    Activate = false,
});
Console.WriteLine($"trained {training.Version}: validation accuracy {training.ValidationAccuracy:P1}");

// 4. Activate it: every ranker watching this models folder switches to it.
await provider.GetRequiredService<IModelRegistry>().ActivateAsync(training.Version);

// 5. Rank a few headlines with the model.
var ranker = provider.GetRequiredService<IRankerInferenceService>();
await ranker.InitializeAsync();
var ranking = await ranker.RankAsync(
[
    new ContentItem("a", ContentPlatforms.LinkedIn, ContentSections.Headline, "Software engineer"),
    new ContentItem("b", ContentPlatforms.LinkedIn, ContentSections.Headline, "Staff engineer | Cut checkout latency 45% for 12M users | Go, Kafka, PostgreSQL"),
    new ContentItem("c", ContentPlatforms.LinkedIn, ContentSections.Headline, "Passionate, results-driven, synergistic rockstar ninja guru!!!"),
]);
Console.WriteLine($"provenance: {ranking.Provenance}");
foreach (var ranked in ranking.Items)
{
    Console.WriteLine($"{ranked.Rank}. {ranked.Score:0.000}  {ranked.Item.Text}");
}
