using System.Globalization;

namespace Ancso.Ml.Training;

/// <summary>Checks <see cref="RankerTrainingOptions"/> before any work, naming the option and its allowed range.</summary>
internal static class TrainingOptionsValidation
{
    public static void Validate(RankerTrainingOptions o)
    {
        Check(o.Epochs is >= 1 and <= 100_000, nameof(o.Epochs), o.Epochs, "1 to 100000");
        Check(o.BatchSize is >= 1 and <= 1_000_000, nameof(o.BatchSize), o.BatchSize, "1 to 1000000");
        Check(double.IsFinite(o.LearningRate) && o.LearningRate > 0 && o.LearningRate <= 10, nameof(o.LearningRate), o.LearningRate, "above 0 and at most 10");
        Check(double.IsFinite(o.Margin) && o.Margin > 0, nameof(o.Margin), o.Margin, "above 0");
        Check(o.Dropout is >= 0 and < 1, nameof(o.Dropout), o.Dropout, "0 to below 1");
        Check(o.FirstHiddenSize is >= 1 and <= 65536, nameof(o.FirstHiddenSize), o.FirstHiddenSize, "1 to 65536");
        Check(o.SecondHiddenSize is >= 1 and <= 65536, nameof(o.SecondHiddenSize), o.SecondHiddenSize, "1 to 65536");
        Check(o.ValidationFraction is >= 0 and < 1, nameof(o.ValidationFraction), o.ValidationFraction, "0 to below 1");
        Check(o.EarlyStoppingPatience >= 0, nameof(o.EarlyStoppingPatience), o.EarlyStoppingPatience, "0 (off) or more");
        Check(o.Threads is >= 1 and <= 1024, nameof(o.Threads), o.Threads, "1 to 1024");
        Check(double.IsFinite(o.ParityTolerance) && o.ParityTolerance > 0, nameof(o.ParityTolerance), o.ParityTolerance, "above 0");
        Check(!string.IsNullOrWhiteSpace(o.OutputDirectory), nameof(o.OutputDirectory), o.OutputDirectory, "a folder path");
        Check(!string.IsNullOrWhiteSpace(o.Device), nameof(o.Device), o.Device, "cpu, cuda or cuda:N");
        Check(Enum.IsDefined(o.Loss), nameof(o.Loss), o.Loss, "MarginRanking or Logistic");
        Check(o.Source is not null || o.Pairs is not null || !string.IsNullOrWhiteSpace(o.DatasetPath), nameof(o.DatasetPath), o.DatasetPath, "a dataset folder or file (or set Source or Pairs)");
        foreach (var (source, weight) in o.SourceWeights)
        {
            Check(!string.IsNullOrWhiteSpace(source), nameof(o.SourceWeights), $"a weight for an empty source", "keyed by source names such as user_choice");
            Check(double.IsFinite(weight) && weight >= 0 && weight <= 1000, $"{nameof(o.SourceWeights)}[{source}]", weight, "0 to 1000");
        }

        Check(o.InfluenceLimits is not null, nameof(o.InfluenceLimits), null, "influence limits (new InfluenceLimitOptions() for the defaults)");
        Check(o.InfluenceLimits!.MaxRaterShare is > 0 and <= 1, $"{nameof(o.InfluenceLimits)}.{nameof(o.InfluenceLimits.MaxRaterShare)}", o.InfluenceLimits.MaxRaterShare,
            "a share of the human weight above 0 and at most 1 (1 turns the cap off)");
        Check(o.InitialModel is null || !string.IsNullOrWhiteSpace(o.InitialModel), nameof(o.InitialModel), o.InitialModel, "an .onnx file path or null");
        if (o.Version is not null && !Models.ModelFileNames.IsValidVersion(o.Version))
        {
            Check(false, nameof(o.Version), o.Version, "1-100 letters, digits, '.', '_' or '-'");
        }
    }

    private static void Check(bool ok, string option, object? value, string allowed)
    {
        if (!ok)
        {
            throw new RankerTrainingException(RankerTrainingErrorKind.InvalidOptions,
                string.Create(CultureInfo.InvariantCulture, $"RankerTrainingOptions.{option} is {value ?? "null"}; it must be {allowed}."), field: option);
        }
    }
}
