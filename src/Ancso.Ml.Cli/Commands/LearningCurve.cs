using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ancso.Ml.Cli.Infrastructure;
using Ancso.Ml.Content;
using Ancso.Ml.Features;
using Ancso.Ml.Metrics;
using Ancso.Ml.Pairs;
using Ancso.Ml.Training;
using Ancso.Ml.Training.Data;
using Microsoft.ML.OnnxRuntime;

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
    /// <summary>Gets the held-out accuracy on the pairs carrying each tag (for example <c>both_decent</c>, the subtle ones).</summary>
    public IReadOnlyDictionary<string, double> AccuracyByTag { get; init; } = new Dictionary<string, double>();
}

/// <summary>The whole curve and what it was measured on.</summary>
internal sealed record CurveResult(
    string EmbeddingGenerator, int BasePairs, IReadOnlyDictionary<string, int> BaseBySource, int JudgedPairs, int Folds, int Seeds, string Order,
    double HeuristicAccuracy, IReadOnlyList<CurvePoint> Points);

/// <summary>
/// k-fold learning curve: the judged pairs are split into k folds; for each fold, models are trained on the base pairs
/// (the pair store's, normally the bootstrap) plus 0, 25, 50, … judged pairs from the other folds as user choices, and
/// scored on the held-out fold. Training uses the trainer's defaults, so the curve measures what <c>train</c> would ship.
/// </summary>
internal sealed class LearningCurve(IFeatureBuilder features, IContentMetricsAnalyzer analyzer, IPairStore store, IRankerTrainer trainer, Func<RankerTrainingOptions> newOptions)
{
    public async Task<CurveResult> RunAsync(
        IReadOnlyList<EvaluationPair> judged, int folds, IReadOnlyList<int> sizes, int seeds, CurveOrder order, int seed,
        IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken)
    {
        var basePairs = new List<StoredPair>();
        await foreach (var pair in store.StreamPairsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            basePairs.Add(pair);
        }

        if (basePairs.Count == 0)
        {
            throw new CliException("The pair store holds no pairs to build on; run 'ancso ranker bootstrap' first.");
        }

        // Every distinct text is featurized once.
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        var items = new List<ContentItem>();
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        void Want(string id, string platform, string section, string text)
        {
            if (wanted.Add(id))
            {
                items.Add(new ContentItem(id, platform, section, text));
            }
        }

        foreach (var p in basePairs)
        {
            Want(p.ItemA.Id, p.ItemA.Platform, p.ItemA.Section, p.ItemA.Text);
            Want(p.ItemB.Id, p.ItemB.Platform, p.ItemB.Section, p.ItemB.Text);
        }

        var judgedIds = judged.Select(j => (A: TextId(j.Platform, j.Section, j.A), B: TextId(j.Platform, j.Section, j.B))).ToArray();
        for (var i = 0; i < judged.Count; i++)
        {
            Want(judgedIds[i].A, judged[i].Platform, judged[i].Section, judged[i].A);
            Want(judgedIds[i].B, judged[i].Platform, judged[i].Section, judged[i].B);
        }

        var width = features.Layout.Width;
        for (var start = 0; start < items.Count; start += 64)
        {
            var batch = items.GetRange(start, Math.Min(64, items.Count - start));
            var destination = new float[batch.Count * width];
            await features.WriteFeaturesAsync(batch, destination, new ContentMetrics[batch.Count], cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < batch.Count; i++)
            {
                vectors[batch[i].Id] = destination.AsSpan(i * width, width).ToArray();
            }

            progress?.Report(new ProgressUpdate(0.2 * (start + batch.Count) / items.Count, "featurizing"));
        }

        var baseTraining = basePairs.Select(p => new TrainingPair(p.Id, p.ItemA.Id, p.ItemB.Id, p.Label, p.Source, vectors[p.ItemA.Id], vectors[p.ItemB.Id])).ToList();
        var judgedTraining = judged.Select((j, i) => new TrainingPair(
            "judged-" + i.ToString(CultureInfo.InvariantCulture), judgedIds[i].A, judgedIds[i].B, j.Label, PairSources.UserChoice,
            vectors[judgedIds[i].A], vectors[judgedIds[i].B])).ToArray();

        var heuristic = judged.Average(j => Credit(
            HeuristicScorer.Score(analyzer.Analyze(j.Platform, j.Section, j.A)) - HeuristicScorer.Score(analyzer.Analyze(j.Platform, j.Section, j.B)), j.Label));

        var foldOf = new int[judged.Count];
        var shuffled = Enumerable.Range(0, judged.Count).ToArray();
        new Random(seed).Shuffle(shuffled);
        for (var i = 0; i < shuffled.Length; i++)
        {
            foldOf[shuffled[i]] = i % folds;
        }

        var maxTraining = judged.Count - ((judged.Count + folds - 1) / folds);
        var steps = sizes.Where(s => s <= maxTraining).Append(maxTraining).Distinct().Order().ToArray();
        var results = steps.ToDictionary(s => s, _ => new List<double>());
        var credits = steps.ToDictionary(s => s, _ => new double[judged.Count]);
        var folder = Directory.CreateTempSubdirectory("ancso-curve-");
        try
        {
            var runs = folds * seeds * steps.Length;
            var done = 0;
            for (var s = 0; s < seeds; s++)
            {
                for (var f = 0; f < folds; f++)
                {
                    var heldOut = Enumerable.Range(0, judged.Count).Where(i => foldOf[i] == f).ToArray();
                    var pool = shuffled.Where(i => foldOf[i] != f).ToList();
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

                        var pairs = baseTraining.Concat(chosen.Select(i => judgedTraining[i])).ToList();
                        var options = newOptions();
                        options.Pairs = pairs;
                        options.Layout = features.Layout;
                        options.OutputDirectory = folder.FullName;
                        options.Activate = false;
                        options.InitialModel = null;
                        options.Seed = seed + s;
                        options.Version = string.Create(CultureInfo.InvariantCulture, $"curve-{s}-{f}-{size}");
                        var result = await trainer.TrainAsync(options, null, cancellationToken).ConfigureAwait(false);

                        var scores = Score(result.ModelPath, judgedTraining, width);
                        results[size].Add(heldOut.Average(i => Credit(scores[2 * i] - scores[(2 * i) + 1], judged[i].Label)));
                        foreach (var i in heldOut)
                        {
                            credits[size][i] += Credit(scores[2 * i] - scores[(2 * i) + 1], judged[i].Label) / seeds;
                        }

                        previous = scores;
                        File.Delete(result.ModelPath);
                        File.Delete(result.MetadataPath);
                        progress?.Report(new ProgressUpdate(0.2 + (0.8 * ++done / runs),
                            string.Create(CultureInfo.InvariantCulture, $"seed {s + 1}/{seeds}  fold {f + 1}/{folds}  judged {size}")));
                    }
                }
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        var points = steps.Select(size =>
        {
            var values = results[size];
            var mean = values.Average();
            var sd = values.Count > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1)) : 0;
            var byTag = judged.SelectMany((j, i) => j.Tags.Select(t => (Tag: t, Credit: credits[size][i])))
                .GroupBy(x => x.Tag, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Average(x => x.Credit), StringComparer.Ordinal);
            return new CurvePoint(size, mean, sd / Math.Sqrt(values.Count), values.Min(), values.Max()) { AccuracyByTag = byTag };
        }).ToList();
        var bySource = basePairs.GroupBy(p => p.Source, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new CurveResult(features.Layout.EmbeddingGeneratorId, basePairs.Count, bySource, judged.Count, folds, seeds,
            order == CurveOrder.Suggested ? "suggested" : "random", heuristic, points);
    }

    /// <summary>Scores both sides of every judged pair with a trained model: [a0, b0, a1, b1, …].</summary>
    private static float[] Score(string modelPath, TrainingPair[] pairs, int width)
    {
        var input = new float[pairs.Length * 2 * width];
        for (var i = 0; i < pairs.Length; i++)
        {
            pairs[i].AFeatures.Span.CopyTo(input.AsSpan(2 * i * width, width));
            pairs[i].BFeatures.Span.CopyTo(input.AsSpan(((2 * i) + 1) * width, width));
        }

        using var session = new InferenceSession(modelPath);
        using var value = OrtValue.CreateTensorValueFromMemory(input, [pairs.Length * 2, width]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, ["features"], [value], ["score"]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    private static double Credit(double difference, int label) => difference == 0 ? 0.5 : (Math.Sign(difference) == label ? 1 : 0);

    private static string TextId(string platform, string section, string text) =>
        "j_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{platform}\n{section}\n{text}")))[..16];
}
