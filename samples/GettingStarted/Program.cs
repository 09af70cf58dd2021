// Program.cs of a console app (dotnet new console) with two packages (packed locally until they are on a public feed:
// add --prerelease --source <your packages folder>, see "Trying them without publishing"):
//   dotnet add package Ancso.Ml                   (scoring)
//   dotnet add package Ancso.Ml.Embeddings.Local  (the offline arctic-embed-xs encoder, in int8 as the ancso CLI trains with it)
// and a trained model in ./models (ancso ranker quickstart writes one there).
using Ancso.Ml.Content;
using Ancso.Ml.Embeddings.Local;
using Ancso.Ml.Inference;
using Microsoft.Extensions.DependencyInjection;

var services = new ServiceCollection();
services.AddRanker(options => options.ModelsDirectory = "models")  // the folder holding active_model.json, relative to the current folder
    .UseLocalEmbeddings(o => o.Precision = LocalEmbeddingPrecision.Int8);  // the embedder the model was trained with; without it: offline hashing
await using var provider = services.BuildServiceProvider();

var ranker = provider.GetRequiredService<IRankerInferenceService>();
await ranker.InitializeAsync();                                     // load the model now (in a host: .WarmUpOnStart())

var a = new ContentItem("a", ContentPlatforms.LinkedIn, ContentSections.Headline, "Backend engineer | Go, PostgreSQL | Cut settlement time from 2 days to 4 hours");
var b = new ContentItem("b", ContentPlatforms.LinkedIn, ContentSections.Headline, "Results-driven passionate rockstar ninja | Synergy | Thought leader");
ComparisonResult result = await ranker.CompareAsync(a, b);

Console.WriteLine($"winner: {result.Preference}");                 // A, B or Tie
Console.WriteLine($"confidence: {result.Confidence:0.000}");       // in [0.5, 1]
Console.WriteLine($"reasons: {string.Join(", ", result.Reasons.Select(r => $"{r.Tag} ({r.Strength:0.00})"))}");  // why the winner wins, strongest first
Console.WriteLine($"provenance: {result.Provenance.Name}");        // model, or heuristic when no usable model was found
Console.WriteLine(result.Provenance.Kind == ProvenanceKind.Model
    ? $"model_version: {result.Provenance.ModelVersion}"
    : $"reason: {result.Provenance.Reason} ({result.Provenance.Detail})");
