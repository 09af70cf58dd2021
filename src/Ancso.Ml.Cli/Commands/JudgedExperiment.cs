using System.Security.Cryptography;
using System.Text;
using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Training.Data;
using Microsoft.ML.OnnxRuntime;

namespace Ancso.Ml.Cli.Commands;

/// <summary>
/// What the offline evaluations of <c>evaluate</c> share: the pair store's pairs as the base every model trains on, the
/// judged pairs (and any extra texts an experiment needs) featurized once, the k-fold split, and a train-then-score step
/// that uses the trainer's defaults, so what is measured is what <c>train</c> would ship.
/// </summary>
internal sealed class JudgedExperiment : IDisposable
{
    private readonly IFeatureBuilder _features;
    private readonly IRankerTrainer _trainer;
    private readonly Func<RankerTrainingOptions> _newOptions;
    private readonly Dictionary<string, float[]> _vectors;
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ancso-eval-");

    private JudgedExperiment(
        IFeatureBuilder features, IRankerTrainer trainer, Func<RankerTrainingOptions> newOptions, List<StoredPair> basePairs,
        IReadOnlyList<EvaluationPair> judged, (string A, string B)[] judgedIds, Dictionary<string, float[]> vectors)
    {
        _features = features;
        _trainer = trainer;
        _newOptions = newOptions;
        _vectors = vectors;
        BasePairs = basePairs;
        Judged = judged;
        BaseTraining = [.. basePairs.Select(p => new TrainingPair(p.Id, p.ItemA.Id, p.ItemB.Id, p.Label, p.Source, vectors[p.ItemA.Id], vectors[p.ItemB.Id]) { Rater = p.Rater, Tags = p.Tags })];
        JudgedTraining = [.. judged.Select((j, i) => new TrainingPair(
            "judged-" + i.ToString(CultureInfo.InvariantCulture), judgedIds[i].A, judgedIds[i].B, j.Label, PairSources.UserChoice,
            vectors[judgedIds[i].A], vectors[judgedIds[i].B]) { Tags = j.Tags })];
    }

    public IReadOnlyList<StoredPair> BasePairs { get; }

    public IReadOnlyList<EvaluationPair> Judged { get; }

    /// <summary>Gets the base pairs as training pairs.</summary>
    public IReadOnlyList<TrainingPair> BaseTraining { get; }

    /// <summary>Gets the judged pairs as unattributed user choices (<c>judged-&lt;index&gt;</c>).</summary>
    public TrainingPair[] JudgedTraining { get; }

    public int Width => _features.Layout.Width;

    public FeatureLayout Layout => _features.Layout;

    /// <summary>Reads the base pairs and featurizes every text once: the base pairs', the judged pairs' and <paramref name="extra"/>'s.</summary>
    public static async Task<JudgedExperiment> CreateAsync(
        IFeatureBuilder features, IPairStore store, IRankerTrainer trainer, Func<RankerTrainingOptions> newOptions,
        IReadOnlyList<EvaluationPair> judged, IReadOnlyList<(string Platform, string Section, string Text)> extra,
        IProgress<ProgressUpdate>? progress, double progressShare, CancellationToken cancellationToken)
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

        foreach (var (platform, section, text) in extra)
        {
            Want(TextId(platform, section, text), platform, section, text);
        }

        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
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

            progress?.Report(new ProgressUpdate(progressShare * (start + batch.Count) / items.Count, "featurizing"));
        }

        return new JudgedExperiment(features, trainer, newOptions, basePairs, judged, judgedIds, vectors);
    }

    /// <summary>The id an experiment gives a text: <c>j_</c> and 16 hex digits of its hash.</summary>
    public static string TextId(string platform, string section, string text) =>
        "j_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{platform}\n{section}\n{text}")))[..16];

    /// <summary>Gets the features of a text featurized by <see cref="CreateAsync"/>.</summary>
    public float[] Vector(string platform, string section, string text) => _vectors[TextId(platform, section, text)];

    /// <summary>Assigns each judged pair to one of <paramref name="folds"/> folds in seeded random order; returns the fold of each and the shuffled order.</summary>
    public (int[] FoldOf, int[] Shuffled) Folds(int folds, int seed)
    {
        var foldOf = new int[Judged.Count];
        var shuffled = Enumerable.Range(0, Judged.Count).ToArray();
        new Random(seed).Shuffle(shuffled);
        for (var i = 0; i < shuffled.Length; i++)
        {
            foldOf[shuffled[i]] = i % folds;
        }

        return (foldOf, shuffled);
    }

    /// <summary>
    /// Splits the judged pairs at <paramref name="fold"/> of a <see cref="Folds"/> assignment: the pairs held out, in
    /// index order, and the others, in the shuffled order.
    /// </summary>
    public static (int[] HeldOut, int[] Pool) Split(int[] foldOf, int[] shuffled, int fold) =>
        ([.. Enumerable.Range(0, foldOf.Length).Where(i => foldOf[i] == fold)], [.. shuffled.Where(i => foldOf[i] != fold)]);

    /// <summary>Trains on <paramref name="pairs"/> with the trainer's defaults (changed by <paramref name="configure"/>) and scores both sides of every judged pair: [a0, b0, a1, b1, …].</summary>
    public async Task<float[]> TrainAndScoreAsync(IReadOnlyList<TrainingPair> pairs, int seed, string version, Action<RankerTrainingOptions>? configure, CancellationToken cancellationToken) =>
        (await TrainAndRunAsync(pairs, seed, version, configure, cancellationToken).ConfigureAwait(false)).Scores;

    /// <summary>Trains on <paramref name="pairs"/> and runs the model over every judged pair's two texts (A then B): scores, and reason outputs when the model has them.</summary>
    public async Task<ExperimentRun> TrainAndRunAsync(IReadOnlyList<TrainingPair> pairs, int seed, string version, Action<RankerTrainingOptions>? configure, CancellationToken cancellationToken)
    {
        var options = _newOptions();
        options.DatasetPath = null; // the pairs in memory are the one input
        options.Source = null;
        options.Pairs = pairs;
        options.Layout = _features.Layout;
        options.OutputDirectory = _folder.FullName;
        options.Activate = false;
        options.InitialModel = null;
        options.Seed = seed;
        options.Version = version;
        configure?.Invoke(options);
        var result = await _trainer.TrainAsync(options, null, cancellationToken).ConfigureAwait(false);
        try
        {
            return Run(result.ModelPath, result.Metadata);
        }
        finally
        {
            File.Delete(result.ModelPath);
            File.Delete(result.MetadataPath);
        }
    }

    /// <summary>Gets the held-out accuracy of scores from <see cref="TrainAndScoreAsync"/> on the judged pairs <paramref name="heldOut"/>.</summary>
    public double Accuracy(float[] scores, IEnumerable<int> heldOut) => heldOut.Average(i => Credit(scores[2 * i] - scores[(2 * i) + 1], Judged[i].Label));

    /// <summary>Right 1, wrong 0, a tie half.</summary>
    public static double Credit(double difference, int label) => difference == 0 ? 0.5 : (Math.Sign(difference) == label ? 1 : 0);

    public void Dispose() => _folder.Delete(recursive: true);

    private ExperimentRun Run(string modelPath, Models.ModelMetadata metadata)
    {
        var width = Width;
        var input = new float[JudgedTraining.Length * 2 * width];
        for (var i = 0; i < JudgedTraining.Length; i++)
        {
            JudgedTraining[i].AFeatures.Span.CopyTo(input.AsSpan(2 * i * width, width));
            JudgedTraining[i].BFeatures.Span.CopyTo(input.AsSpan(((2 * i) + 1) * width, width));
        }

        using var session = new InferenceSession(modelPath);
        using var value = OrtValue.CreateTensorValueFromMemory(input, [JudgedTraining.Length * 2, width]);
        using var runOptions = new RunOptions();
        string[] reasonTags = metadata.ReasonOutputName is not null && metadata.ReasonTags is { Count: > 0 } tags ? [.. tags] : [];
        using var outputs = session.Run(runOptions, [metadata.InputName], [value], reasonTags.Length > 0 ? [metadata.OutputName, metadata.ReasonOutputName!] : [metadata.OutputName]);
        return new ExperimentRun(outputs[0].GetTensorDataAsSpan<float>().ToArray(), reasonTags.Length > 0 ? outputs[1].GetTensorDataAsSpan<float>().ToArray() : null, reasonTags);
    }
}

/// <summary>
/// One trained model run over every judged pair's texts: scores (A then B per pair) and, for a model with a reason head,
/// its reason outputs (<c>[2 × pairs, tags]</c>) in the vocabulary's order.
/// </summary>
internal sealed record ExperimentRun(float[] Scores, float[]? Reasons, IReadOnlyList<string> ReasonTags)
{
    /// <summary>
    /// Gets the first two reasons the model gives for judged pair <paramref name="pair"/> (the tags on which the text it
    /// prefers beats the other most, as a comparison orders them), or none for a tie or a model without reasons.
    /// </summary>
    public IReadOnlyList<ComparisonReason> FirstTwoReasons(int pair)
    {
        var k = ReasonTags.Count;
        var difference = Scores[2 * pair] - Scores[(2 * pair) + 1];
        if (Reasons is null || k == 0 || difference == 0)
        {
            return [];
        }

        var (winner, loser) = difference > 0 ? (2 * pair, (2 * pair) + 1) : ((2 * pair) + 1, 2 * pair);
        return [.. ComparisonReason.FromModelOutputs(Reasons.AsSpan(winner * k, k), Reasons.AsSpan(loser * k, k), ReasonTags).Take(2)];
    }
}
