using Ancso.Ml.Learning.Dataset;
using Ancso.Ml.Training.Data;

namespace Ancso.Ml.Training.Tests.Data;

public class ItemSplitTests
{
    private static PairSet Build(IEnumerable<(int A, int B)> pairs)
    {
        var builder = new PairSetBuilder(2);
        var line = 0;
        foreach (var (a, b) in pairs)
        {
            line++;
            builder.Add(new DatasetPosition(null, DatasetUnit.Pair, line), $"p{line}", $"i{a}", $"i{b}", 1, "bootstrap", null, [a, 0], [b, 0]);
        }

        return builder.Build();
    }

    [Test]
    public void Split_DenseGraph_NoItemOnBothSidesAndStraddlersCounted()
    {
        var random = new Random(1);
        var pairs = Enumerable.Range(0, 600).Select(_ => (random.Next(100), random.Next(100))).Where(p => p.Item1 != p.Item2).Distinct().ToList();
        var set = Build(pairs);

        var split = ItemSplit.Split(set, 0.2, new Random(5));

        var trainItems = split.TrainPairs.SelectMany(p => new[] { set.A[p], set.B[p] }).ToHashSet();
        var validationItems = split.ValidationPairs.SelectMany(p => new[] { set.A[p], set.B[p] }).ToHashSet();
        Assert.That(trainItems.Overlaps(validationItems), Is.False);
        Assert.That(split.TrainPairs.Length + split.ValidationPairs.Length + split.StraddlingDropped, Is.EqualTo(set.PairCount));
        Assert.That(split.ValidationPairs.Length, Is.InRange(set.PairCount * 0.1, set.PairCount * 0.3));
    }

    [Test]
    public void Split_SeparateGroups_HoldsOutWholeGroupsAndDropsNothing()
    {
        // 50 separate before/after chains of 3 items each.
        var pairs = Enumerable.Range(0, 50).SelectMany(g => new[] { (3 * g, (3 * g) + 1), ((3 * g) + 1, (3 * g) + 2) });
        var set = Build(pairs);

        var split = ItemSplit.Split(set, 0.2, new Random(5));

        Assert.That(split.StraddlingDropped, Is.Zero);
        Assert.That(split.ValidationPairs, Has.Length.EqualTo(20));
    }

    [Test]
    public void Split_SameSeed_SameSplit()
    {
        var random = new Random(2);
        var set = Build(Enumerable.Range(0, 300).Select(_ => (random.Next(60), random.Next(60))).Where(p => p.Item1 != p.Item2).Distinct());

        var first = ItemSplit.Split(set, 0.2, new Random(9));
        var second = ItemSplit.Split(set, 0.2, new Random(9));

        Assert.That(second.ValidationPairs, Is.EqualTo(first.ValidationPairs));
        Assert.That(second.TrainPairs, Is.EqualTo(first.TrainPairs));
    }

    [Test]
    public void Split_ZeroFraction_EverythingTrains()
    {
        var set = Build([(0, 1), (1, 2), (2, 3)]);

        var split = ItemSplit.Split(set, 0, new Random(1));

        Assert.That((split.TrainPairs.Length, split.ValidationPairs.Length, split.StraddlingDropped), Is.EqualTo((3, 0, 0)));
    }
}
