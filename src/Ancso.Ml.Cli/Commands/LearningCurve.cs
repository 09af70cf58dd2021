using System.Security.Cryptography;
using System.Text;
using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Training.Data;

namespace Ancso.Ml.Cli.Commands;

/// <summary>How the judged pairs are added to the training data along the curve.</summary>
internal enum CurveOrder
{
    /// <summary>In a seeded random order.</summary>
    Random,

    /// <summary>Each step adds the pairs the previous step's model was least certain about (what <c>suggest</c> asks people).</summary>
    Suggested,
}

/// <summary>One point of the curve: accuracy on the held-out folds after training on the base pairs plus <see cref="Judged"/> judged pairs.</summary>
internal sealed record CurvePoint(int Judged, double Accuracy, double StandardError, double Minimum, double Maximum)
{
    /// <summary>
    /// Gets how often one of the first two reasons of a held-out pair is one of its flaw tags (after
    /// <see cref="ReasonTags.Normalize"/>), over the held-out pairs that carry such tags; <see langword="null"/> without reasons.
    /// </summary>
    public double? ReasonTagTop2 { get; init; }

    /// <summary>Gets how often one of the first two reasons belongs to a held-out pair's <c>principle:</c> tag.</summary>
    public double? ReasonPrincipleTop2 { get; init; }

    /// <summary>Gets <see cref="ReasonTagTop2"/> per platform and section.</summary>
    public IReadOnlyDictionary<string, double> ReasonTagTop2BySection { get; init; } = new Dictionary<string, double>();

    /// <summary>Gets the held-out accuracy on the pairs carrying each tag (for example <c>both_decent</c>, the subtle ones).</summary>
    public IReadOnlyDictionary<string, double> AccuracyByTag { get; init; } = new Dictionary<string, double>();

    /// <summary>Gets the held-out accuracy per platform and section (<c>linkedin/headline</c>, …).</summary>
    public IReadOnlyDictionary<string, double> AccuracyBySection { get; init; } = new Dictionary<string, double>();

    /// <summary>Gets the held-out accuracy per <see cref="PairDifficulty"/>: <c>hard</c> (the worse text looks stronger on the surface) and <c>easy</c>.</summary>
    public IReadOnlyDictionary<string, double> AccuracyByDifficulty { get; init; } = new Dictionary<string, double>();
}

/// <summary>The whole curve and what it was measured on.</summary>
internal sealed record CurveResult(
    string EmbeddingGenerator, int BasePairs, IReadOnlyDictionary<string, int> BaseBySource, int JudgedPairs, int Folds, int Seeds, string Order,
    double HeuristicAccuracy, IReadOnlyList<CurvePoint> Points)
{
    /// <summary>Gets who the judged pairs came from: <c>each</c> (a rater per pair) or <c>none</c> (unattributed).</summary>
    public string Raters { get; init; } = "each";
}

/// <summary>Who the judged pairs of an experiment come from.</summary>
internal enum CurveRaters
{
    /// <summary>Each judged pair from a rater of its own, as choices from many people arrive.</summary>
    Each,

    /// <summary>Every judged pair unattributed (pooled as one rater unless the limits trust unattributed choices).</summary>
    None,
}

/// <summary>
/// k-fold learning curve: the judged pairs are split into k folds; for each fold, models are trained on the base pairs
/// (the pair store's, normally the bootstrap) plus 0, 25, 50, … judged pairs from the other folds as user choices, and
/// scored on the held-out fold. Training uses the trainer's defaults, so the curve measures what <c>train</c> would ship.
/// </summary>
internal sealed class LearningCurve(IFeatureBuilder features, IContentMetricsAnalyzer analyzer, IPairStore store, IRankerTrainer trainer, Func<RankerTrainingOptions> newOptions)
{
    public async Task<CurveResult> RunAsync(
        IReadOnlyList<EvaluationPair> judged, int folds, IReadOnlyList<int> sizes, int seeds, CurveOrder order, CurveRaters raters, int seed,
        IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken)
    {
        using var experiment = await JudgedExperiment.CreateAsync(features, store, trainer, newOptions, judged, [], progress, 0.2, cancellationToken).ConfigureAwait(false);
        var judgedTraining = raters == CurveRaters.Each
            ? [.. experiment.JudgedTraining.Select((p, i) => p with { Rater = ExperimentRaters.Pseudonym("judged", i) })]
            : experiment.JudgedTraining;
        var heuristic = judged.Average(j => JudgedExperiment.Credit(
            HeuristicScorer.Score(analyzer.Analyze(j.Platform, j.Section, j.A)) - HeuristicScorer.Score(analyzer.Analyze(j.Platform, j.Section, j.B)), j.Label));

        var (foldOf, shuffled) = experiment.Folds(folds, seed);
        var maxTraining = judged.Count - ((judged.Count + folds - 1) / folds);
        var steps = sizes.Where(s => s <= maxTraining).Append(maxTraining).Distinct().Order().ToArray();
        var results = steps.ToDictionary(s => s, _ => new List<double>());
        var credits = steps.ToDictionary(s => s, _ => new double[judged.Count]);
        var tagHits = steps.ToDictionary(s => s, _ => new double[judged.Count]);
        var principleHits = steps.ToDictionary(s => s, _ => new double[judged.Count]);
        var reasonsSeen = steps.ToDictionary(s => s, _ => false);
        var flaws = judged.Select(j => j.Flaws).ToArray();
        var principles = judged.Select(j => j.Principle).ToArray();
        var runs = folds * seeds * steps.Length;
        var done = 0;
        for (var s = 0; s < seeds; s++)
        {
            for (var f = 0; f < folds; f++)
            {
                var (heldOut, others) = JudgedExperiment.Split(foldOf, shuffled, f);
                var pool = others.ToList();
                var chosen = new List<int>();
                float[]? previous = null;
                foreach (var size in steps)
                {
                    var need = size - chosen.Count;
                    if (order == CurveOrder.Suggested && previous is not null && need > 0)
                    {
                        // Least certain first: the smallest score difference under the previous step's model.
                        var next = pool.OrderBy(i => Math.Abs(previous[2 * i] - previous[(2 * i) + 1])).Take(need).ToList();
                        chosen.AddRange(next);
                        pool.RemoveAll(next.Contains);
                    }
                    else
                    {
                        chosen.AddRange(pool.Take(need));
                        pool.RemoveRange(0, Math.Min(need, pool.Count));
                    }

                    var pairs = experiment.BaseTraining.Concat(chosen.Select(i => judgedTraining[i])).ToList();
                    var run = await experiment.TrainAndRunAsync(pairs, seed + s, string.Create(CultureInfo.InvariantCulture, $"curve-{s}-{f}-{size}"), null, cancellationToken)
                        .ConfigureAwait(false);
                    var scores = run.Scores;
                    if (run.Reasons is not null)
                    {
                        reasonsSeen[size] = true;
                        foreach (var i in heldOut)
                        {
                            var firstTwo = run.FirstTwoReasons(i);
                            tagHits[size][i] += firstTwo.Any(r => flaws[i].Contains(r.Tag)) ? 1.0 / seeds : 0;
                            principleHits[size][i] += firstTwo.Any(r => principles[i] is { } p && string.Equals(r.Principle, p, StringComparison.Ordinal)) ? 1.0 / seeds : 0;
                        }
                    }

                    results[size].Add(experiment.Accuracy(scores, heldOut));
                    foreach (var i in heldOut)
                    {
                        credits[size][i] += JudgedExperiment.Credit(scores[2 * i] - scores[(2 * i) + 1], judged[i].Label) / seeds;
                    }

                    previous = scores;
                    progress?.Report(new ProgressUpdate(0.2 + (0.8 * ++done / runs),
                        string.Create(CultureInfo.InvariantCulture, $"seed {s + 1}/{seeds}  fold {f + 1}/{folds}  judged {size}")));
                }
            }
        }

        var difficulty = judged.Select(j => PairDifficulty.Of(j, analyzer)).ToArray();
        var points = steps.Select(size =>
        {
            var (mean, se, min, max) = Summary.Of(results[size]);
            Dictionary<string, double> By(Func<EvaluationPair, int, IEnumerable<string>> groups) =>
                judged.SelectMany((j, i) => groups(j, i).Select(g => (Group: g, Credit: credits[size][i])))
                    .GroupBy(x => x.Group, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Average(x => x.Credit), StringComparer.Ordinal);
            var tagged = Enumerable.Range(0, judged.Count).Where(i => flaws[i].Count > 0).ToArray();
            var withPrinciple = Enumerable.Range(0, judged.Count).Where(i => principles[i] is not null).ToArray();
            return new CurvePoint(size, mean, se, min, max)
            {
                ReasonTagTop2 = reasonsSeen[size] && tagged.Length > 0 ? tagged.Average(i => tagHits[size][i]) : null,
                ReasonPrincipleTop2 = reasonsSeen[size] && withPrinciple.Length > 0 ? withPrinciple.Average(i => principleHits[size][i]) : null,
                ReasonTagTop2BySection = reasonsSeen[size]
                    ? tagged.GroupBy(i => $"{judged[i].Platform}/{judged[i].Section}", StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                        .ToDictionary(g => g.Key, g => g.Average(i => tagHits[size][i]), StringComparer.Ordinal)
                    : new Dictionary<string, double>(),
                AccuracyByTag = By((j, _) => j.Tags),
                AccuracyBySection = By((j, _) => [$"{j.Platform}/{j.Section}"]),
                AccuracyByDifficulty = By((_, i) => [difficulty[i]]),
            };
        }).ToList();
        var bySource = experiment.BasePairs.GroupBy(p => p.Source, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new CurveResult(features.Layout.EmbeddingGeneratorId, experiment.BasePairs.Count, bySource, judged.Count, folds, seeds,
            order == CurveOrder.Suggested ? "suggested" : "random", heuristic, points)
        { Raters = raters == CurveRaters.Each ? "each" : "none" };
    }
}

/// <summary>Mean, standard error, minimum and maximum of a set of accuracies.</summary>
internal static class Summary
{
    public static (double Mean, double StandardError, double Minimum, double Maximum) Of(IReadOnlyList<double> values)
    {
        var mean = values.Average();
        var sd = values.Count > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1)) : 0;
        return (mean, sd / Math.Sqrt(values.Count), values.Min(), values.Max());
    }
}

/// <summary>Rater pseudonyms for experiments: well-formed, derived from a name and a number, no person behind them.</summary>
internal static class ExperimentRaters
{
    public static string Pseudonym(string name, int index) =>
        RaterPseudonyms.Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{name}-{index}"))))[..32];
}
