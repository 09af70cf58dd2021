using Ancso.Ml.Features;
using Ancso.Ml.Metrics;
using Ancso.Ml.Models;
using Ancso.Ml.Learning.Influence;
using Ancso.Ml.Training.Data;
using Ancso.Ml.Training.Tests.Engine;

namespace Ancso.Ml.Training.Tests;

/// <summary>
/// The influence limits through the trainer's public API: one person flooding choices cannot steer the model, and
/// what the limits did is reported in the result and in the stored model's metadata.
/// </summary>
public class InfluenceLimitTests
{
    private const int Dimension = 8;
    private static readonly FeatureLayout Layout = TestDatasets.Layout(Dimension);
    private static readonly int Width = Dimension + MetricNames.All.Count;

    private static readonly InfluenceLimitOptions LimitsOff = new() { MaxRaterShare = 1, TrustUnattributed = true };

    [Test]
    public async Task TrainAsync_OneRaterFloodsFlippedChoices_ModelStillFollowsTheHonestRaters()
    {
        var pairs = FloodedPairs(floodRater: TestDatasets.Rater(999));
        using var folder = new TempFolder();

        var limited = await Train(folder.Combine("limited"), pairs, limits: null);
        var unlimited = await Train(folder.Combine("unlimited"), pairs, LimitsOff);

        var limitedAgreement = RuleAgreement(limited.ModelPath);
        var unlimitedAgreement = RuleAgreement(unlimited.ModelPath);
        Assert.That(limitedAgreement, Is.GreaterThan(0.8), $"with the default limits the 400 flipped choices carry 5% of the weight (without: {unlimitedAgreement:F3})");
        Assert.That(unlimitedAgreement, Is.LessThan(0.2), $"with the limits off the flood flips the model, so the test can tell (with: {limitedAgreement:F3})");
        Assert.Multiple(() =>
        {
            Assert.That(limited.Influence.Raters, Is.EqualTo(41));
            Assert.That(limited.Influence.CappedRaters, Is.EqualTo(1));
            Assert.That(limited.Influence.LargestShareBefore, Is.EqualTo(4000.0 / 4400).Within(1e-9));
            Assert.That(limited.Influence.LargestShareAfter, Is.EqualTo(InfluenceLimitOptions.DefaultMaxRaterShare).Within(1e-9));
            Assert.That(unlimited.Influence.CappedRaters, Is.Zero);
        });
    }

    [Test]
    public async Task TrainAsync_UnattributedFloodOfFlippedChoices_ModelStillFollowsTheAttributedRaters()
    {
        var pairs = FloodedPairs(floodRater: null);
        using var folder = new TempFolder();

        var limited = await Train(folder.Combine("limited"), pairs, limits: null);
        var unlimited = await Train(folder.Combine("unlimited"), pairs, LimitsOff);

        var limitedAgreement = RuleAgreement(limited.ModelPath);
        var unlimitedAgreement = RuleAgreement(unlimited.ModelPath);
        Assert.That(limitedAgreement, Is.GreaterThan(0.8), $"the 400 unattributed choices are pooled as one rater and capped (trusted: {unlimitedAgreement:F3})");
        Assert.That(unlimitedAgreement, Is.LessThan(0.2), $"trusted and uncapped, the unattributed flood flips the model (pooled: {limitedAgreement:F3})");
        Assert.Multiple(() =>
        {
            Assert.That((limited.Influence.Raters, limited.Influence.UnattributedVotes, limited.Influence.CappedRaters), Is.EqualTo((41, 400, 1)));
            Assert.That((unlimited.Influence.Raters, unlimited.Influence.UnattributedVotes, unlimited.Influence.CappedRaters), Is.EqualTo((440, 400, 0)));
        });
    }

    [Test]
    public async Task TrainAsync_InfluenceLimits_ResultAndStoredMetadataAgree()
    {
        var pairs = FloodedPairs(floodRater: TestDatasets.Rater(999));
        using var folder = new TempFolder();
        var models = folder.Combine("models");

        var result = await Train(models, pairs, new InfluenceLimitOptions { MaxRaterShare = 0.2 }, activate: true);

        using var registry = new FileModelRegistry(models);
        var stored = (await registry.GetActiveAsync())!.Metadata!;
        var report = InfluenceReport.FromJson(stored.Extra!["influence"]);
        Assert.That(Properties(report), Is.EqualTo(Properties(result.Influence)));
        Assert.That(Properties(InfluenceReport.FromJson(result.Metadata.Extra!["influence"])), Is.EqualTo(Properties(result.Influence)));
        Assert.Multiple(() =>
        {
            Assert.That(report.MaxRaterShare, Is.EqualTo(0.2));
            Assert.That(report.TrustUnattributed, Is.False);
            Assert.That((report.Votes, report.HumanVotes, report.Raters, report.CappedRaters, report.PairsKept), Is.EqualTo((440, 440, 41, 1, 440)));
            Assert.That(report.LargestShareAfter, Is.EqualTo(0.2).Within(1e-9));
            var limits = stored.HyperParameters!["influence_limits"];
            Assert.That(limits.GetProperty("max_rater_share").GetDouble(), Is.EqualTo(0.2));
            Assert.That(limits.GetProperty("trust_unattributed").GetBoolean(), Is.False);
        });
    }

    [Test]
    public async Task TrainAsync_CappedFloodWithTheDefaultValidationSplit_ModelFiguresAndTemperatureFollowTheHonestRaters()
    {
        // The flood's 400 pairs form one large group of items and the honest pairs 40 small ones. Counted pair by pair,
        // the split held out every honest pair, the validated fit learnt from the flood alone, chose epoch 1, and the
        // refit barely learnt (rule agreement 0.57); counted in votes, the honest pairs are shared between the fits.
        var pairs = FloodedPairs(floodRater: TestDatasets.Rater(999));
        using var folder = new TempFolder();
        var options = new RankerTrainingOptions
        {
            Pairs = pairs,
            Layout = Layout,
            OutputDirectory = folder.Combine("models"),
            Epochs = 30,
            EarlyStoppingPatience = 0,
            FirstHiddenSize = 16,
            SecondHiddenSize = 8,
            Seed = 7,
            Activate = false,
        };

        var result = await new RankerTrainer().TrainAsync(options);

        Assert.That(RuleAgreement(result.ModelPath), Is.GreaterThan(0.8), $"the model follows the honest raters (best epoch {result.BestEpoch}, train {result.TrainPairs}, validation {result.ValidationPairs}, straddling {result.StraddlingPairsDropped}, val acc {result.ValidationAccuracy})");
        Assert.Multiple(() =>
        {
            Assert.That(result.ValidationAccuracy, Is.GreaterThan(0.7));
            Assert.That(result.ValidationAccuracyBySource["user_choice"], Is.GreaterThan(0.7));
            Assert.That(result.TrainAccuracy, Is.GreaterThan(0.7));
            Assert.That(result.Temperature, Is.LessThan(Math.Exp(Ancso.Ml.Training.Engine.TemperatureFit.MaxLogT) / 10), "a temperature fitted on the flood would sit at the top of its range");
        });
    }

    [TestCase(0.0)]
    [TestCase(double.NaN)]
    [TestCase(2.0)]
    [TestCase(-0.05)]
    public void TrainAsync_MaxRaterShareOutOfRange_FailsNamingTheOptionBeforeAnyWork(double share)
    {
        using var folder = new TempFolder();
        var options = new RankerTrainingOptions
        {
            // A dataset that does not exist: had any data been read, the error would name the file instead.
            DatasetPath = folder.Combine("missing/dataset.jsonl"),
            OutputDirectory = folder.Combine("models"),
            InfluenceLimits = new InfluenceLimitOptions { MaxRaterShare = share },
        };

        var error = Assert.ThrowsAsync<RankerTrainingException>(() => new RankerTrainer().TrainAsync(options));

        Assert.That(error!.Kind, Is.EqualTo(RankerTrainingErrorKind.InvalidOptions));
        Assert.That(error.Field, Is.EqualTo("InfluenceLimits.MaxRaterShare"));
        Assert.That(error.Message, Does.Contain("RankerTrainingOptions.InfluenceLimits.MaxRaterShare"));
        Assert.That(Directory.Exists(folder.Combine("models")), Is.False);
    }

    [Test]
    public void TrainAsync_InfluenceLimitsNull_FailsNamingTheOption()
    {
        using var folder = new TempFolder();
        var options = new RankerTrainingOptions { DatasetPath = folder.Combine("missing/dataset.jsonl"), OutputDirectory = folder.Combine("models"), InfluenceLimits = null! };

        var error = Assert.ThrowsAsync<RankerTrainingException>(() => new RankerTrainer().TrainAsync(options));

        Assert.That((error!.Kind, error.Field), Is.EqualTo((RankerTrainingErrorKind.InvalidOptions, "InfluenceLimits")));
    }

    [TestCase("alice@example.com")]
    [TestCase("r_0123456789ABCDEF0123456789ABCDEF")]
    [TestCase("r_0123456789abcdef")]
    [TestCase("")]
    public void TrainAsync_PairHandedInWithMalformedRater_FailsNamingTheFieldAndPair(string rater)
    {
        using var folder = new TempFolder();
        var pairs = TestDatasets.LearnablePairs(items: 20, pairs: 10, dimension: Dimension, sources: ["user_choice"]);
        pairs[3] = pairs[3] with { Rater = rater };
        var options = new RankerTrainingOptions { Pairs = pairs, Layout = Layout, OutputDirectory = folder.Combine("models") };

        var error = Assert.ThrowsAsync<RankerTrainingException>(() => new RankerTrainer().TrainAsync(options));

        Assert.That(error!.Kind, Is.EqualTo(RankerTrainingErrorKind.InvalidData));
        Assert.That(error.Field, Is.EqualTo("rater"));
        Assert.That(error.Message, Does.Contain("Pairs[3]").And.Contain("pseudonym"));
        if (rater.Length > 0)
        {
            Assert.That(error.Message, Does.Not.Contain(rater), "a person's id passed by mistake is not repeated");
        }

        Assert.That(Directory.Exists(folder.Combine("models")) ? Directory.GetFiles(folder.Combine("models")) : [], Is.Empty);
    }

    /// <summary>
    /// 40 honest choices, each from a rater of its own, that a higher feature 0 is better; then 400 choices that say the
    /// opposite on other items, from one rater (or unattributed when <paramref name="floodRater"/> is null).
    /// </summary>
    internal static List<TrainingPair> FloodedPairs(string? floodRater)
    {
        var random = new Random(5);
        var items = Enumerable.Range(0, 280).Select(_ => Item(random)).ToArray();
        var pairs = new List<TrainingPair>();
        for (var k = 0; k < 40; k++)
        {
            pairs.Add(Pair($"h{k}", 2 * k, (2 * k) + 1, items, higherWins: true) with { Rater = TestDatasets.Rater(k) });
        }

        var seen = new HashSet<(int, int)>();
        while (pairs.Count < 440)
        {
            var a = 80 + random.Next(200);
            var b = 80 + random.Next(200);
            if (a != b && seen.Add((Math.Min(a, b), Math.Max(a, b))))
            {
                pairs.Add(Pair($"f{pairs.Count}", a, b, items, higherWins: false) with { Rater = floodRater });
            }
        }

        return pairs;
    }

    private static float[] Item(Random random) =>
        [.. Enumerable.Range(0, Width).Select(f => f < Dimension ? (float)((random.NextDouble() * 2) - 1) : (float)random.NextDouble())];

    private static TrainingPair Pair(string id, int a, int b, float[][] items, bool higherWins) =>
        new(id, $"i{a}", $"i{b}", (items[a][0] > items[b][0]) == higherWins ? 1 : -1, "user_choice", items[a], items[b]);

    /// <summary>
    /// Trains a small network for a fixed number of epochs on every pair (no validation split, so no early stopping on a
    /// handful of held-out honest pairs decides how long it trains).
    /// </summary>
    internal static Task<TrainingResult> Train(string models, IReadOnlyList<TrainingPair> pairs, InfluenceLimitOptions? limits, bool activate = false, int epochs = 30, int batchSize = 32)
    {
        var options = new RankerTrainingOptions
        {
            Pairs = pairs,
            Layout = Layout,
            OutputDirectory = models,
            Epochs = epochs,
            BatchSize = batchSize,
            ValidationFraction = 0,
            FirstHiddenSize = 16,
            SecondHiddenSize = 8,
            Seed = 7,
            Activate = activate,
        };
        if (limits is not null)
        {
            options.InfluenceLimits = limits;
        }

        return new RankerTrainer().TrainAsync(options);
    }

    /// <summary>
    /// The share of pairs of new items, among 300 drawn, on which the model prefers the item with the higher feature 0,
    /// counting the pairs whose feature 0 differs by at least 0.5 (40 honest pairs teach the rule, not its fine print).
    /// </summary>
    internal static double RuleAgreement(string model)
    {
        var random = new Random(77);
        var probes = Enumerable.Range(0, 600).Select(_ => Item(random)).ToArray();
        var scores = FinalFitTests.Score(model, probes);
        return Enumerable.Range(0, 300)
            .Where(i => Math.Abs(probes[2 * i][0] - probes[(2 * i) + 1][0]) >= 0.5)
            .Average(i => (scores[2 * i] > scores[(2 * i) + 1]) == (probes[2 * i][0] > probes[(2 * i) + 1][0]) ? 1.0 : 0.0);
    }

    private static Dictionary<string, object?> Properties(InfluenceReport report) =>
        typeof(InfluenceReport).GetProperties().ToDictionary(p => p.Name, p => p.GetValue(report));
}
