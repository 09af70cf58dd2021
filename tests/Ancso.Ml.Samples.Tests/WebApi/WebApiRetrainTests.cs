using System.Net.Http.Json;
using System.Text.Json;
using Ancso.Ml.Inference;
using Ancso.Ml.Samples.RetrainWorker;
using Ancso.Ml.Samples.Tests.RetrainWorker;
using Microsoft.Extensions.DependencyInjection;

namespace Ancso.Ml.Samples.Tests.WebApi;

/// <summary>The two samples together: choices recorded through the API train a model that the running API then serves.</summary>
public class WebApiRetrainTests
{
    [Test]
    public async Task Choices_ThenRetrain_RunningApiSwitchesToTheNewModel()
    {
        using var folder = new TempFolder();
        using var factory = new WebApiFactory(folder);
        using var client = factory.CreateClient();
        var users = Enumerable.Range(1, 6).Select(i => TestTokens.Create($"user-{i}")).ToArray();
        foreach (var (pair, i) in TrainingPairs.Choices(36).Select((pair, i) => (pair, i)))
        {
            using var request = TestTokens.Post("/choices", new
            {
                platform = pair.Platform,
                section = pair.Section,
                a = pair.TextA,
                b = pair.TextB,
                better = pair.Better == Ancso.Ml.Pairs.Storage.PairSide.A ? "a" : "b",
            }, users[i % users.Length]);
            using var response = await client.SendAsync(request);
            response.EnsureSuccessStatusCode();
        }

        await using var worker = RetrainerTests.Services(folder, minNewPairs: 30);
        var outcome = await worker.GetRequiredService<Retrainer>().RunOnceAsync();
        Assert.That(outcome.Training, Is.Not.Null, outcome.Decision.Reason);

        var provenance = await HotReload.WaitForModelAsync(async () =>
        {
            var score = await PostAsync(client, "/score", new { platform = "linkedin", section = "experience", text = "Led the migration of 40 services" });
            var kind = score.GetProperty("provenance").GetProperty("kind").GetString();
            return kind == "model"
                ? ScoreProvenance.FromModel(score.GetProperty("provenance").GetProperty("modelVersion").GetString()!)
                : ScoreProvenance.FromHeuristic(FallbackReason.NoModel, "still the heuristic");
        });
        Assert.That(provenance.ModelVersion, Is.EqualTo(outcome.Training!.Version));

        var status = await client.GetFromJsonAsync<JsonElement>(new Uri("/ranker/status", UriKind.Relative));
        var health = await client.GetFromJsonAsync<JsonElement>(new Uri("/health", UriKind.Relative));
        Assert.Multiple(() =>
        {
            Assert.That(status.GetProperty("activeModel").GetProperty("version").GetString(), Is.EqualTo(outcome.Training.Version));
            Assert.That(health.GetProperty("status").GetString(), Is.EqualTo("Healthy"));
            Assert.That(health.GetProperty("provenance").GetString(), Is.EqualTo("model"));
            Assert.That(health.GetProperty("modelVersion").GetString(), Is.EqualTo(outcome.Training.Version));
        });
    }

    [Test]
    public async Task DeleteMyData_ActiveModelLearnedFromTheChoices_SaysSoAndTheWorkersNextCheckReplacesIt()
    {
        using var folder = new TempFolder();
        using var factory = new WebApiFactory(folder);
        using var client = factory.CreateClient();
        var users = Enumerable.Range(1, 6).Select(i => TestTokens.Create($"user-{i}")).ToArray();
        foreach (var (pair, i) in TrainingPairs.Choices(36).Select((pair, i) => (pair, i)))
        {
            using var request = TestTokens.Post("/choices", new
            {
                platform = pair.Platform,
                section = pair.Section,
                a = pair.TextA,
                b = pair.TextB,
                better = pair.Better == Ancso.Ml.Pairs.Storage.PairSide.A ? "a" : "b",
            }, users[i % users.Length]);
            using var response = await client.SendAsync(request);
            response.EnsureSuccessStatusCode();
        }

        await using var worker = RetrainerTests.Services(folder, minNewPairs: 30);
        var retrainer = worker.GetRequiredService<Retrainer>();
        var first = await retrainer.RunOnceAsync();
        Assert.That(first.Training, Is.Not.Null, first.Decision.Reason);

        var erased = await WebApiEraseTests.DeleteMyDataOkAsync(client, "user-1");

        Assert.Multiple(() =>
        {
            Assert.That(erased.GetProperty("pairs").GetInt32(), Is.EqualTo(6));
            Assert.That(erased.GetProperty("activeModelTrainedOnErasedData").GetBoolean(), Is.True);
            Assert.That(erased.GetProperty("detail").GetString(), Does.Contain("replaces it"));
        });

        // Six pairs fewer, none new: only the erasure makes the worker retrain, from scratch, and delete the old version.
        var next = await retrainer.RunOnceAsync();

        Assert.That(next.Training, Is.Not.Null, next.Decision.Reason);
        var versions = await worker.GetRequiredService<Ancso.Ml.Models.IModelRegistry>().ListVersionsAsync();
        using var metadata = JsonDocument.Parse(await File.ReadAllTextAsync(next.Training!.MetadataPath));
        Assert.Multiple(() =>
        {
            Assert.That(next.Decision.Reason, Does.Contain("the active model learned from erased data"));
            Assert.That(next.Training.PairsRead, Is.EqualTo(30));
            Assert.That(metadata.RootElement.GetProperty("warm_start").GetProperty("used").GetBoolean(), Is.False);
            Assert.That(next.Purge?.Deleted, Is.EqualTo(new[] { first.Training!.Version }));
            Assert.That(versions.Select(v => (v.Version, v.IsActive)), Is.EqualTo(new[] { (next.Training.Version, true) }));
        });

        // The replacement learned from nothing erased: asking again erases nothing and says so.
        var again = await WebApiEraseTests.DeleteMyDataOkAsync(client, "user-1");
        Assert.That(again.GetProperty("pairs").GetInt32(), Is.Zero);
        Assert.That(again.GetProperty("activeModelTrainedOnErasedData").GetBoolean(), Is.False);
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, string path, object request)
    {
        using var response = await client.PostAsJsonAsync(new Uri(path, UriKind.Relative), request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();
    }
}
