using Ancso.Ml.Content;
using Ancso.Ml.Inference;

namespace Ancso.Ml.Tests.Inference;

public class RankingOrderTests
{
    private static readonly float[] Specials = [0f, -0f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.Epsilon, -float.Epsilon, float.MaxValue, float.MinValue, 1f, -1f];

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(999)]
    [TestCase(1000)]
    [TestCase(1001)]
    public void Rank_RandomScoresWithTiesAndSpecialValues_MatchesAStableSortByCompareToDescending(int count)
    {
        var random = new Random(count + 17);
        for (var round = 0; round < 20; round++)
        {
            var scores = new float[count];
            for (var i = 0; i < count; i++)
            {
                scores[i] = random.Next(4) switch
                {
                    0 => Specials[random.Next(Specials.Length)],
                    1 => random.Next(-3, 4) * 0.5f, // many exact ties
                    2 => BitConverter.Int32BitsToSingle(random.Next(int.MinValue, int.MaxValue)), // any bits, NaN payloads included
                    _ => (float)((random.NextDouble() * 20) - 10),
                };
            }

            var items = Enumerable.Range(0, count).Select(i => new ContentItem("i" + i, ContentPlatforms.LinkedIn, ContentSections.About, "t")).ToArray();

            var ranked = RankingOrder.Rank(items, scores);

            // The order before the keys: float.CompareTo descending, equal scores (−0 = +0, NaN = NaN) in input order.
            var expected = Enumerable.Range(0, count).OrderByDescending(i => scores[i], Comparer<float>.Default).ThenBy(i => i).ToArray();
            Assert.That(ranked.Select(r => r.Item), Is.EqualTo(expected.Select(i => items[i])), $"round {round}");
            Assert.That(ranked.Select(r => BitConverter.SingleToInt32Bits(r.Score)), Is.EqualTo(expected.Select(i => BitConverter.SingleToInt32Bits(scores[i]))));
            Assert.That(ranked.Select(r => r.Rank), Is.EqualTo(Enumerable.Range(1, count)));
        }
    }

    [Test]
    public void Rank_NegativeAndPositiveZeroAndNaN_TieInInputOrderWithNaNLast()
    {
        var items = Enumerable.Range(0, 5).Select(i => new ContentItem("i" + i, ContentPlatforms.LinkedIn, ContentSections.About, "t")).ToArray();

        var ranked = RankingOrder.Rank(items, [float.NaN, -0f, 0f, float.NaN, -1f]);

        Assert.That(ranked.Select(r => r.Item.Id), Is.EqualTo(new[] { "i1", "i2", "i4", "i0", "i3" }));
    }
}
