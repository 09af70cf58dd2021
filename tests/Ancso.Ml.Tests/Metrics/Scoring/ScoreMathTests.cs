using Ancso.Ml.Metrics.Scoring;

namespace Ancso.Ml.Tests.Metrics.Scoring;

public class ScoreMathTests
{
    [TestCase(double.NaN, 0)]
    [TestCase(double.PositiveInfinity, 1)]
    [TestCase(double.NegativeInfinity, 0)]
    [TestCase(-0.5, 0)]
    [TestCase(0.25, 0.25)]
    [TestCase(7, 1)]
    public void Unit_AnyValue_ClampsToUnitRange(double value, double expected)
    {
        Assert.That(ScoreMath.Unit(value), Is.EqualTo(expected));
    }

    [Test]
    public void RangeFit_InsideRange_IsOneAndFallsSmoothlyOnBothSides()
    {
        var fits = new[] { 10.0, 20, 30, 40, 100, 160, 200, 240, 400 }.Select(x => ScoreMath.RangeFit(x, 40, 160, 0.5)).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(fits[3], Is.EqualTo(1));
            Assert.That(fits[4], Is.EqualTo(1));
            Assert.That(fits[5], Is.EqualTo(1));
            Assert.That(fits[0], Is.LessThan(fits[1]));
            Assert.That(fits[1], Is.LessThan(fits[2]));
            Assert.That(fits[6], Is.GreaterThan(fits[7]));
            Assert.That(fits[7], Is.GreaterThan(fits[8]));
            Assert.That(ScoreMath.RangeFit(200, 40, 160, 0.5), Is.EqualTo(Math.Exp(-0.125)).Within(1e-12));
        });
    }

    [Test]
    public void Saturate_Evidence_RisesTowardsOne()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ScoreMath.Saturate(0, 2), Is.Zero);
            Assert.That(ScoreMath.Saturate(2, 2), Is.EqualTo(1 - Math.Exp(-1)).Within(1e-12));
            Assert.That(ScoreMath.Saturate(1e9, 2), Is.EqualTo(1));
            Assert.That(ScoreMath.Saturate(-3, 2), Is.Zero);
            Assert.That(ScoreMath.Saturate(3, 0), Is.Zero);
        });
    }
}
