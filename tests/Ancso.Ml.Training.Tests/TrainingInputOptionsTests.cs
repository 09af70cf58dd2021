namespace Ancso.Ml.Training.Tests;

/// <summary>The input is named once: <see cref="RankerTrainingOptions.Source"/>, or its shorthand DatasetPath or Pairs.</summary>
public class TrainingInputOptionsTests
{
    [Test]
    public void NoInput_IsValid_AndReadsTheDefaultDataset()
    {
        var options = new RankerTrainingOptions();

        Assert.DoesNotThrow(() => TrainingOptionsValidation.Validate(options));
        Assert.That(options.DatasetPath, Is.Null);
    }

    [Test]
    public void SourceAndDatasetPath_FailNamingBoth()
    {
        var options = new RankerTrainingOptions { DatasetPath = "data/ranker", Source = RankerTrainingSource.FromDataset("other") };

        var e = Assert.Throws<RankerTrainingException>(() => TrainingOptionsValidation.Validate(options));

        Assert.That(e!.Kind, Is.EqualTo(RankerTrainingErrorKind.InvalidOptions));
        Assert.That(e.Message, Does.Contain("Source and DatasetPath").And.Contain("set one"));
    }

    [Test]
    public void PairsAndDatasetPath_FailNamingBoth()
    {
        var options = new RankerTrainingOptions
        {
            DatasetPath = "data/ranker",
            Pairs = TestDatasets.LearnablePairs(items: 10, pairs: 10, dimension: 8),
            Layout = TestDatasets.Layout(8),
        };

        var e = Assert.Throws<RankerTrainingException>(() => TrainingOptionsValidation.Validate(options));

        Assert.That(e!.Message, Does.Contain("DatasetPath and Pairs"));
    }

    [Test]
    public void LayoutWithoutPairs_Fails()
    {
        var options = new RankerTrainingOptions { DatasetPath = "data/ranker", Layout = TestDatasets.Layout(8) };

        var e = Assert.Throws<RankerTrainingException>(() => TrainingOptionsValidation.Validate(options));

        Assert.That(e!.Message, Does.Contain("Layout is set without Pairs"));
    }
}
