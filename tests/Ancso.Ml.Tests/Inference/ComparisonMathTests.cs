using Ancso.Ml.Inference;

namespace Ancso.Ml.Tests.Inference;

public class ComparisonMathTests
{
    [TestCase(2f, 1f, 1.0, Preference.A, 0.7310585786300049)]
    [TestCase(1f, 2f, 1.0, Preference.B, 0.7310585786300049)]
    [TestCase(1f, 2f, 0.5, Preference.B, 0.8807970779778823)]
    [TestCase(0f, 40f, 1.0, Preference.B, 1.0)]
    [TestCase(0.5f, 0.5f, 1.0, Preference.Tie, 0.5)]
    public void Compare_Scores_GivesPreferenceAndSigmoidConfidence(float a, float b, double temperature, Preference preference, double confidence)
    {
        var result = ComparisonMath.Compare(a, b, temperature, tieTolerance: 1e-6);

        Assert.That(result.Preference, Is.EqualTo(preference));
        Assert.That(result.Confidence, Is.EqualTo(confidence).Within(1e-12));
    }

    [Test]
    public void Compare_DifferenceAtTolerance_IsTie()
    {
        Assert.That(ComparisonMath.Compare(0.25f, 0.5f, 1.0, tieTolerance: 0.25), Is.EqualTo((Preference.Tie, 0.5)));
        Assert.That(ComparisonMath.Compare(0.25f, 0.5f, 1.0, tieTolerance: 0.24).Preference, Is.EqualTo(Preference.B));
    }

    [Test]
    public void Compare_NaNScore_IsTie()
    {
        Assert.That(ComparisonMath.Compare(float.NaN, 0.5f, 1.0, 1e-6), Is.EqualTo((Preference.Tie, 0.5)));
    }
}
