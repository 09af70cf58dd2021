using System.Text.Json;
using Ancso.Ml.Models;
using Ancso.Ml.Pairs.Erasure;
using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Pairs.Storage;
using Ancso.Ml.Samples.RetrainWorker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Ancso.Ml.Samples.Tests.RetrainWorker;

/// <summary>
/// The worker applies <c>Ranker:Signals:Retention</c> on its schedule, on a fake clock: people's pairs older than the
/// period are erased before the check (bootstrap pairs never expire), a replacement trained from scratch on what remains is
/// activated although too few new pairs arrived for the usual policy, and the version that learned from the erased pairs
/// is deleted, or, with <c>Retrain:PurgeModels</c> off, reported.
/// </summary>
public class RetrainerRetentionTests
{
    private const int Bootstrap = 20;
    private const int OldChoices = 40;
    private const int FreshChoices = 10;
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task RunOnceAsync_PairsOlderThanTheRetention_ErasesThemRetrainsFromScratchAndPurgesTheOldVersion()
    {
        using var folder = new TempFolder();
        var time = new FakeTimeProvider(Start);
        var logs = new LogCapture();
        await using var provider = Services(folder, time, logs);
        var (first, oldTexts) = await TrainOnOldPairsThenAddFreshOnesAsync(provider, time);

        var outcome = await provider.GetRequiredService<Retrainer>().RunOnceAsync();

        var pairs = await StoredAsync(provider);
        var registry = provider.GetRequiredService<IModelRegistry>();
        var versions = await registry.ListVersionsAsync();
        var models = await provider.GetRequiredService<IPairEraser>().CheckModelsAsync();
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Retention, Is.Not.Null);
            Assert.That(outcome.Retention!.Store.Pairs, Is.EqualTo(OldChoices));
            Assert.That(pairs.Count(p => p.Source == PairSources.Bootstrap), Is.EqualTo(Bootstrap), "bootstrap pairs never expire");
            Assert.That(pairs.Count(p => p.Source == PairSources.UserChoice), Is.EqualTo(FreshChoices), "the pairs within the period stay");
            Assert.That(pairs.SelectMany(p => new[] { p.ItemA.Text, p.ItemB.Text }).Intersect(oldTexts), Is.Empty, "no old choice's text remains");

            Assert.That(outcome.Decision.ShouldTrain, Is.True, outcome.Decision.Reason);
            Assert.That(outcome.Decision.Reason, Does.Contain($"the retention period erased {OldChoices} pairs"));
            Assert.That(outcome.Training, Is.Not.Null);
            Assert.That(outcome.Training!.Version, Is.Not.EqualTo(first));
            Assert.That(outcome.Training.PairsRead, Is.EqualTo(Bootstrap + FreshChoices));
            Assert.That(versions.Single(v => v.IsActive).Version, Is.EqualTo(outcome.Training.Version));

            Assert.That(outcome.Purge?.Deleted, Is.EqualTo(new[] { first }));
            Assert.That(versions.Select(v => v.Version), Is.EqualTo(new[] { outcome.Training.Version }), "the version that learned from the erased pairs is deleted");
            Assert.That(Directory.GetFiles(folder.Combine("models"), $"*{first}*"), Is.Empty);
            Assert.That(models.Single().TrainedOnErasedData, Is.False, "the replacement learned only from what remains");
            Assert.That(outcome.ModelsTrainedOnErasedData, Is.Empty);
        });

        // A warm start would carry the old model's weights, learned from the erased pairs, over.
        using var metadata = JsonDocument.Parse(await File.ReadAllTextAsync(outcome.Training.MetadataPath));
        Assert.That(metadata.RootElement.GetProperty("warm_start").GetProperty("used").GetBoolean(), Is.False, metadata.RootElement.GetProperty("warm_start").ToString());

        foreach (var entry in logs.Entries.Where(e => e.Category == typeof(Retrainer).FullName))
        {
            TestContext.Out.WriteLine($"[{entry.EventId}] {entry.Message}");
        }

        var logged = logs.Entries.Where(e => e.Category == typeof(Retrainer).FullName && e.EventId == 6).Select(e => e.Message).ToList();
        Assert.That(logged, Has.Count.EqualTo(2), "one retention line per check");
        Assert.That(logged[1], Does.Contain($"erased {OldChoices} people's pairs stored before 2026-01-06 09:00:00Z"));
    }

    [Test]
    public async Task RunOnceAsync_PurgeModelsOff_KeepsAndReportsTheVersionThatLearnedFromErasedPairs()
    {
        using var folder = new TempFolder();
        var time = new FakeTimeProvider(Start);
        var logs = new LogCapture();
        await using var provider = Services(folder, time, logs, new Dictionary<string, string?> { ["Retrain:PurgeModels"] = "false" });
        var (first, _) = await TrainOnOldPairsThenAddFreshOnesAsync(provider, time);

        var outcome = await provider.GetRequiredService<Retrainer>().RunOnceAsync();

        var models = await provider.GetRequiredService<IPairEraser>().CheckModelsAsync();
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Retention?.Store.Pairs, Is.EqualTo(OldChoices));
            Assert.That(outcome.Training, Is.Not.Null, outcome.Decision.Reason);
            Assert.That(outcome.Purge, Is.Null);
            Assert.That(outcome.ModelsTrainedOnErasedData, Is.EqualTo(new[] { first }));
            Assert.That(models.Select(m => (m.Version, m.IsActive, m.TrainedOnErasedData)), Is.EquivalentTo(new[]
            {
                (first, false, (bool?)true),
                (outcome.Training!.Version, true, (bool?)false),
            }));
            Assert.That(logs.Entries.Where(e => e.Category == typeof(Retrainer).FullName && e.EventId == 8).Select(e => e.Message).Single(), Does.Contain(first));
        });
    }

    [Test]
    public async Task RunOnceAsync_RetentionErasesBeforeAnyModel_FollowsTheNewPairsPolicy()
    {
        using var folder = new TempFolder();
        var time = new FakeTimeProvider(Start);
        await using var provider = Services(folder, time, logs: null);
        await provider.GetRequiredService<ITrainingSignalRecorder>().AddPairsAsync(TrainingPairs.Choices(5));
        time.Advance(TimeSpan.FromDays(31));

        var outcome = await provider.GetRequiredService<Retrainer>().RunOnceAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(outcome.Retention?.Store.Pairs, Is.EqualTo(5));
            Assert.That(outcome.Decision.ShouldTrain, Is.False, "nothing to replace, and no pairs");
            Assert.That(outcome.Training, Is.Null);
            Assert.That((await provider.GetRequiredService<IPairStore>().CountPairsAsync()).Total, Is.Zero);
        });
    }

    private static ServiceProvider Services(TempFolder folder, FakeTimeProvider time, LogCapture? logs, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?> { ["Ranker:Signals:Retention"] = "30.00:00:00" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return RetrainerTests.Services(folder, minNewPairs: 30, all, logs, time);
    }

    /// <summary>
    /// Bootstrap pairs and people's choices are stored and a first model learns from them; 31 days later (past the 30-day
    /// retention) a few fresh choices arrive, fewer than the 30 new pairs the usual policy waits for.
    /// </summary>
    private static async Task<(string FirstVersion, HashSet<string> OldTexts)> TrainOnOldPairsThenAddFreshOnesAsync(ServiceProvider provider, FakeTimeProvider time)
    {
        var store = provider.GetRequiredService<IPairStore>();
        var old = TrainingPairs.Choices(OldChoices);
        await store.AddPairsAsync([.. BootstrapPairs(), .. old]);
        var first = await provider.GetRequiredService<Retrainer>().RunOnceAsync();
        Assert.That(first.Training, Is.Not.Null, first.Decision.Reason);
        Assert.That(first.Retention?.Store.Pairs, Is.Zero, "nothing is older than the period yet");

        time.Advance(TimeSpan.FromDays(31));
        await store.AddPairsAsync(TrainingPairs.Choices(FreshChoices, offset: 1000));
        var stillActive = await provider.GetRequiredService<IPairEraser>().CheckModelsAsync();
        Assert.That(stillActive.Single().TrainedOnErasedData, Is.False, "nothing erased before the check");
        return (first.Training!.Version, [.. old.SelectMany(p => new[] { p.TextA, p.TextB })]);
    }

    private static IEnumerable<NewPair> BootstrapPairs() => Enumerable.Range(0, Bootstrap).Select(i =>
        new NewPair("linkedin", "experience", $"Shipped release {i} of the billing API used by {i + 20} teams", $"did some work on release {i}", PairSide.A, PairSources.Bootstrap));

    private static async Task<List<StoredPair>> StoredAsync(ServiceProvider provider)
    {
        var pairs = new List<StoredPair>();
        await foreach (var pair in provider.GetRequiredService<IPairStore>().StreamPairsAsync())
        {
            pairs.Add(pair);
        }

        return pairs;
    }
}
