using System.Net.Http.Json;
using System.Text.Json;
using Ancso.Ml.Inference;
using Ancso.Ml.Samples.RetrainWorker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ancso.Ml.Samples.Tests;

/// <summary>
/// The WebApi and RetrainWorker samples embed as the ancso CLI does unless told otherwise (arctic-embed-xs in int8), so a model
/// trained with the CLI scores in them; the other tests set <c>Embeddings</c> to <c>hashing</c>, which loads no model.
/// </summary>
public class SampleEmbeddingsTests
{
    private const string Arctic = "local:arctic-embed-xs-int8";

    [Test]
    public async Task WebApi_EmbeddingsUnset_ScoresWithTheClisArcticEncoder()
    {
        using var folder = new TempFolder();
        using var factory = new WebApiFactory(folder, new Dictionary<string, string?> { ["Embeddings"] = null });
        using var client = factory.CreateClient();

        var health = await client.GetFromJsonAsync<JsonElement>(new Uri("/health", UriKind.Relative));

        Assert.That(health.GetProperty("embeddingGenerator").GetString(), Is.EqualTo(Arctic));
    }

    [Test]
    public async Task AppSettings_BothSamples_NameArcticAsTheCliDoes()
    {
        foreach (var sample in new[] { "WebApi", "RetrainWorker" })
        {
            var settings = await File.ReadAllTextAsync(RepositoryFolder.Combine("samples", sample, "appsettings.json"));
            using var json = JsonDocument.Parse(settings);
            Assert.That(json.RootElement.GetProperty("Embeddings").GetString(), Is.EqualTo("arctic-int8"), sample);
        }
    }

    [Test]
    public async Task RetrainWorker_EmbeddingsUnset_TrainsAndScoresWithTheClisArcticEncoder()
    {
        using var folder = new TempFolder();
        var settings = new Dictionary<string, string?>(WebApiFactory.Settings(folder));
        settings.Remove("Embeddings");
        var services = new ServiceCollection().AddLogging();
        services.AddRetrainWorker(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        await using var provider = services.BuildServiceProvider();

        var status = await provider.GetRequiredService<IRankerInferenceService>().GetStatusAsync();

        Assert.That(status.FeatureLayout.EmbeddingGeneratorId, Is.EqualTo(Arctic));
    }

    [Test]
    public void RetrainWorker_UnknownEmbeddings_FailsNamingTheChoices()
    {
        using var folder = new TempFolder();
        var settings = new Dictionary<string, string?>(WebApiFactory.Settings(folder)) { ["Embeddings"] = "word2vec" };

        var failure = Assert.Throws<InvalidOperationException>(() =>
            new ServiceCollection().AddRetrainWorker(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()));

        Assert.That(failure.Message, Does.Contain("'word2vec'").And.Contain("arctic").And.Contain("hashing"));
    }
}
