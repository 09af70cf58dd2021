using Ancso.Ml.Features;
using Ancso.Ml.Metrics;
using Ancso.Ml.Training.Data;
using Microsoft.ML.OnnxRuntime;

namespace Ancso.Ml.Training.Tests.Engine;

/// <summary>Source weights, the refit on every pair, warm starts and feature standardization, each shown by what it changes.</summary>
public class FinalFitTests
{
    private const int Dimension = 8;
    private static readonly FeatureLayout Layout = TestDatasets.Layout(Dimension);
    private static readonly int Width = Dimension + MetricNames.All.Count;

    [Test]
    public async Task TrainAsync_SourceWeights_DecideAContestedPreference()
    {
        // Bootstrap pairs say a higher feature 0 is better; as many user choices, on other item pairs, say the opposite.
        var pairs = ContestedPairs();
        var userWins = await ProbePreference(pairs, new() { ["bootstrap"] = 1, ["user_choice"] = 10 });
        var bootstrapWins = await ProbePreference(pairs, new() { ["bootstrap"] = 10, ["user_choice"] = 1 });

        Assert.That(userWins, Is.LessThan(0), "weighted user choices: the item with the lower feature 0 scores higher");
        Assert.That(bootstrapWins, Is.GreaterThan(0), "weighted bootstrap: the item with the higher feature 0 scores higher");
    }

    [Test]
    public async Task TrainAsync_Refit_FinalModelHasLearnedTheValidationPairs()
    {
        // Validation holds a separate group of items whose order depends on feature 7 only: a model fitted on the
        // training pairs alone cannot know it; the refit, trained on every pair, can.
        var pairs = SplitRevealingPairs(out var validationGroup);
        using var folder = new TempFolder();
        var refit = await Train(folder.Combine("refit"), pairs, o => o.RefitOnAllPairs = true);
        var kept = await Train(folder.Combine("kept"), pairs, o => o.RefitOnAllPairs = false);

        Assert.That(refit.ValidationPairs, Is.EqualTo(validationGroup.Count), "the whole second group is held out");
        Assert.That(refit.Refitted, Is.True);
        Assert.That(refit.FinalModelPairs, Is.EqualTo(pairs.Count));
        Assert.That(kept.Refitted, Is.False);
        Assert.That(kept.FinalModelPairs, Is.EqualTo(kept.TrainPairs));
        Assert.That(refit.Metadata.Extra!["final_fit"].GetProperty("kind").GetString(), Is.EqualTo("refit_on_all_pairs"));
        Assert.That(refit.ValidationAccuracy, Is.EqualTo(kept.ValidationAccuracy), "the reported figures come from the validated fit either way");

        var refitAccuracy = Accuracy(refit.ModelPath, validationGroup);
        var keptAccuracy = Accuracy(kept.ModelPath, validationGroup);
        Assert.That(refitAccuracy, Is.GreaterThan(0.85), $"the refit model has seen the validation pairs (without a refit: {keptAccuracy:F3})");
        Assert.That(keptAccuracy, Is.LessThan(refitAccuracy - 0.15), $"the model without a refit has not (refit: {refitAccuracy:F3})");
    }

    [Test]
    public async Task TrainAsync_RefitBesideValidatedFit_EqualsARefitOfTheChosenEpochCount()
    {
        // Labels half noise: the validation loss turns up well before the last epoch, so the chosen epoch is not the last
        // and the refit must give back its weights from there, byte for byte what a run that stops at that epoch trains.
        // (Which thread is ahead depends on the machine; ConcurrentRefitTests pins both orders down.)
        var pairs = TestDatasets.LearnablePairs(items: 60, pairs: 200, dimension: Dimension, seed: 12)
            .Select((p, i) => i % 2 == 0 ? p with { Label = -p.Label } : p).ToList();
        using var folder = new TempFolder();
        var longer = await Train(folder.Combine("longer"), pairs, o => o.EarlyStoppingPatience = 0);
        Assert.That(longer.Refitted, Is.True);
        Assert.That(longer.BestEpoch, Is.LessThan(longer.EpochsRun - 1), "the data make the chosen epoch an early one");

        var exact = await Train(folder.Combine("exact"), pairs, o =>
        {
            o.EarlyStoppingPatience = 0;
            o.Epochs = longer.BestEpoch;
        });

        Assert.That(exact.BestEpoch, Is.EqualTo(longer.BestEpoch));
        Assert.That(File.ReadAllBytes(exact.ModelPath), Is.EqualTo(File.ReadAllBytes(longer.ModelPath)));
    }

    [Test]
    public async Task TrainAsync_SameSeedWithRefit_SameModelEveryRun()
    {
        var pairs = TestDatasets.LearnablePairs(items: 120, pairs: 400, dimension: Dimension, seed: 13);
        using var folder = new TempFolder();
        var models = new List<byte[]>();
        for (var run = 0; run < 4; run++)
        {
            var result = await Train(folder.Combine($"run{run}"), pairs, o => o.Epochs = 15);
            Assert.That(result.Refitted, Is.True);
            models.Add(File.ReadAllBytes(result.ModelPath));
        }

        Assert.That(models.Skip(1), Has.All.EqualTo(models[0]), "the two fits' threads finishing in any order give the same bytes");
    }

    [Test]
    public void TrainAsync_CancelledWhileBothFitsRun_StoresNothing()
    {
        var pairs = TestDatasets.LearnablePairs(items: 120, pairs: 400, dimension: Dimension, seed: 14);
        using var folder = new TempFolder();
        using var cancellation = new CancellationTokenSource();
        var options = new RankerTrainingOptions { Pairs = pairs, Layout = Layout, OutputDirectory = folder.Combine("m"), Epochs = 500, EarlyStoppingPatience = 0 };
        var progress = new InlineProgress(p =>
        {
            if (p.Epoch == 3 && !p.IsRefit)
            {
                cancellation.Cancel();
            }
        });

        Assert.That(() => new RankerTrainer().TrainAsync(options, progress, cancellation.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(!Directory.Exists(options.OutputDirectory) || Directory.GetFiles(options.OutputDirectory, "*", SearchOption.AllDirectories).Length == 0, Is.True, "nothing stored");
    }

    [Test]
    public async Task TrainAsync_DenseGraphOfChoices_FinalModelTrainsOnEveryPairTheSplitDrops()
    {
        // 20,000 choices over 10,000 items: the item split must drop the pairs that straddle it; the refit must not.
        var pairs = TestDatasets.LearnablePairs(items: 10_000, pairs: 20_000, dimension: Dimension, seed: 9, sources: ["user_choice"]);
        using var folder = new TempFolder();
        var result = await Train(folder.Path, pairs, o =>
        {
            o.Epochs = 2;
            o.BatchSize = 256;
        });

        Assert.That(result.StraddlingPairsDropped, Is.GreaterThan(1000), "a dense graph straddles the split");
        Assert.That(result.TrainPairs + result.ValidationPairs, Is.EqualTo(20_000 - result.StraddlingPairsDropped));
        Assert.That(result.FinalModelPairs, Is.EqualTo(20_000), "every choice reaches the final model");
        await TestContext.Out.WriteLineAsync($"train {result.TrainPairs}, validation {result.ValidationPairs}, straddling {result.StraddlingPairsDropped}, final model {result.FinalModelPairs}");
    }

    [Test]
    public async Task TrainAsync_InitialModelWithSameLayout_StartsFromItsWeights()
    {
        var pairs = TestDatasets.LearnablePairs(items: 120, pairs: 300, dimension: Dimension, seed: 3);
        using var folder = new TempFolder();
        var first = await Train(folder.Combine("first"), pairs, o => o.Seed = 1);

        // One epoch at a negligible learning rate: a warm start stays where the first model was; a cold start stays random.
        void Barely(RankerTrainingOptions o)
        {
            o.Epochs = 1;
            o.LearningRate = 1e-9;
            o.Seed = 99;
        }

        var warm = await Train(folder.Combine("warm"), pairs, o => { Barely(o); o.InitialModel = first.ModelPath; });
        var cold = await Train(folder.Combine("cold"), pairs, Barely);

        var probes = pairs.Take(40).SelectMany(p => new[] { p.AFeatures.ToArray(), p.BFeatures.ToArray() }).ToArray();
        var reference = Score(first.ModelPath, probes);
        Assert.That(warm.WarmStartedFrom, Is.EqualTo(Path.GetFullPath(first.ModelPath)));
        Assert.That(warm.Metadata.Extra!["warm_start"].GetProperty("used").GetBoolean(), Is.True);
        Assert.That(MaxDifference(Score(warm.ModelPath, probes), reference), Is.LessThan(1e-3));
        Assert.That(cold.WarmStartedFrom, Is.Null);
        Assert.That(MaxDifference(Score(cold.ModelPath, probes), reference), Is.GreaterThan(0.1));
    }

    [Test]
    public async Task TrainAsync_InitialModelOfAnotherLayout_TrainsFromScratchAndSaysWhy()
    {
        using var folder = new TempFolder();
        var other = await Train(folder.Combine("other"), TestDatasets.LearnablePairs(items: 60, pairs: 120, dimension: 4, seed: 5), o => o.Layout = TestDatasets.Layout(4));
        var result = await Train(folder.Combine("new"), TestDatasets.LearnablePairs(items: 60, pairs: 120, dimension: Dimension, seed: 5), o => o.InitialModel = other.ModelPath);

        Assert.That(result.WarmStartedFrom, Is.Null);
        Assert.That(result.WarmStartSkippedReason, Does.Contain("D=4").And.Contain("D=8"));
        Assert.That(result.Metadata.Extra!["warm_start"].GetProperty("skipped_reason").GetString(), Is.EqualTo(result.WarmStartSkippedReason));
    }

    [Test]
    public async Task TrainAsync_InitialModelNotAModel_TrainsFromScratchAndSaysWhy()
    {
        using var folder = new TempFolder();
        var path = folder.Combine("garbage.onnx");
        Directory.CreateDirectory(folder.Path);
        await File.WriteAllBytesAsync(path, [1, 2, 3, 4, 5, 6, 7, 8]);
        var result = await Train(folder.Combine("new"), TestDatasets.LearnablePairs(items: 60, pairs: 120, dimension: Dimension, seed: 5), o => o.InitialModel = path);

        Assert.That(result.WarmStartedFrom, Is.Null);
        Assert.That(result.WarmStartSkippedReason, Does.Contain("cannot be read"));
    }

    [Test]
    public void TrainAsync_InitialModelMissing_FailsNamingTheOption()
    {
        using var folder = new TempFolder();
        var missing = folder.Combine("nope.onnx");
        Assert.That(() => Train(folder.Combine("new"), TestDatasets.LearnablePairs(items: 30, pairs: 40, dimension: Dimension), o => o.InitialModel = missing),
            Throws.TypeOf<RankerTrainingException>().With.Property(nameof(RankerTrainingException.Field)).EqualTo("InitialModel").And.Message.Contains(missing));
    }

    [TestCase(-1)]
    [TestCase(double.NaN)]
    [TestCase(1001)]
    public void TrainAsync_SourceWeightOutOfRange_FailsNamingTheSource(double weight)
    {
        using var folder = new TempFolder();
        Assert.That(() => Train(folder.Combine("m"), TestDatasets.LearnablePairs(items: 30, pairs: 40, dimension: Dimension), o => o.SourceWeights["user_choice"] = weight),
            Throws.TypeOf<RankerTrainingException>().With.Message.Contains("SourceWeights[user_choice]"));
    }

    [Test]
    public async Task TrainAsync_Standardized_ModelTakesRawFeaturesAndSaysFolded()
    {
        // Features on very different scales; the exported model must still score raw vectors as TorchSharp did (parity).
        var pairs = TestDatasets.LearnablePairs(items: 120, pairs: 300, dimension: Dimension, seed: 4)
            .Select(p => p with { AFeatures = Scaled(p.AFeatures), BFeatures = Scaled(p.BFeatures) }).ToList();
        using var folder = new TempFolder();
        var result = await Train(folder.Combine("m"), pairs);

        Assert.That(result.Metadata.Normalization, Is.EqualTo("folded"));
        Assert.That(result.MaxParityDifference, Is.LessThanOrEqualTo(1e-4));
        Assert.That(result.ValidationAccuracy, Is.GreaterThan(0.8));

        static float[] Scaled(ReadOnlyMemory<float> features) => [.. features.ToArray().Select((v, i) => i < 4 ? v * 0.01f : v * 50f)];
    }

    internal static Task<TrainingResult> Train(string models, IReadOnlyList<TrainingPair> pairs, Action<RankerTrainingOptions>? configure = null)
    {
        var options = new RankerTrainingOptions { Pairs = pairs, Layout = Layout, OutputDirectory = models, Epochs = 40, Seed = 7, Activate = false };
        configure?.Invoke(options);
        return new RankerTrainer().TrainAsync(options);
    }

    private static async Task<float> ProbePreference(List<TrainingPair> pairs, Dictionary<string, double> weights)
    {
        using var folder = new TempFolder();
        var result = await Train(folder.Path, pairs, o =>
        {
            o.SourceWeights.Clear();
            foreach (var (source, weight) in weights)
            {
                o.SourceWeights[source] = weight;
            }
        });
        var high = new float[Width];
        var low = new float[Width];
        high[0] = 1;
        low[0] = -1;
        var scores = Score(result.ModelPath, [high, low]);
        return scores[0] - scores[1];
    }

    private static List<TrainingPair> ContestedPairs()
    {
        var random = new Random(11);
        var items = Enumerable.Range(0, 80).Select(_ => Enumerable.Range(0, Width).Select(f => f == 0 ? (float)((random.NextDouble() * 2) - 1) : (float)(random.NextDouble() * 0.2)).ToArray()).ToArray();
        var pairs = new List<TrainingPair>();
        for (var i = 0; i < 80; i += 2)
        {
            pairs.Add(Pair(pairs.Count, i, i + 1, items, "bootstrap", higherWins: true));
        }

        for (var i = 1; i < 79; i += 2)
        {
            pairs.Add(Pair(pairs.Count, i, i + 1, items, "user_choice", higherWins: false));
        }

        return pairs;
    }

    private static List<TrainingPair> SplitRevealingPairs(out List<TrainingPair> validationGroup)
    {
        var random = new Random(21);
        float[] Item(bool second) => [.. Enumerable.Range(0, Width).Select(f => f == 7 ? (second ? (float)((random.NextDouble() * 2) - 1) : 0f) : (float)((random.NextDouble() * 2) - 1))];

        // Group one: items 0-119, ordered by feature 0, feature 7 always 0. Group two: items 200-239, ordered by feature 7.
        var first = Enumerable.Range(0, 120).Select(_ => Item(false)).ToArray();
        var second = Enumerable.Range(0, 40).Select(_ => Item(true)).ToArray();
        var pairs = new List<TrainingPair>();
        var seen = new HashSet<(int, int)>();
        while (pairs.Count < 400)
        {
            var a = random.Next(120);
            var b = random.Next(120);
            if (a != b && seen.Add((Math.Min(a, b), Math.Max(a, b))))
            {
                pairs.Add(new TrainingPair($"p{pairs.Count}", $"i{a}", $"i{b}", first[a][0] > first[b][0] ? 1 : -1, "bootstrap", first[a], first[b]));
            }
        }

        validationGroup = [];
        while (validationGroup.Count < 100)
        {
            var a = random.Next(40);
            var b = random.Next(40);
            if (a != b && seen.Add((200 + Math.Min(a, b), 200 + Math.Max(a, b))))
            {
                validationGroup.Add(new TrainingPair($"q{validationGroup.Count}", $"i{200 + a}", $"i{200 + b}", second[a][7] > second[b][7] ? 1 : -1, "user_choice", second[a], second[b]));
            }
        }

        return [.. pairs, .. validationGroup];
    }

    private static TrainingPair Pair(int id, int a, int b, float[][] items, string source, bool higherWins) =>
        new($"p{id}", $"i{a}", $"i{b}", (items[a][0] > items[b][0]) == higherWins ? 1 : -1, source, items[a], items[b]);

    private static double Accuracy(string model, List<TrainingPair> pairs)
    {
        var scores = Score(model, [.. pairs.SelectMany(p => new[] { p.AFeatures.ToArray(), p.BFeatures.ToArray() })]);
        return pairs.Select((p, i) => Math.Sign(scores[2 * i] - scores[(2 * i) + 1]) == p.Label ? 1.0 : 0.0).Average();
    }

    internal static float[] Score(string model, float[][] rows)
    {
        using var session = new InferenceSession(model);
        var width = rows[0].Length;
        using var input = OrtValue.CreateTensorValueFromMemory(rows.SelectMany(r => r).ToArray(), [rows.Length, width]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, ["features"], [input], ["score"]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    private static double MaxDifference(float[] a, float[] b) => a.Zip(b).Max(p => Math.Abs(p.First - p.Second));
}
