using Ancso.Ml.Content;
using Ancso.Ml.Inference;
using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Samples.RetrainWorker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ancso.Ml.Samples.Tests.RetrainWorker;

/// <summary>One check of the worker over a real pair store, a real (tiny) training and a real models folder.</summary>
public class RetrainerTests
{
    internal static ServiceProvider Services(
        TempFolder folder, int minNewPairs, IReadOnlyDictionary<string, string?>? settingsToAdd = null, ILoggerProvider? logs = null, TimeProvider? time = null)
    {
        var settings = new Dictionary<string, string?>(WebApiFactory.Settings(folder))
        {
            ["Retrain:MinNewPairs"] = minNewPairs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Retrain:Epochs"] = "3",
            ["Retrain:StateFile"] = folder.Combine("data", "retrain-state.json"),
        };
        foreach (var (key, value) in settingsToAdd ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            if (logs is not null)
            {
                logging.AddProvider(logs);
            }
        });
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddRetrainWorker(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

        // The tests record choices as the web app would, into the same store (with the rater key of WebApiFactory.Settings).
        services.AddRanker().AddSignals();
        return services.BuildServiceProvider();
    }

    [Test]
    public async Task RunOnceAsync_FewerNewPairsThanThreshold_NeitherTrainsNorWritesState()
    {
        using var folder = new TempFolder();
        await using var provider = Services(folder, minNewPairs: 30);
        await provider.GetRequiredService<ITrainingSignalRecorder>().AddPairsAsync(TrainingPairs.Choices(29));

        var outcome = await provider.GetRequiredService<Retrainer>().RunOnceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Decision.ShouldTrain, Is.False);
            Assert.That(outcome.Decision.NewPairs, Is.EqualTo(29));
            Assert.That(outcome.Training, Is.Null);
            Assert.That(Directory.Exists(folder.Combine("models")), Is.False);
            Assert.That(File.Exists(folder.Combine("data", "retrain-state.json")), Is.False);
        });
    }

    [Test]
    public async Task RunOnceAsync_ThresholdReached_TrainsActivatesAndRunningRankerSwitches()
    {
        using var folder = new TempFolder();
        await using var provider = Services(folder, minNewPairs: 30);
        var ranker = provider.GetRequiredService<IRankerInferenceService>();
        await ranker.InitializeAsync();
        Assert.That((await ranker.GetStatusAsync()).Provenance.Kind, Is.EqualTo(ProvenanceKind.Heuristic));
        await provider.GetRequiredService<ITrainingSignalRecorder>().AddPairsAsync(TrainingPairs.Choices(40));
        var retrainer = provider.GetRequiredService<Retrainer>();

        var outcome = await retrainer.RunOnceAsync();

        Assert.That(outcome.Decision.ShouldTrain, Is.True);
        Assert.That(outcome.Training, Is.Not.Null);
        Assert.That(outcome.Training!.Activated, Is.True);
        var state = await RetrainState.LoadAsync(folder.Combine("data", "retrain-state.json"), CancellationToken.None);
        Assert.That(state.PairsAtLastTraining, Is.EqualTo(40));
        Assert.That(state.ModelVersion, Is.EqualTo(outcome.Training.Version));
        var item = new ContentItem("x", ContentPlatforms.LinkedIn, ContentSections.Experience, "Led the migration of 40 services to Kubernetes");
        var provenance = await HotReload.WaitForModelAsync(async () => (await ranker.ScoreItemAsync(item)).Provenance);
        Assert.That(provenance.ModelVersion, Is.EqualTo(outcome.Training.Version));

        // Nothing new since: the next check does not train again.
        var next = await retrainer.RunOnceAsync();
        Assert.That(next.Decision.ShouldTrain, Is.False);
        Assert.That(next.Decision.NewPairs, Is.Zero);
    }
}
