using Ancso.Ml.Learning.Influence;

namespace Ancso.Ml.Cli.Commands;

/// <summary><c>ancso ranker train</c>: trains on an exported dataset, exports ONNX, checks parity, and activates.</summary>
internal sealed class TrainCommand(CliEnvironment environment) : CliCommand(environment)
{
    /// <summary>The most epochs the trainer accepts (RankerTrainingOptions.Epochs).</summary>
    internal const int MaxEpochs = 100_000;

    /// <summary>The largest batch the trainer accepts (RankerTrainingOptions.BatchSize).</summary>
    internal const int MaxBatchSize = 1_000_000;

    /// <summary>The largest learning rate the trainer accepts (RankerTrainingOptions.LearningRate).</summary>
    internal const double MaxLearningRate = 10;

    private readonly Option<int> _epochs = new("--epochs") { Description = "Epochs (at most; early stopping may end sooner).", DefaultValueFactory = _ => 50 };
    private readonly Option<int> _batchSize = new("--batch-size") { Description = "Pairs per batch.", DefaultValueFactory = _ => 32 };
    private readonly Option<string?> _input = new("--input") { Description = "Dataset to train on: its folder, or its dataset.bin or dataset.jsonl (default: the data folder, as written by export)." };
    private readonly Option<bool> _fromStore = new("--from-store") { Description = "Train straight from the pair store (each item's features built once, as export would), with no dataset file in between." };
    private readonly Option<string?> _output = new("--output") { Description = "Models folder to store the model in (default: the models folder, models)." };
    private readonly Option<bool> _noActivate = new("--no-activate") { Description = "Store the model as a new version but do not make it the active one." };
    private readonly Option<double> _learningRate = new("--learning-rate") { Description = "Adam's learning rate.", DefaultValueFactory = _ => 1e-3 };
    private readonly Option<int> _seed = new("--seed") { Description = "Seed: the same seed and data give the same model on the same machine.", DefaultValueFactory = _ => 42 };
    private readonly Option<int> _patience = new("--patience") { Description = "Stop after this many epochs without a better validation loss.", DefaultValueFactory = _ => 10 };
    private readonly Option<RankingLoss> _loss = new("--loss") { Description = "Loss: MarginRanking (the original's) or Logistic.", DefaultValueFactory = _ => RankingLoss.MarginRanking };
    private readonly Option<string[]> _sourceWeight = new("--source-weight")
    {
        Description = "Loss weight of a label source, SOURCE=WEIGHT, repeatable (defaults: manual=10, user_choice=10, before_after=5, bootstrap=1; config Ranker:Training:SourceWeights).",
        AllowMultipleArgumentsPerToken = false,
    };
    private readonly Option<bool> _noRefit = new("--no-refit") { Description = "Keep the best validated epoch's model instead of refitting on every pair for that many epochs." };
    private readonly Option<bool> _fromActive = new("--from-active") { Description = "Start from the active model's weights when its layout matches (a warm start); from scratch otherwise, saying why." };
    private readonly Option<double> _maxRaterShare = new("--max-rater-share")
    {
        Description = "The largest share of the human weight one rater's votes may carry (0 to 1; 1 turns the cap off). Default 0.05; config Ranker:Training:InfluenceLimits:MaxRaterShare.",
        DefaultValueFactory = _ => InfluenceLimitOptions.DefaultMaxRaterShare,
    };
    private readonly Option<bool> _trustUnattributed = new("--trust-unattributed")
    {
        Description = "Count each choice without a rater as its own rater (for labels an operator gave) instead of pooling them all as one rater. Config Ranker:Training:InfluenceLimits:TrustUnattributed.",
    };

    public override Command Build()
    {
        _epochs.Between(1, MaxEpochs);
        _batchSize.Between(1, MaxBatchSize);
        _patience.AtLeast(0);
        _learningRate.PositiveUpTo(MaxLearningRate);
        _seed.AnyWholeNumber();
        _maxRaterShare.PositiveUpTo(1);
        return WithAction(new Command("train",
            "Train the ranker (MLP, margin ranking loss, TorchSharp) on an exported dataset, write it as ONNX, check that ONNX Runtime scores it as TorchSharp did, fit the confidence temperature, and activate it.")
        {
            _epochs, _batchSize, _input, _fromStore, _output, _noActivate, _learningRate, _seed, _patience, _loss, _sourceWeight, _noRefit, _fromActive,
            _maxRaterShare, _trustUnattributed,
        });
    }

    internal static async Task<TrainSummary> RunAsync(CliContext context, RankerTrainingOptions options, CancellationToken cancellationToken)
    {
        var dataset = options.DatasetPath ?? RankerTrainingOptions.DefaultDatasetPath;
        if (options.Source is null && options.Pairs is null && !File.Exists(dataset)
            && !File.Exists(Path.Combine(dataset, PairDatasetFiles.MetadataFileName)))
        {
            throw new CliException($"No dataset at '{dataset}': run 'ancso ranker export' first, give --input, or train with --from-store.");
        }

        var trainer = context.Get<IRankerTrainer>();
        var result = await context.Output.WithProgressAsync("train", progress =>
            trainer.TrainAsync(options, new Progress(progress), cancellationToken)).ConfigureAwait(false);
        var epochs = (result.Metadata.Epochs ?? [])
            .Select(e => new TrainEpoch(e.Epoch, e.TrainLoss, e.TrainAccuracy, e.ValidationLoss, e.ValidationAccuracy))
            .ToList();
        return new TrainSummary(
            result.Version,
            result.Activated,
            result.ModelPath,
            result.PairsRead,
            result.TrainPairs,
            result.ValidationPairs,
            result.EpochsRun,
            result.BestEpoch,
            result.StoppedEarly,
            result.TrainAccuracy,
            result.ValidationAccuracy,
            result.ValidationAccuracyBySource,
            result.Temperature,
            result.MaxParityDifference,
            result.Metadata.EmbeddingGeneratorId,
            result.Refitted,
            result.FinalModelPairs,
            result.SourceWeights,
            result.WarmStartedFrom is null ? null : Path.GetFileName(result.WarmStartedFrom),
            result.WarmStartSkippedReason,
            result.Influence,
            epochs);
    }

    internal static void Write(TextWriter w, TrainSummary s)
    {
        foreach (var e in s.Epochs)
        {
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"epoch {e.Epoch,3}  train_loss: {CliOutput.Format(e.TrainLoss)}  train_acc: {CliOutput.Format(e.TrainAccuracy, 3)}  val_loss: {CliOutput.Format(e.ValidationLoss)}  val_acc: {CliOutput.Format(e.ValidationAccuracy, 3)}{(e.Epoch == s.BestEpoch ? "  (best)" : "")}"));
        }

        w.WriteLine($"model_version: {s.ModelVersion}");
        w.WriteLine($"activated: {(s.Activated ? "yes" : "no")}");
        w.WriteLine($"pairs: {s.PairsRead} (train {s.TrainPairs}, validation {s.ValidationPairs})");
        w.WriteLine($"best_epoch: {s.BestEpoch} of {s.EpochsRun}{(s.StoppedEarly ? " (stopped early)" : "")}");
        w.WriteLine(s.Refitted
            ? $"final_model: refit on all {s.FinalModelPairs} pairs for {s.BestEpoch} epochs"
            : $"final_model: best validated epoch, trained on {s.FinalModelPairs} pairs");
        w.WriteLine("source_weights: " + string.Join(", ", s.SourceWeights.Select(p => $"{p.Key}={CliOutput.Format(p.Value, 1)}")));
        w.WriteLine("influence: " + Describe(s.Influence));
        w.WriteLine($"warm_start: {(s.WarmStartedFrom is not null ? $"from {s.WarmStartedFrom}" : s.WarmStartSkippedReason is not null ? $"no ({s.WarmStartSkippedReason})" : "no")}");
        w.WriteLine($"train_accuracy: {CliOutput.Format(s.TrainAccuracy, 3)}");
        w.WriteLine($"validation_accuracy: {CliOutput.Format(s.ValidationAccuracy, 3)}");
        if (s.ValidationAccuracyBySource.Count > 0)
        {
            w.WriteLine("validation_accuracy_by_source: " + string.Join(", ",
                s.ValidationAccuracyBySource.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={CliOutput.Format(p.Value, 3)}")));
        }

        w.WriteLine($"temperature: {CliOutput.Format(s.Temperature, 3)}");
        w.WriteLine($"onnx_parity_max_difference: {s.OnnxParityMaxDifference.ToString("G3", CultureInfo.InvariantCulture)}");
        w.WriteLine($"model: {s.Model}");
    }

    /// <summary>What the influence limits did, on one line.</summary>
    internal static string Describe(InfluenceReport r) => string.Create(CultureInfo.InvariantCulture,
        $"raters {r.Raters} over {r.HumanVotes} human votes ({r.UnattributedVotes} unattributed, {(r.TrustUnattributed ? "each its own rater" : "pooled as one rater")}); " +
        $"capped {r.CappedRaters} at {r.MaxRaterShare * 100:0.0}% (heaviest {r.LargestShareBefore * 100:0.0}% -> {r.LargestShareAfter * 100:0.0}%); " +
        $"votes superseded {r.VotesSuperseded}, merged {r.VotesMerged}, outvoted {r.VotesOutvoted}, tied {r.VotesTied}");

    protected override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        var input = parse.GetValue(_input);
        var output = parse.GetValue(_output);
        var options = TrainingSettings.Create(context.Settings);
        if (parse.GetValue(_fromStore))
        {
            if (input is not null)
            {
                throw new CliException("--from-store and --input both say where to read the pairs; give one.", ExitCodes.Usage);
            }

            // The one input: the store, so a dataset path from the config file does not also name one.
            options.DatasetPath = null;
            options.Source = RankerTrainingSource.FromPairStore(context.Get<IPairStore>(), context.Get<IFeatureBuilder>());
        }
        else
        {
            options.DatasetPath = input is null ? context.Settings.DatasetPath : Path.GetFullPath(input);
        }

        options.OutputDirectory = output is null ? context.Settings.ModelsDirectory : Path.GetFullPath(output);
        options.Activate = !parse.GetValue(_noActivate);
        SetIfGiven(parse, _epochs, v => options.Epochs = v);
        SetIfGiven(parse, _batchSize, v => options.BatchSize = v);
        SetIfGiven(parse, _learningRate, v => options.LearningRate = v);
        SetIfGiven(parse, _seed, v => options.Seed = v);
        SetIfGiven(parse, _patience, v => options.EarlyStoppingPatience = v);
        SetIfGiven(parse, _loss, v => options.Loss = v);
        TrainingSettings.ApplySourceWeights(options, parse.GetValue(_sourceWeight) ?? []);
        SetIfGiven(parse, _maxRaterShare, v => options.InfluenceLimits.MaxRaterShare = v);
        if (parse.GetValue(_trustUnattributed))
        {
            options.InfluenceLimits.TrustUnattributed = true;
        }
        if (parse.GetValue(_noRefit))
        {
            options.RefitOnAllPairs = false;
        }

        var noActiveModel = false;
        if (parse.GetValue(_fromActive))
        {
            var active = await context.Get<IModelRegistry>().GetActiveAsync(cancellationToken).ConfigureAwait(false);
            options.InitialModel = active?.ModelPath;
            noActiveModel = active is null;
        }

        var summary = await RunAsync(context, options, cancellationToken).ConfigureAwait(false);
        if (noActiveModel)
        {
            summary = summary with { WarmStartSkippedReason = "no model is active" };
        }

        context.Output.Result(summary, w => Write(w, summary));
        return ExitCodes.Success;
    }

    private static void SetIfGiven<T>(ParseResult parse, Option<T> option, Action<T> set)
    {
        if (parse.GetResult(option) is { Implicit: false })
        {
            set(parse.GetValue(option)!);
        }
    }

    /// <summary>
    /// Training's progress in phases, each from 0 to 100%: the validated fit (<see cref="ValidatedFitPhase"/>; <see cref="FitPhase"/>
    /// without validation pairs), then the refit on every pair (<see cref="RefitPhase"/>) for the epochs the fit chose. Early
    /// stopping ends the fit at 100%, saying so, rather than leaving it at the share of <c>--epochs</c> it ran.
    /// </summary>
    private sealed class Progress(IProgress<ProgressUpdate> target) : IProgress<TrainingProgress>
    {
        private const string ValidatedFitPhase = "validated fit";
        private const string FitPhase = "fit";
        private const string RefitPhase = "refit on all pairs";

        private int _bestEpoch;

        public void Report(TrainingProgress value)
        {
            if (value.IsBest && !value.IsRefit)
            {
                _bestEpoch = value.Epoch;
            }

            var phase = value.IsRefit ? RefitPhase : value.ValidationLoss is null ? FitPhase : ValidatedFitPhase;
            var figures = string.Create(CultureInfo.InvariantCulture,
                $"loss {value.TrainLoss:F4}  acc {value.TrainAccuracy:F3}{(value.IsRefit ? "" : $"  val_acc {(value.ValidationAccuracy is { } v ? v.ToString("F3", CultureInfo.InvariantCulture) : "n/a")}")}");
            target.Report(value.StopsEarly
                ? new ProgressUpdate(1, $"stopped early at epoch {value.Epoch} of {value.Epochs} (best {_bestEpoch})  {figures}", Force: true, Phase: phase)
                : new ProgressUpdate((double)value.Epoch / value.Epochs, $"epoch {value.Epoch}/{value.Epochs}  {figures}", Phase: phase));
        }
    }
}

/// <summary>One epoch, as printed.</summary>
internal sealed record TrainEpoch(int Epoch, double TrainLoss, double TrainAccuracy, double? ValidationLoss, double? ValidationAccuracy);

/// <summary>A training run, as printed.</summary>
internal sealed record TrainSummary(
    string ModelVersion,
    bool Activated,
    string Model,
    int PairsRead,
    int TrainPairs,
    int ValidationPairs,
    int EpochsRun,
    int BestEpoch,
    bool StoppedEarly,
    double TrainAccuracy,
    double? ValidationAccuracy,
    IReadOnlyDictionary<string, double> ValidationAccuracyBySource,
    double Temperature,
    double OnnxParityMaxDifference,
    string EmbeddingGenerator,
    bool Refitted,
    int FinalModelPairs,
    IReadOnlyDictionary<string, double> SourceWeights,
    string? WarmStartedFrom,
    string? WarmStartSkippedReason,
    InfluenceReport Influence,
    IReadOnlyList<TrainEpoch> Epochs);
