using System.Globalization;
using System.Text.Json;
using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Pairs.Storage;
using Ancso.Ml.Samples.RetrainWorker;
using Microsoft.Extensions.DependencyInjection;

namespace Ancso.Ml.Samples.Tests.RetrainWorker;

/// <summary>
/// The worker retrains with the influence limits on: one rater flooding the store with flipped choices is held to the
/// configured share of the human weight, and the model's metadata and the log say so.
/// </summary>
public class RetrainerInfluenceTests
{
    private const double MaxRaterShare = 0.1;
    private const int HonestRaters = 20;
    private const int ChoicesPerHonestRater = 10;
    private const int FloodChoices = 300;

    [Test]
    public async Task RunOnceAsync_OneRaterFloodsFlippedChoices_TheirShareIsCappedInTheModelsMetadata()
    {
        using var folder = new TempFolder();
        var logs = new LogCapture();
        await using var provider = RetrainerTests.Services(folder, minNewPairs: 30, new Dictionary<string, string?>
        {
            ["Ranker:Training:InfluenceLimits:MaxRaterShare"] = MaxRaterShare.ToString(CultureInfo.InvariantCulture),
        }, logs);
        var recorder = provider.GetRequiredService<ITrainingSignalRecorder>();

        // Twenty honest people, ten choices each: the concrete text wins.
        var pairs = TrainingPairs.Choices(FloodChoices);
        for (var i = 0; i < HonestRaters * ChoicesPerHonestRater; i++)
        {
            await recorder.RecordUserChoiceAsync(ChoiceOf(pairs[i], flipped: false, $"honest-{i % HonestRaters}"));
        }

        // One person, three hundred choices, every one of them flipped (the vague text wins), the first 200 on the same texts.
        foreach (var pair in pairs)
        {
            await recorder.RecordUserChoiceAsync(ChoiceOf(pair, flipped: true, "mallory"));
        }

        var outcome = await provider.GetRequiredService<Retrainer>().RunOnceAsync();

        Assert.That(outcome.Training, Is.Not.Null, outcome.Decision.Reason);
        using var metadata = JsonDocument.Parse(await File.ReadAllTextAsync(outcome.Training!.MetadataPath));
        var influence = metadata.RootElement.GetProperty("influence");
        Assert.Multiple(() =>
        {
            Assert.That(influence.GetProperty("max_rater_share").GetDouble(), Is.EqualTo(MaxRaterShare), "the configured share, bound from Ranker:Training:InfluenceLimits");
            Assert.That(influence.GetProperty("raters").GetInt32(), Is.EqualTo(HonestRaters + 1));
            Assert.That(influence.GetProperty("capped_raters").GetInt32(), Is.GreaterThanOrEqualTo(1));
            Assert.That(influence.GetProperty("largest_share_before").GetDouble(), Is.GreaterThan(0.5), "the flood was most of the human weight");
            Assert.That(influence.GetProperty("largest_share_after").GetDouble(), Is.LessThanOrEqualTo(MaxRaterShare + 1e-9));
            Assert.That(influence.GetProperty("votes_outvoted").GetInt32(), Is.GreaterThan(0), "the flipped votes on the honest raters' texts lost");
            Assert.That(outcome.Training.Influence.CappedRaters, Is.EqualTo(influence.GetProperty("capped_raters").GetInt32()));
        });

        var logged = logs.Entries.Where(e => e.Category == typeof(Retrainer).FullName && e.EventId == 5).Select(e => e.Message).ToList();
        Assert.That(logged, Has.Count.EqualTo(1));
        TestContext.Out.WriteLine(logged[0]);
        Assert.That(logged[0], Does.Contain($"{HonestRaters + 1} raters, {outcome.Training.Influence.CappedRaters} capped at a share of 0.1"));
    }

    private static UserChoice ChoiceOf(NewPair pair, bool flipped, string rater)
    {
        var better = flipped ? (pair.Better == PairSide.A ? PairSide.B : PairSide.A) : pair.Better;
        return new UserChoice(pair.Platform, pair.Section, pair.TextA, pair.TextB, better) { RaterId = rater };
    }
}
