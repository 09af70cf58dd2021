using Ancso.Ml.Metrics;
using Ancso.Ml.Models;
using Ancso.Ml.Reasons;
using Ancso.Ml.Training.Data;
using Ancso.Ml.Training.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace Ancso.Ml.Training.Tests.Engine;

/// <summary>
/// The reason head: trained beside the score head when pairs' tags name reasons and the reason loss has a weight,
/// written as the ONNX output <c>reasons</c> with its tags in the metadata; absent otherwise, leaving the model as it
/// was before reasons existed.
/// </summary>
public class ReasonHeadTests
{
    private const int Dimension = 8;
    private static readonly int Width = Dimension + MetricNames.All.Count;

    [Test]
    public async Task TrainAsync_PairsTaggedWithFlaws_WritesReasonOutputAndItsTagsInTheMetadata()
    {
        using var folder = new TempFolder();
        var models = folder.Combine("models");

        var result = await FinalFitTests.Train(models, Tagged(Pairs(), i => [ReasonTags.All[i % 21]]), o => o.Activate = true);

        using var registry = new FileModelRegistry(models);
        var active = await registry.GetActiveAsync();
        Assert.That(active?.Version, Is.EqualTo(result.Version), "activation accepts a model with a reason output");
        var metadata = active!.Metadata!;
        Assert.Multiple(() =>
        {
            Assert.That(metadata.ReasonOutputName, Is.EqualTo("reasons"));
            Assert.That(metadata.ReasonTags, Is.EqualTo(ReasonTags.All));
            Assert.That(metadata.HyperParameters!["reason_loss_weight"].GetDouble(), Is.EqualTo(0.5));
            Assert.That(OutputsOf(result.ModelPath).Select(o => o.Name), Is.EqualTo(new[] { "score", "reasons" }));
            Assert.That(OutputsOf(result.ModelPath)[1].Dimensions, Is.EqualTo(new[] { -1, 27 }));
            Assert.That(result.MaxParityDifference, Is.LessThanOrEqualTo(1e-4));
        });
    }

    [Test]
    public async Task TrainAsync_ReasonLossWeightZero_NoReasonOutputNorReasonMetadata()
    {
        using var folder = new TempFolder();

        var result = await FinalFitTests.Train(folder.Path, Tagged(Pairs(), i => [ReasonTags.Vague]), o => o.ReasonLossWeight = 0);

        Assert.That(result.Metadata.ReasonOutputName, Is.Null);
        Assert.That(result.Metadata.ReasonTags, Is.Null);
        Assert.That(result.Metadata.HyperParameters!["reason_loss_weight"].GetDouble(), Is.Zero);
        Assert.That(OutputsOf(result.ModelPath).Select(o => o.Name), Is.EqualTo(new[] { "score" }));
    }

    [Test]
    public async Task TrainAsync_NoTagNamesAReason_NoReasonOutputNorReasonMetadata()
    {
        using var folder = new TempFolder();

        var result = await FinalFitTests.Train(folder.Path, Tagged(Pairs(), i => ["tone", "shorter", "specificity-ish"]));

        Assert.That(result.Metadata.ReasonOutputName, Is.Null);
        Assert.That(result.Metadata.ReasonTags, Is.Null);
        Assert.That(OutputsOf(result.ModelPath).Select(o => o.Name), Is.EqualTo(new[] { "score" }));
    }

    [Test]
    public async Task TrainAsync_TagsPresentButReasonLossWeightZero_SameOnnxBytesAsWithoutTags()
    {
        using var folder = new TempFolder();
        var pairs = Pairs();

        var tagged = await FinalFitTests.Train(folder.Combine("tagged"), Tagged(pairs, i => [ReasonTags.All[i % 21], "padded"]), o => o.ReasonLossWeight = 0);
        var untagged = await FinalFitTests.Train(folder.Combine("untagged"), pairs);

        Assert.That(File.ReadAllBytes(tagged.ModelPath), Is.EqualTo(File.ReadAllBytes(untagged.ModelPath)));
    }

    [TestCase(double.NaN)]
    [TestCase(-1.0)]
    [TestCase(101.0)]
    [TestCase(double.PositiveInfinity)]
    public void TrainAsync_ReasonLossWeightOutOfRange_FailsNamingTheOption(double weight)
    {
        var options = new RankerTrainingOptions { ReasonLossWeight = weight };

        var error = Assert.ThrowsAsync<RankerTrainingException>(() => new RankerTrainer().TrainAsync(options));

        Assert.That(error!.Kind, Is.EqualTo(RankerTrainingErrorKind.InvalidOptions));
        Assert.That(error.Field, Is.EqualTo(nameof(RankerTrainingOptions.ReasonLossWeight)));
        Assert.That(error.Message, Does.Contain("RankerTrainingOptions.ReasonLossWeight").And.Contain("between 0 and 100"));
    }

    [Test]
    public async Task TrainAsync_SynonymTags_TeachTheReasonTheyStandFor()
    {
        using var folder = new TempFolder();
        var pairs = Pairs();

        var synonym = await FinalFitTests.Train(folder.Combine("synonym"), Tagged(pairs, i => ["too long", "padded"]));
        var exact = await FinalFitTests.Train(folder.Combine("exact"), Tagged(pairs, i => [ReasonTags.Padding]));

        Assert.That(synonym.Metadata.ReasonTags, Is.EqualTo(ReasonTags.All));
        Assert.That(File.ReadAllBytes(synonym.ModelPath), Is.EqualTo(File.ReadAllBytes(exact.ModelPath)), "'padded' teaches exactly what 'padding' does");
        var padding = ReasonTags.All.ToList().IndexOf(ReasonTags.Padding);
        var taught = pairs.Count(p =>
        {
            var (winner, loser) = p.Label > 0 ? (p.AFeatures, p.BFeatures) : (p.BFeatures, p.AFeatures);
            var reasons = Reasons(synonym.ModelPath, [winner.ToArray(), loser.ToArray()]);
            var difference = Enumerable.Range(0, 27).Select(k => reasons[1][k] - reasons[0][k]).ToArray();
            return Array.IndexOf(difference, difference.Max()) == padding;
        });
        Assert.That(taught, Is.GreaterThanOrEqualTo(pairs.Count * 9 / 10), "nearly every pair's strongest reason is the one its tag named");
    }

    [Test]
    public async Task TrainAsync_WarmStartFromModelWithoutReasonHead_AddsOneAndKeepsTheScores()
    {
        using var folder = new TempFolder();
        var pairs = Pairs();
        var first = await FinalFitTests.Train(folder.Combine("first"), pairs, o => o.Seed = 1);

        var warm = await FinalFitTests.Train(folder.Combine("warm"), Tagged(pairs, i => [ReasonTags.Vague]), o =>
        {
            Barely(o);
            o.InitialModel = first.ModelPath;
        });

        var probes = Probes(pairs);
        Assert.That(OutputsOf(first.ModelPath).Select(o => o.Name), Is.EqualTo(new[] { "score" }));
        Assert.That(warm.WarmStartedFrom, Is.EqualTo(Path.GetFullPath(first.ModelPath)));
        Assert.That(warm.WarmStartSkippedReason, Is.Null);
        Assert.That(warm.Metadata.ReasonTags, Is.EqualTo(ReasonTags.All));
        Assert.That(OutputsOf(warm.ModelPath).Select(o => o.Name), Is.EqualTo(new[] { "score", "reasons" }));
        Assert.That(MaxDifference(FinalFitTests.Score(warm.ModelPath, probes), FinalFitTests.Score(first.ModelPath, probes)), Is.LessThan(1e-3));
    }

    [Test]
    public async Task TrainAsync_WarmStartFromModelWithReasonHead_StartsFromBothHeads()
    {
        using var folder = new TempFolder();
        var pairs = Tagged(Pairs(), i => [ReasonTags.All[i % 21]]);
        var first = await FinalFitTests.Train(folder.Combine("first"), pairs, o => o.Seed = 1);

        var warm = await FinalFitTests.Train(folder.Combine("warm"), pairs, o =>
        {
            Barely(o);
            o.InitialModel = first.ModelPath;
        });
        var cold = await FinalFitTests.Train(folder.Combine("cold"), pairs, Barely);

        var probes = Probes(pairs);
        var reference = Reasons(first.ModelPath, probes).SelectMany(r => r).ToArray();
        Assert.That(warm.WarmStartedFrom, Is.EqualTo(Path.GetFullPath(first.ModelPath)));
        Assert.That(MaxDifference(FinalFitTests.Score(warm.ModelPath, probes), FinalFitTests.Score(first.ModelPath, probes)), Is.LessThan(1e-3));
        Assert.That(MaxDifference(Reasons(warm.ModelPath, probes).SelectMany(r => r).ToArray(), reference), Is.LessThan(1e-3), "the reason head starts from the first model's");
        Assert.That(MaxDifference(Reasons(cold.ModelPath, probes).SelectMany(r => r).ToArray(), reference), Is.GreaterThan(0.1), "a cold start's reason head is another");
    }

    private static void Barely(RankerTrainingOptions o)
    {
        o.Epochs = 1;
        o.LearningRate = 1e-9;
        o.Seed = 99;
    }

    private static List<TrainingPair> Pairs() => TestDatasets.LearnablePairs(items: 60, pairs: 150, dimension: Dimension, seed: 4);

    private static List<TrainingPair> Tagged(List<TrainingPair> pairs, Func<int, string[]> tags) =>
        [.. pairs.Select((p, i) => p with { Tags = tags(i) })];

    private static float[][] Probes(List<TrainingPair> pairs) => [.. pairs.Take(40).SelectMany(p => new[] { p.AFeatures.ToArray(), p.BFeatures.ToArray() })];

    private static (string Name, int[] Dimensions)[] OutputsOf(string model)
    {
        using var session = new InferenceSession(model);
        return [.. session.OutputMetadata.Select(o => (o.Key, o.Value.Dimensions))];
    }

    private static float[][] Reasons(string model, float[][] rows)
    {
        using var session = new InferenceSession(model);
        using var input = OrtValue.CreateTensorValueFromMemory(rows.SelectMany(r => r).ToArray(), [rows.Length, Width]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, [OnnxModelWriter.InputName], [input], [OnnxModelWriter.ReasonOutputName]);
        var values = outputs[0].GetTensorDataAsSpan<float>().ToArray();
        return [.. Enumerable.Range(0, rows.Length).Select(r => values.AsSpan(r * 27, 27).ToArray())];
    }

    private static double MaxDifference(float[] a, float[] b) => a.Zip(b).Max(p => Math.Abs(p.First - p.Second));
}
