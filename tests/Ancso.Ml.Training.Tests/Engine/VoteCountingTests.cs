using Ancso.Ml.Learning.Influence;
using Ancso.Ml.Training.Data;
using Ancso.Ml.Training.Engine;

namespace Ancso.Ml.Training.Tests.Engine;

/// <summary>
/// Where a pair counts as the votes it carries after the influence limits rather than as one pair: the reported
/// accuracies, the temperature fit and the validation split. A capped flood must not decide any of them.
/// </summary>
public class VoteCountingTests
{
    [Test]
    public void Evaluate_LightPairsTheModelDisagreesWith_AccuracyFollowsTheVotes()
    {
        // Two honest pairs the scores get right (one vote each), eight flood pairs they get wrong (a hundredth each).
        int[] pairs = [.. Enumerable.Range(0, 10)];
        int[] a = [.. Enumerable.Range(0, 10).Select(p => 2 * p)];
        int[] b = [.. Enumerable.Range(0, 10).Select(p => (2 * p) + 1)];
        float[] scores = [.. Enumerable.Range(0, 20).Select(i => i % 2 == 0 ? 1f : 0f)];
        float[] labels = [1, 1, -1, -1, -1, -1, -1, -1, -1, -1];
        string[] sources = [.. Enumerable.Repeat("user_choice", 10)];
        float[] votes = [1, 1, .. Enumerable.Repeat(0.01f, 8)];

        var (_, plain, _) = PairFigures.Evaluate(pairs, a, b, labels, sources, scores, RankingLoss.MarginRanking, 1.0);
        var (_, counted, bySource) = PairFigures.Evaluate(pairs, a, b, labels, sources, scores, RankingLoss.MarginRanking, 1.0, votes: votes);

        Assert.Multiple(() =>
        {
            Assert.That(plain, Is.EqualTo(0.2).Within(1e-12));
            Assert.That(counted, Is.EqualTo(2 / 2.08).Within(1e-6));
            Assert.That(bySource["user_choice"], Is.EqualTo(2 / 2.08).Within(1e-6));
        });
    }

    [Test]
    public void Fit_LightPairsAgainstTheScores_TemperatureFollowsTheVotes()
    {
        // Five honest pairs agree with a score difference of 2; a hundred flood pairs, a thousandth of a vote each, say the opposite.
        double[] differences = [.. Enumerable.Repeat(2.0, 105)];
        float[] labels = [.. Enumerable.Repeat(1f, 5), .. Enumerable.Repeat(-1f, 100)];
        float[] votes = [.. Enumerable.Repeat(1f, 5), .. Enumerable.Repeat(0.001f, 100)];

        var counted = TemperatureFit.Fit(differences, labels, votes);
        var plain = TemperatureFit.Fit(differences, labels);

        Assert.That(counted, Is.LessThan(1.0), "the honest pairs are confident and right: a small temperature");
        Assert.That(plain, Is.GreaterThan(Math.Exp(TemperatureFit.MaxLogT) / 2), "pair by pair the flood pins it at the top of its range");
    }

    [Test]
    public void Split_LargeGroupOfLightPairsAndSmallHonestGroups_HonestPairsOnBothSides()
    {
        // 40 honest pairs, each its own group, and 400 pairs of a flood over 200 items, worth 0.005 of a vote each.
        var builder = new PairSetBuilder(2);
        var line = 0;
        for (var k = 0; k < 40; k++)
        {
            line++;
            builder.Add(new Ancso.Ml.Learning.Dataset.DatasetPosition(null, Ancso.Ml.Learning.Dataset.DatasetUnit.Pair, line), $"h{k}", $"h{2 * k}", $"h{(2 * k) + 1}", 1, "user_choice",
                TestDatasets.Rater(k), [k, 0], [-k, 0]);
        }

        var random = new Random(3);
        var seen = new HashSet<(int, int)>();
        while (seen.Count < 400)
        {
            var (x, y) = (random.Next(200), random.Next(200));
            if (x != y && seen.Add((Math.Min(x, y), Math.Max(x, y))))
            {
                line++;
                builder.Add(new Ancso.Ml.Learning.Dataset.DatasetPosition(null, Ancso.Ml.Learning.Dataset.DatasetUnit.Pair, line), $"f{line}", $"f{x}", $"f{y}", -1, "user_choice",
                    TestDatasets.Rater(999), [x, 1], [y, 1]);
            }
        }

        var set = builder.Build(new InfluenceLimitOptions(), _ => 10);
        var split = ItemSplit.Split(set, 0.2, new Random(1));

        var honest = Enumerable.Range(0, set.PairCount).Where(p => set.ItemIds[set.A[p]].StartsWith('h')).ToHashSet();
        var honestInTraining = split.TrainPairs.Count(honest.Contains);
        var honestInValidation = split.ValidationPairs.Count(honest.Contains);
        Assert.That(honest, Has.Count.EqualTo(40));
        Assert.That(honestInValidation, Is.InRange(4, 12), "about a fifth of the votes is held out, and nearly all votes are honest");
        Assert.That(honestInTraining, Is.EqualTo(40 - honestInValidation), "the rest train");
    }
}
