using Ancso.Ml.Features;
using Ancso.Ml.Learning.Dataset;
using Ancso.Ml.Learning.Influence;
using Ancso.Ml.Training.Data;

namespace Ancso.Ml.Training.Tests.Engine;

/// <summary>
/// Each pair's loss weight is the one <see cref="InfluenceLimiter"/> gives it, and a pair pulls on the model in
/// proportion to that weight whichever batch it lands in.
/// </summary>
public class PairWeightTests
{
    private const int Dimension = 8;
    private static readonly FeatureLayout Layout = TestDatasets.Layout(Dimension);

    [Test]
    public void Build_CappedRater_EachPairWeighsWhatTheLimiterGivesIt()
    {
        // 20 raters with one user choice each (weight 10), one rater with 200 (weight 2,000 before the cap) and 10
        // bootstrap pairs (weight 1, uncapped).
        var builder = new PairSetBuilder(2);
        var number = 0;
        void Add(int a, int b, string source, string? rater)
        {
            number++;
            builder.Add(new DatasetPosition(null, DatasetUnit.Pair, number), $"p{number}", $"i{a}", $"i{b}", 1, source, rater, [a, 0], [b, 0]);
        }

        for (var k = 0; k < 20; k++)
        {
            Add(2 * k, (2 * k) + 1, "user_choice", TestDatasets.Rater(k));
        }

        for (var k = 0; k < 200; k++)
        {
            Add(1000 + k, 1000 + k + 1, "user_choice", TestDatasets.Rater(999));
        }

        for (var k = 0; k < 10; k++)
        {
            Add(5000 + k, 5000 + k + 1, "bootstrap", null);
        }

        var set = builder.Build(new RankerTrainingOptions());

        // The cap t solves t = 0.05 × (200 + t): the flooding rater keeps 200/19 of 2,000, spread over 200 pairs.
        var floodPairWeight = 200.0 / 19 / 200;
        Assert.That(set.Weights.Take(20), Is.All.EqualTo(10f));
        Assert.That(set.Weights.Skip(20).Take(200), Is.All.EqualTo((float)floodPairWeight).Within(1e-6));
        Assert.That(set.Weights.Skip(220), Is.All.EqualTo(1f));
        Assert.That(set.Weights[20] / set.Weights[0], Is.LessThan(0.01), "a flooding rater's pair weighs under 1% of an honest one's");
        Assert.That(set.Influence.LargestShareAfter, Is.EqualTo(0.05).Within(1e-9));
    }

    [Test]
    public async Task LoadAsync_PairsHandedIn_WeightsAreTheLimitersOnTheSameVotes()
    {
        var pairs = InfluenceLimitTests.FloodedPairs(TestDatasets.Rater(999));
        pairs.AddRange(TestDatasets.LearnablePairs(items: 30, pairs: 40, dimension: Dimension, seed: 3).Select(p => p with { PairId = "b" + p.PairId, AId = "b" + p.AId, BId = "b" + p.BId }));
        var options = new RankerTrainingOptions { Pairs = pairs, Layout = Layout, InfluenceLimits = new InfluenceLimitOptions { MaxRaterShare = 0.1 } };

        var set = (await TrainingData.LoadAsync(options, CancellationToken.None)).Set;

        var ids = set.ItemIds.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var expected = InfluenceLimiter.Apply([.. pairs.Select(p => new PairVote(ids[p.AId], ids[p.BId], p.Label, p.Source, p.Rater))], options.InfluenceLimits, options.SourceWeightOf);
        Assert.That(set.Weights, Is.EqualTo(expected.Pairs.Select(p => (float)p.Weight)));
        Assert.That(set.A, Is.EqualTo(expected.Pairs.Select(p => p.ItemA)));
        Assert.That(set.Labels, Is.EqualTo(expected.Pairs.Select(p => (float)p.Label)));
        Assert.That(set.Weights.Distinct().Count(), Is.GreaterThan(2), "capped, uncapped and bootstrap weights differ");
    }

    [Test]
    public async Task TrainAsync_OnePairPerBatch_LightPairsPullInProportionToTheirWeight()
    {
        // With one pair per batch, a batch's loss divided by its own weight would make every pair pull alike, and the
        // 400 flipped pairs of the capped rater would outnumber the 40 honest ones (measured: the model then agrees with
        // the rule on about 1% of new pairs). Divided by the epoch's mean weight, each flipped pair pulls about 1/190 of
        // an honest one, and the honest raters decide.
        var pairs = InfluenceLimitTests.FloodedPairs(floodRater: TestDatasets.Rater(999));
        using var folder = new TempFolder();

        var result = await InfluenceLimitTests.Train(folder.Path, pairs, limits: null, epochs: 10, batchSize: 1);

        Assert.That(result.Influence.CappedRaters, Is.EqualTo(1));
        Assert.That(InfluenceLimitTests.RuleAgreement(result.ModelPath), Is.GreaterThan(0.8), "the model follows the 40 honest raters, not the 400 light flipped pairs");
    }
}
