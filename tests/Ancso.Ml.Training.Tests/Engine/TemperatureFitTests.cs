using Ancso.Ml.Training.Engine;

namespace Ancso.Ml.Training.Tests.Engine;

public class TemperatureFitTests
{
    [TestCase(0.5)]
    [TestCase(2.0)]
    [TestCase(7.5)]
    public void Fit_LabelsDrawnAtKnownTemperature_RecoversIt(double trueTemperature)
    {
        var random = new Random(3);
        var differences = new List<double>();
        var labels = new List<float>();
        for (var i = 0; i < 20_000; i++)
        {
            var d = (random.NextDouble() * 8) - 4;
            var pA = 1 / (1 + Math.Exp(-d / trueTemperature));
            differences.Add(d);
            labels.Add(random.NextDouble() < pA ? 1 : -1);
        }

        var fitted = TemperatureFit.Fit(differences, labels);

        Assert.That(fitted, Is.EqualTo(trueTemperature).Within(8).Percent);
    }

    [Test]
    public void Fit_NoPairs_ReturnsOne()
    {
        Assert.That(TemperatureFit.Fit([], []), Is.EqualTo(1.0));
    }
}
