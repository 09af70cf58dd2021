using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Training.Data;

namespace Ancso.Ml.Cli.Commands;

/// <summary>One arm of the flood check: its name, mean held-out accuracy and spread over folds and seeds.</summary>
internal sealed record FloodArm(string Arm, string Limits, double Accuracy, double StandardError, double Minimum, double Maximum, double VersusHonest);

/// <summary>The flood check's figures and what they were measured on.</summary>
internal sealed record FloodCheckResult(
    string EmbeddingGenerator, int BasePairs, int JudgedPairs, int Folds, int Seeds, int HonestChoices, int HonestRaters, int FloodChoices,
    double MaxRaterShare, bool TrustUnattributed, IReadOnlyList<FloodArm> Arms);

/// <summary>
/// Can a flood of choices steer the model? For each fold of the judged pairs and each seed, models are trained on the
/// base pairs (the bootstrap) and: nothing else (bootstrap only); <c>honest</c> judged pairs of the other folds as user
/// choices, each from its own rater (or spread over <c>honestRaters</c> raters); those plus <c>flood</c> near-copies
/// of the honest pairs with the verdict flipped (the same texts with a few characters of punctuation or spacing added,
/// so they are new items with near-identical features), all from one rater; and the same flood unattributed. Each arm
/// is trained with the configured influence limits, and each flooded arm once more with the limits off
/// (<c>MaxRaterShare</c> 1, unattributed trusted) to show what the flood does unchecked. Accuracy is on the held-out
/// fold.
/// </summary>
internal sealed class FloodCheck(IFeatureBuilder features, IPairStore store, IRankerTrainer trainer, Func<RankerTrainingOptions> newOptions)
{
    private static readonly string[] Prefixes = ["", "* ", "> ", "- ", "~ "];
    private static readonly string[] Suffixes = ["", ".", "!", " :)", "...", " -", " *", " ~", " !!", " ;)"];

    /// <summary>The most near-copies one judged pair can give: every prefix and suffix but the empty pair.</summary>
    public static int MaxCopiesPerPair => (Prefixes.Length * Suffixes.Length) - 1;

    public async Task<FloodCheckResult> RunAsync(
        IReadOnlyList<EvaluationPair> judged, int folds, int seeds, int honest, int honestRaters, int flood, int seed,
        IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken)
    {
        var copiesPerPair = (flood + honest - 1) / honest;
        if (copiesPerPair > MaxCopiesPerPair)
        {
            throw new CliException(string.Create(CultureInfo.InvariantCulture,
                $"--flood {flood} needs {copiesPerPair} near-copies of each of the {honest} honest choices; at most {MaxCopiesPerPair} are made. Give more --honest choices or a smaller --flood."), ExitCodes.Usage);
        }

        var extra = judged.SelectMany(j => Enumerable.Range(1, copiesPerPair).SelectMany(k => new[]
        {
            (j.Platform, j.Section, NearCopy(j.A, k)),
            (j.Platform, j.Section, NearCopy(j.B, k)),
        })).ToList();
        using var experiment = await JudgedExperiment.CreateAsync(features, store, trainer, newOptions, judged, extra, progress, 0.3, cancellationToken).ConfigureAwait(false);
        var configured = newOptions().InfluenceLimits;
        var (foldOf, shuffled) = experiment.Folds(folds, seed);
        var attacker = ExperimentRaters.Pseudonym("flood", 0);

        // Arms, in order: name, whether it holds the flood (and whose), and the limits it trains with.
        var arms = new (string Name, bool Honest, string? Flood, bool LimitsOff)[]
        {
            ("bootstrap only", false, null, false),
            ("honest", true, null, false),
            ("honest + flood from one rater", true, attacker, false),
            ("honest + flood unattributed", true, "", false),
            ("honest + flood from one rater, limits off", true, attacker, true),
            ("honest + flood unattributed, limits off", true, "", true),
        };
        var results = arms.Select(_ => new List<double>()).ToArray();
        var runs = folds * seeds * arms.Length;
        var done = 0;
        for (var s = 0; s < seeds; s++)
        {
            for (var f = 0; f < folds; f++)
            {
                var (heldOut, pool) = JudgedExperiment.Split(foldOf, shuffled, f);
                if (pool.Length < honest)
                {
                    throw new CliException($"--honest {honest} is more than the {pool.Length} judged pairs outside a fold; give fewer.", ExitCodes.Usage);
                }

                // Each seed draws its own honest choices from the other folds.
                var picked = pool.ToArray();
                new Random(seed + s).Shuffle(picked);
                picked = picked[..honest];
                var honestPairs = picked.Select((i, n) => experiment.JudgedTraining[i] with { Rater = ExperimentRaters.Pseudonym("honest", HonestRater(n, honest, honestRaters)) }).ToArray();
                var floodPairs = Enumerable.Range(0, flood).Select(n =>
                {
                    var i = picked[n % honest];
                    var k = 1 + (n / honest);
                    var j = judged[i];
                    var a = NearCopy(j.A, k);
                    var b = NearCopy(j.B, k);
                    return new TrainingPair(string.Create(CultureInfo.InvariantCulture, $"flood-{n}"), JudgedExperiment.TextId(j.Platform, j.Section, a),
                        JudgedExperiment.TextId(j.Platform, j.Section, b), -j.Label, PairSources.UserChoice,
                        experiment.Vector(j.Platform, j.Section, a), experiment.Vector(j.Platform, j.Section, b));
                }).ToArray();

                for (var arm = 0; arm < arms.Length; arm++)
                {
                    var (name, withHonest, floodRater, limitsOff) = arms[arm];
                    var pairs = experiment.BaseTraining.ToList();
                    if (withHonest)
                    {
                        pairs.AddRange(honestPairs);
                    }

                    if (floodRater is not null)
                    {
                        pairs.AddRange(floodPairs.Select(p => p with { Rater = floodRater.Length == 0 ? null : floodRater }));
                    }

                    var scores = await experiment.TrainAndScoreAsync(pairs, seed + s, string.Create(CultureInfo.InvariantCulture, $"flood-{s}-{f}-{arm}"), options =>
                    {
                        if (limitsOff)
                        {
                            options.InfluenceLimits.MaxRaterShare = 1;
                            options.InfluenceLimits.TrustUnattributed = true;
                        }
                    }, cancellationToken).ConfigureAwait(false);
                    results[arm].Add(experiment.Accuracy(scores, heldOut));
                    progress?.Report(new ProgressUpdate(0.3 + (0.7 * ++done / runs),
                        string.Create(CultureInfo.InvariantCulture, $"seed {s + 1}/{seeds}  fold {f + 1}/{folds}  {name}")));
                }
            }
        }

        var honestMean = results[1].Average();
        var summary = arms.Select((arm, i) =>
        {
            var (mean, se, min, max) = Summary.Of(results[i]);
            var limits = arm.LimitsOff ? "off" : "on";
            return new FloodArm(arm.Name, limits, mean, se, min, max, mean - honestMean);
        }).ToList();
        return new FloodCheckResult(features.Layout.EmbeddingGeneratorId, experiment.BasePairs.Count, judged.Count, folds, seeds, honest,
            Math.Min(honestRaters, honest), flood, configured.MaxRaterShare, configured.TrustUnattributed, summary);
    }

    /// <summary>
    /// The rater of the <paramref name="n"/>th honest choice: its own when there are as many raters as choices; otherwise
    /// raters with Zipf-like counts (rater r gets about 1/(r+1) of the choices), as a few people tend to do most of the judging.
    /// </summary>
    internal static int HonestRater(int n, int honest, int raters)
    {
        if (raters >= honest)
        {
            return n;
        }

        var weights = Enumerable.Range(0, raters).Select(r => 1.0 / (r + 1)).ToArray();
        var total = weights.Sum();
        var position = (n + 0.5) / honest * total;
        for (var r = 0; r < raters; r++)
        {
            position -= weights[r];
            if (position <= 0)
            {
                return r;
            }
        }

        return raters - 1;
    }

    /// <summary>The <paramref name="k"/>th near-copy of a text (k ≥ 1): a prefix and a suffix of punctuation or spacing.</summary>
    internal static string NearCopy(string text, int k) => Prefixes[k / Suffixes.Length] + text + Suffixes[k % Suffixes.Length];
}
