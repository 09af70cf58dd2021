namespace Ancso.Ml.Cli.Commands;

/// <summary><c>ancso ranker evaluate --pairs FILE</c>: pairwise accuracy of the active model and of the heuristic on judged pairs.</summary>
internal sealed class EvaluateCommand(CliEnvironment environment) : CliCommand(environment)
{
    private readonly Option<string> _pairs = new("--pairs")
    {
        Description = "JSON Lines file (or a folder of them), each line {\"platform\":…,\"section\":…,\"a\":\"text\",\"b\":\"text\",\"label\":1} (1 when a is better, -1 when b is).",
        Required = true,
    };

    private readonly Option<bool> _curve = new("--learning-curve")
    {
        Description = "Instead of scoring the active model: k-fold learning curve. Train on the pair store's pairs plus 0, 25, 50, … judged pairs from the other folds (as user choices) and report accuracy on each held-out fold.",
    };

    private readonly Option<int> _folds = new("--folds") { Description = "Folds of the learning curve.", DefaultValueFactory = _ => 5 };

    private readonly Option<string> _sizes = new("--sizes")
    {
        Description = "Numbers of judged pairs to train with, comma-separated (all the other folds hold is always added).",
        DefaultValueFactory = _ => "0,25,50,100,200",
    };

    private readonly Option<int> _seeds = new("--seeds") { Description = "Training seeds per fold and size (the curve averages over them).", DefaultValueFactory = _ => 1 };

    private readonly Option<CurveOrder> _order = new("--order")
    {
        Description = "Order judged pairs are added in: Random, or Suggested (each step adds those the previous model was least certain about, as 'suggest' picks them).",
        DefaultValueFactory = _ => CurveOrder.Random,
    };

    private readonly Option<int> _seed = new("--seed") { Description = "Seed of the fold assignment and the first training seed.", DefaultValueFactory = _ => 42 };

    private readonly Option<CurveRaters> _raters = new("--raters")
    {
        Description = "Who the judged pairs come from in --learning-curve: Each (a rater of its own per pair, as choices from many people) or None (unattributed).",
        DefaultValueFactory = _ => CurveRaters.Each,
    };

    private readonly Option<bool> _floodCheck = new("--flood-check")
    {
        Description = "Instead of scoring the active model: can a flood of choices steer it? Per fold: bootstrap only; + --honest judged choices each from its own rater; + --flood flipped near-copies of them from one rater; + the same flood unattributed; the flooded arms also with the influence limits off.",
    };

    private readonly Option<int> _honest = new("--honest") { Description = "Honest choices per fold in --flood-check.", DefaultValueFactory = _ => 80 };

    private readonly Option<int> _honestRaters = new("--honest-raters")
    {
        Description = "How many raters make the honest choices in --flood-check (Zipf-like counts, a few do most); default: one rater per choice.",
    };

    private readonly Option<int> _flood = new("--flood") { Description = "Flipped near-copies of the honest choices in --flood-check.", DefaultValueFactory = _ => 2000 };

    private readonly Option<double> _maxRaterShare = new("--max-rater-share")
    {
        Description = "The influence limits' cap on one rater's share of the human weight while training (0 to 1; 1 turns it off). Default: Ranker:Training:InfluenceLimits:MaxRaterShare, else 0.05.",
    };

    private readonly Option<bool> _trustUnattributed = new("--trust-unattributed")
    {
        Description = "Count each unattributed choice as its own rater while training, instead of pooling them as one.",
    };

    public override Command Build()
    {
        _folds.Between(2, 100);
        _seeds.Between(1, 100);
        _honest.Between(1, 100_000);
        _honestRaters.Between(1, 100_000);
        _flood.Between(1, 1_000_000);
        _maxRaterShare.PositiveUpTo(1);
        return WithAction(new Command("evaluate",
            "Pairwise accuracy of the active model and of the heuristic fallback on judged pairs, overall, per platform and section, per difficulty (hard: the worse text is longer, has more digits or a higher keyword_score) and per tag. A tie counts as half right. With --learning-curve, how accuracy grows with judged pairs; with --flood-check, whether a flood of choices can steer the model.")
        {
            _pairs, _curve, _folds, _sizes, _seeds, _order, _seed, _raters, _floodCheck, _honest, _honestRaters, _flood, _maxRaterShare, _trustUnattributed,
        });
    }

    protected override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        var pairs = await EvaluationPairsFile.ReadAsync(parse.GetValue(_pairs)!, cancellationToken).ConfigureAwait(false);
        if (parse.GetValue(_curve) && parse.GetValue(_floodCheck))
        {
            throw new CliException("--learning-curve and --flood-check are two experiments; run one at a time.", ExitCodes.Usage);
        }

        if (parse.GetValue(_curve))
        {
            return await RunCurveAsync(context, parse, pairs, cancellationToken).ConfigureAwait(false);
        }

        if (parse.GetValue(_floodCheck))
        {
            return await RunFloodCheckAsync(context, parse, pairs, cancellationToken).ConfigureAwait(false);
        }

        var ranker = context.Get<IRankerInferenceService>();
        var analyzer = context.Get<IContentMetricsAnalyzer>();
        await ranker.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var status = await ranker.GetStatusAsync(cancellationToken).ConfigureAwait(false);
        var modelAvailable = status.Provenance.Kind == ProvenanceKind.Model;

        var overall = new Tally();
        var groups = new SortedDictionary<string, Tally>(StringComparer.Ordinal);
        var byTag = new SortedDictionary<string, Tally>(StringComparer.Ordinal);
        var byDifficulty = new SortedDictionary<string, Tally>(StringComparer.Ordinal);
        var reasonTags = new ReasonTally();
        var reasonPrinciples = new ReasonTally();
        var done = 0;
        await context.Output.WithProgressAsync("evaluating", async progress =>
        {
            foreach (var pair in pairs)
            {
                var a = new ContentItem($"line{pair.Line}:a", pair.Platform, pair.Section, pair.A);
                var b = new ContentItem($"line{pair.Line}:b", pair.Platform, pair.Section, pair.B);
                double? modelCredit = null;
                if (modelAvailable)
                {
                    var comparison = await ranker.CompareAsync(a, b, cancellationToken).ConfigureAwait(false);
                    modelCredit = comparison.Provenance.Kind == ProvenanceKind.Model ? Credit(comparison.AScore - comparison.BScore, pair.Label) : null;
                    if (comparison.ReasonSource == ReasonSource.Model)
                    {
                        var group = $"{pair.Platform}/{pair.Section}";
                        var firstTwo = comparison.Reasons.Take(2).ToList();
                        var correct = modelCredit == 1;
                        var flaws = pair.Flaws;
                        if (flaws.Count > 0)
                        {
                            reasonTags.Add(group, correct, firstTwo.Any(r => flaws.Contains(r.Tag)), flaws, firstTwo.FirstOrDefault()?.Tag);
                        }

                        if (pair.Principle is { } principle)
                        {
                            reasonPrinciples.Add(group, correct, firstTwo.Any(r => string.Equals(r.Principle, principle, StringComparison.Ordinal)), [principle], firstTwo.FirstOrDefault()?.Principle);
                        }
                    }
                }

                var heuristicA = HeuristicScorer.Score(analyzer.Analyze(pair.Platform, pair.Section, pair.A));
                var heuristicB = HeuristicScorer.Score(analyzer.Analyze(pair.Platform, pair.Section, pair.B));
                var heuristicCredit = Credit(heuristicA - heuristicB, pair.Label);
                overall.Add(modelCredit, heuristicCredit);
                Tally.For(groups, $"{pair.Platform}/{pair.Section}").Add(modelCredit, heuristicCredit);
                Tally.For(byDifficulty, PairDifficulty.Of(pair, analyzer)).Add(modelCredit, heuristicCredit);
                foreach (var tag in pair.Tags.Distinct(StringComparer.Ordinal))
                {
                    Tally.For(byTag, tag).Add(modelCredit, heuristicCredit);
                }

                progress.Report(new ProgressUpdate(++done / (double)pairs.Count));
            }

            return 0;
        }).ConfigureAwait(false);

        var result = new EvaluateResult(
            pairs.Count,
            modelAvailable ? status.Provenance.ModelVersion : null,
            ProvenanceText.Describe(status.Provenance),
            overall.ModelAccuracy,
            overall.HeuristicAccuracy,
            GroupResult.Of(groups))
        {
            ByDifficulty = GroupResult.Of(byDifficulty),
            ByTag = GroupResult.Of(byTag),
            ReasonTagMatch = reasonTags.Result(),
            ReasonPrincipleMatch = reasonPrinciples.Result(),
        };

        context.Output.Result(result, w =>
        {
            w.WriteLine($"pairs: {result.Pairs}");
            w.WriteLine($"provenance: {result.Provenance}");
            w.WriteLine($"model_accuracy: {CliOutput.Format(result.ModelAccuracy, 3)}");
            w.WriteLine($"heuristic_accuracy: {CliOutput.Format(result.HeuristicAccuracy, 3)}");
            foreach (var (kind, list) in new[] { ("group", result.Groups), ("difficulty", result.ByDifficulty), ("tag", result.ByTag) })
            {
                foreach (var group in list)
                {
                    w.WriteLine($"{kind}: {group.Group}  pairs: {group.Pairs}  model_accuracy: {CliOutput.Format(group.ModelAccuracy, 3)}  heuristic_accuracy: {CliOutput.Format(group.HeuristicAccuracy, 3)}");
                }
            }

            foreach (var (name, match) in new[] { ("reason_tag_top2", result.ReasonTagMatch), ("reason_principle_top2", result.ReasonPrincipleMatch) })
            {
                if (match is null)
                {
                    continue;
                }

                w.WriteLine($"{name}: {CliOutput.Format(match.Top2, 3)}  pairs: {match.Pairs}  when_preferred_correctly: {CliOutput.Format(match.Top2WhenCorrect, 3)} ({match.CorrectPairs})");
                foreach (var (kind, groups) in new[] { ("group", match.Groups), ("tag", match.ByTag) })
                {
                    foreach (var group in groups)
                    {
                        w.WriteLine($"{name} {kind}: {group.Group}  pairs: {group.Pairs}  top2: {CliOutput.Format(group.Top2, 3)}  first_reason_most_given: {group.FirstReasonMostGiven ?? "none"}");
                    }
                }
            }
        });
        return ExitCodes.Success;
    }

    private async Task<int> RunCurveAsync(CliContext context, ParseResult parse, IReadOnlyList<EvaluationPair> pairs, CancellationToken cancellationToken)
    {
        var folds = parse.GetValue(_folds);
        if (pairs.Count < folds)
        {
            throw new CliException($"--learning-curve needs at least as many judged pairs as folds ({folds}); the file holds {pairs.Count}.", ExitCodes.Usage);
        }

        var sizes = new List<int>();
        foreach (var part in parse.GetValue(_sizes)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var size))
            {
                throw new CliException($"--sizes: '{part}' is not a whole number of pairs (for example --sizes 0,25,50,100).", ExitCodes.Usage);
            }

            sizes.Add(size);
        }

        var curve = new LearningCurve(context.Get<IFeatureBuilder>(), context.Get<IContentMetricsAnalyzer>(), context.Get<IPairStore>(), context.Get<IRankerTrainer>(),
            () => TrainingOptions(context, parse));
        var result = await context.Output.WithProgressAsync("learning curve", progress => curve.RunAsync(
            pairs, folds, sizes, parse.GetValue(_seeds), parse.GetValue(_order), parse.GetValue(_raters), parse.GetValue(_seed), progress, cancellationToken)).ConfigureAwait(false);
        context.Output.Result(result, w =>
        {
            w.WriteLine($"embedding_generator: {result.EmbeddingGenerator}");
            w.WriteLine($"base_pairs: {result.BasePairs} ({string.Join(", ", result.BaseBySource.Select(p => $"{p.Key}={p.Value}"))})");
            w.WriteLine($"judged_pairs: {result.JudgedPairs}  folds: {result.Folds}  seeds: {result.Seeds}  order: {result.Order}  raters: {result.Raters}");
            w.WriteLine($"heuristic_accuracy: {CliOutput.Format(result.HeuristicAccuracy, 3)}");
            var first = result.Points[0];
            foreach (var point in result.Points)
            {
                var cut = first.Accuracy < 1 ? (point.Accuracy - first.Accuracy) / (1 - first.Accuracy) : 0;
                w.WriteLine($"judged: {point.Judged,4}  accuracy: {CliOutput.Format(point.Accuracy, 3)}  se: {CliOutput.Format(point.StandardError, 3)}  range: {CliOutput.Format(point.Minimum, 3)}-{CliOutput.Format(point.Maximum, 3)}  error_cut: {CliOutput.Format(cut * 100, 0)}%"
                    + (point.ReasonTagTop2 is { } tagTop2 ? $"  reason_tag_top2: {CliOutput.Format(tagTop2, 3)}  reason_principle_top2: {CliOutput.Format(point.ReasonPrincipleTop2, 3)}" : ""));
            }

            foreach (var point in new[] { first, result.Points[^1] }.Distinct())
            {
                w.WriteLine($"by_section at judged {point.Judged}: " + string.Join(", ", point.AccuracyBySection.Select(p => $"{p.Key}={CliOutput.Format(p.Value, 3)}")));
                w.WriteLine($"by_difficulty at judged {point.Judged}: " + string.Join(", ", point.AccuracyByDifficulty.Select(p => $"{p.Key}={CliOutput.Format(p.Value, 3)}")));
                if (point.ReasonTagTop2BySection.Count > 0)
                {
                    w.WriteLine($"reason_tag_top2_by_section at judged {point.Judged}: " + string.Join(", ", point.ReasonTagTop2BySection.Select(p => $"{p.Key}={CliOutput.Format(p.Value, 3)}")));
                }
                if (point.AccuracyByTag.Count > 0)
                {
                    w.WriteLine($"by_tag at judged {point.Judged}: " + string.Join(", ", point.AccuracyByTag.Select(p => $"{p.Key}={CliOutput.Format(p.Value, 3)}")));
                }
            }
        });
        return ExitCodes.Success;
    }

    private async Task<int> RunFloodCheckAsync(CliContext context, ParseResult parse, IReadOnlyList<EvaluationPair> pairs, CancellationToken cancellationToken)
    {
        var folds = parse.GetValue(_folds);
        if (pairs.Count < folds)
        {
            throw new CliException($"--flood-check needs at least as many judged pairs as folds ({folds}); the file holds {pairs.Count}.", ExitCodes.Usage);
        }

        var honest = parse.GetValue(_honest);
        var check = new FloodCheck(context.Get<IFeatureBuilder>(), context.Get<IPairStore>(), context.Get<IRankerTrainer>(), () => TrainingOptions(context, parse));
        var result = await context.Output.WithProgressAsync("flood check", progress => check.RunAsync(
            pairs, folds, parse.GetValue(_seeds), honest, parse.GetResult(_honestRaters) is { Implicit: false } ? parse.GetValue(_honestRaters) : honest,
            parse.GetValue(_flood), parse.GetValue(_seed), progress, cancellationToken)).ConfigureAwait(false);
        context.Output.Result(result, w =>
        {
            w.WriteLine($"embedding_generator: {result.EmbeddingGenerator}");
            w.WriteLine($"base_pairs: {result.BasePairs}  judged_pairs: {result.JudgedPairs}  folds: {result.Folds}  seeds: {result.Seeds}");
            w.WriteLine($"honest_choices: {result.HonestChoices} from {result.HonestRaters} raters  flood: {result.FloodChoices} flipped near-copies");
            w.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"limits: max_rater_share {result.MaxRaterShare}, unattributed {(result.TrustUnattributed ? "trusted" : "pooled as one rater")}"));
            foreach (var arm in result.Arms)
            {
                w.WriteLine($"{arm.Arm,-45}  accuracy: {CliOutput.Format(arm.Accuracy, 3)}  se: {CliOutput.Format(arm.StandardError, 3)}  range: {CliOutput.Format(arm.Minimum, 3)}-{CliOutput.Format(arm.Maximum, 3)}  vs_honest: {(arm.VersusHonest >= 0 ? "+" : "")}{CliOutput.Format(arm.VersusHonest, 3)}");
            }
        });
        return ExitCodes.Success;
    }

    /// <summary>The trainer's options from configuration, with this command's influence limits.</summary>
    private RankerTrainingOptions TrainingOptions(CliContext context, ParseResult parse)
    {
        var options = TrainingSettings.Create(context.Settings);
        if (parse.GetResult(_maxRaterShare) is { Implicit: false })
        {
            options.InfluenceLimits.MaxRaterShare = parse.GetValue(_maxRaterShare);
        }

        if (parse.GetValue(_trustUnattributed))
        {
            options.InfluenceLimits.TrustUnattributed = true;
        }

        return options;
    }

    private static double Credit(double difference, int label) => difference == 0 ? 0.5 : (Math.Sign(difference) == label ? 1 : 0);

    private sealed class Tally
    {
        public static Tally For(SortedDictionary<string, Tally> tallies, string key)
        {
            if (!tallies.TryGetValue(key, out var tally))
            {
                tallies[key] = tally = new Tally();
            }

            return tally;
        }

        private double _model;
        private int _modelCount;
        private double _heuristic;

        public int Count { get; private set; }

        public double? ModelAccuracy => _modelCount == 0 ? null : _model / _modelCount;

        public double HeuristicAccuracy => Count == 0 ? 0 : _heuristic / Count;

        public void Add(double? model, double heuristic)
        {
            Count++;
            _heuristic += heuristic;
            if (model is { } m)
            {
                _model += m;
                _modelCount++;
            }
        }
    }

    private sealed record GroupResult(string Group, int Pairs, double? ModelAccuracy, double HeuristicAccuracy)
    {
        public static IReadOnlyList<GroupResult> Of(SortedDictionary<string, Tally> tallies) =>
            [.. tallies.Select(g => new GroupResult(g.Key, g.Value.Count, g.Value.ModelAccuracy, g.Value.HeuristicAccuracy))];
    }

    /// <summary>The figures of a plain evaluation: per platform and section (<c>groups</c>), per difficulty and per tag.</summary>
    private sealed record EvaluateResult(int Pairs, string? ModelVersion, string Provenance, double? ModelAccuracy, double HeuristicAccuracy, IReadOnlyList<GroupResult> Groups)
    {
        public IReadOnlyList<GroupResult> ByDifficulty { get; init; } = [];

        public IReadOnlyList<GroupResult> ByTag { get; init; } = [];

        /// <summary>Gets how often one of the model's first two reasons is one of a pair's flaw tags (pairs whose tags name a reason).</summary>
        public ReasonMatch? ReasonTagMatch { get; init; }

        /// <summary>Gets how often one of the model's first two reasons belongs to the pair's <c>principle:</c> tag.</summary>
        public ReasonMatch? ReasonPrincipleMatch { get; init; }
    }

    /// <summary>
    /// How often the model's first two reasons match a judged pair's tags: over every pair that carries such tags (a pair
    /// the model gets wrong counts as a miss unless its reasons still match), and over those it prefers correctly.
    /// </summary>
    private sealed record ReasonMatch(int Pairs, double Top2, int CorrectPairs, double? Top2WhenCorrect, IReadOnlyList<ReasonGroup> Groups, IReadOnlyList<ReasonGroup> ByTag);

    /// <summary>The figures of one section or one judged tag, with the first reason the model gave most often there.</summary>
    private sealed record ReasonGroup(string Group, int Pairs, double Top2, string? FirstReasonMostGiven);

    private sealed class ReasonTally
    {
        private readonly SortedDictionary<string, Counts> _groups = new(StringComparer.Ordinal);
        private readonly SortedDictionary<string, Counts> _tags = new(StringComparer.Ordinal);
        private int _pairs;
        private int _hits;
        private int _correct;
        private int _correctHits;

        public void Add(string group, bool correct, bool hit, IEnumerable<string> tags, string? firstReason)
        {
            _pairs++;
            _hits += hit ? 1 : 0;
            if (correct)
            {
                _correct++;
                _correctHits += hit ? 1 : 0;
            }

            Counts.For(_groups, group).Add(hit, firstReason);
            foreach (var tag in tags)
            {
                Counts.For(_tags, tag).Add(hit, firstReason);
            }
        }

        public ReasonMatch? Result() => _pairs == 0 ? null : new ReasonMatch(
            _pairs, (double)_hits / _pairs, _correct, _correct == 0 ? null : (double)_correctHits / _correct, Counts.Of(_groups), Counts.Of(_tags));

        private sealed class Counts
        {
            private readonly Dictionary<string, int> _firstReasons = new(StringComparer.Ordinal);
            private int _pairs;
            private int _hits;

            public static Counts For(SortedDictionary<string, Counts> all, string key)
            {
                if (!all.TryGetValue(key, out var counts))
                {
                    all[key] = counts = new Counts();
                }

                return counts;
            }

            public static IReadOnlyList<ReasonGroup> Of(SortedDictionary<string, Counts> all) =>
                [.. all.Select(g => new ReasonGroup(g.Key, g.Value._pairs, (double)g.Value._hits / g.Value._pairs,
                    g.Value._firstReasons.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Key).FirstOrDefault()))];

            public void Add(bool hit, string? firstReason)
            {
                _pairs++;
                _hits += hit ? 1 : 0;
                if (firstReason is not null)
                {
                    _firstReasons[firstReason] = _firstReasons.GetValueOrDefault(firstReason) + 1;
                }
            }
        }
    }
}
