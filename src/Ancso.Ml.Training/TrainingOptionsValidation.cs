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
        Check(double.IsFinite(o.ReasonLossWeight) && o.ReasonLossWeight is >= 0 and <= 100, nameof(o.ReasonLossWeight), o.ReasonLossWeight, "between 0 and 100 (0 trains no reason head)");
        Check(!string.IsNullOrWhiteSpace(o.OutputDirectory), nameof(o.OutputDirectory), o.OutputDirectory, "a folder path");
        Check(!string.IsNullOrWhiteSpace(o.Device), nameof(o.Device), o.Device, "cpu, cuda or cuda:N");
        Check(Enum.IsDefined(o.Loss), nameof(o.Loss), o.Loss, "MarginRanking or Logistic");
        ValidateInput(o);
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

    /// <summary>The input is named once: by <see cref="RankerTrainingOptions.Source"/>, or one of its shorthands.</summary>
    private static void ValidateInput(RankerTrainingOptions o)
    {
        Check(o.DatasetPath is null || !string.IsNullOrWhiteSpace(o.DatasetPath), nameof(o.DatasetPath), o.DatasetPath, "a dataset folder or file, or null");
        var named = new List<string>(3);
        if (o.Source is not null)
        {
            named.Add(nameof(o.Source));
        }

        if (o.DatasetPath is not null)
        {
            named.Add(nameof(o.DatasetPath));
        }

        if (o.Pairs is not null)
        {
            named.Add(nameof(o.Pairs));
        }

        if (named.Count > 1)
        {
            throw new RankerTrainingException(RankerTrainingErrorKind.InvalidOptions,
                $"RankerTrainingOptions sets {string.Join(" and ", named)}: they all name the input, so set one. Use Source " +
                "(RankerTrainingSource.FromDataset(path), FromPairStore(store, features) or FromPairs(pairs, layout)), or its shorthand " +
                "DatasetPath (an exported dataset) or Pairs with Layout (pairs in memory).",
                field: named[1]);
        }

        if (o.Layout is not null && o.Pairs is null)
        {
            throw new RankerTrainingException(RankerTrainingErrorKind.InvalidOptions,
                "RankerTrainingOptions.Layout is set without Pairs; it describes Pairs only (a dataset's layout comes from its metadata.json, " +
                "a pair store's from its feature builder). Remove it, or set Pairs with it (or Source = RankerTrainingSource.FromPairs(pairs, layout)).",
                field: nameof(o.Layout));
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
