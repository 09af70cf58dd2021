using Ancso.Ml.Features;
using Ancso.Ml.Learning.Influence;
using Ancso.Ml.Training.Data;

namespace Ancso.Ml.Training;

/// <summary>
/// What to train on and how. The defaults are the original trainer's.
/// </summary>
/// <remarks>
/// The input is named in one way: <see cref="Source"/> (<see cref="RankerTrainingSource.FromDataset"/>,
/// <see cref="RankerTrainingSource.FromPairStore"/> or <see cref="RankerTrainingSource.FromPairs"/>).
/// <see cref="DatasetPath"/> and <see cref="Pairs"/> with <see cref="Layout"/> are shorthands for the first and the last;
/// set at most one of <see cref="Source"/>, <see cref="DatasetPath"/> and <see cref="Pairs"/> (training fails with
/// <see cref="RankerTrainingErrorKind.InvalidOptions"/> naming them otherwise). With none set, the exported dataset in
/// <see cref="DefaultDatasetPath"/> is read.
/// </remarks>
public sealed class RankerTrainingOptions
{
    /// <summary>The default dataset folder, as the exporter writes it: <c>data/ranker</c>.</summary>
    public const string DefaultDatasetPath = "data/ranker";

    /// <summary>
    /// Gets or sets the exported dataset: its folder (the dataset file that <c>metadata.json</c> names is read), or the
    /// dataset file itself (<c>dataset.bin</c> or <c>dataset.jsonl</c>, its <c>metadata.json</c> beside it). A shorthand
    /// for <c>Source = RankerTrainingSource.FromDataset(path)</c>; set it or <see cref="Source"/> or <see cref="Pairs"/>,
    /// not two of them.
    /// </summary>
    /// <value>Default: <see langword="null"/>: <see cref="DefaultDatasetPath"/> (<c>data/ranker</c>) when neither
    /// <see cref="Source"/> nor <see cref="Pairs"/> is set.</value>
    public string? DatasetPath { get; set; }

    /// <summary>
    /// Gets or sets where the pairs come from, the one general way to name the input:
    /// <see cref="RankerTrainingSource.FromDataset"/> (an exported dataset), <see cref="RankerTrainingSource.FromPairStore"/>
    /// (straight from the pair store with no file in between) or <see cref="RankerTrainingSource.FromPairs"/> (pairs in
    /// memory). Set it, or one of its shorthands <see cref="DatasetPath"/> and <see cref="Pairs"/>, not two of them.
    /// </summary>
    /// <value>Default: <see langword="null"/> (<see cref="Pairs"/> when set, else <see cref="DatasetPath"/>, else <see cref="DefaultDatasetPath"/>).</value>
    public RankerTrainingSource? Source { get; set; }

    /// <summary>
    /// Gets or sets pairs to train on directly instead of a dataset file; <see cref="Layout"/> must then describe their
    /// features. A shorthand for <c>Source = RankerTrainingSource.FromPairs(pairs, layout)</c>; set it or
    /// <see cref="Source"/> or <see cref="DatasetPath"/>, not two of them.
    /// </summary>
    /// <value>Default: <see langword="null"/>.</value>
    public IReadOnlyList<TrainingPair>? Pairs { get; set; }

    /// <summary>Gets or sets the feature layout of <see cref="Pairs"/> (embedding generator, dimension, metric order).</summary>
    /// <value>Default: <see langword="null"/>; required with <see cref="Pairs"/> and refused without it (a dataset's layout is
    /// taken from its <c>metadata.json</c>, a pair store's from its feature builder).</value>
    public FeatureLayout? Layout { get; set; }

    /// <summary>Gets or sets the most epochs to train.</summary>
    /// <value>Default: 50.</value>
    public int Epochs { get; set; } = 50;

    /// <summary>Gets or sets the number of pairs per optimiser step.</summary>
    /// <value>Default: 32.</value>
    public int BatchSize { get; set; } = 32;

    /// <summary>Gets or sets Adam's learning rate.</summary>
    /// <value>Default: 1e-3.</value>
    public double LearningRate { get; set; } = 1e-3;

    /// <summary>Gets or sets the margin of <see cref="RankingLoss.MarginRanking"/>.</summary>
    /// <value>Default: 1.0.</value>
    public double Margin { get; set; } = 1.0;

    /// <summary>Gets or sets the dropout probability after the first hidden layer.</summary>
    /// <value>Default: 0.2.</value>
    public double Dropout { get; set; } = 0.2;

    /// <summary>Gets or sets the width of the first hidden layer.</summary>
    /// <value>Default: 128.</value>
    public int FirstHiddenSize { get; set; } = 128;

    /// <summary>Gets or sets the width of the second hidden layer.</summary>
    /// <value>Default: 64.</value>
    public int SecondHiddenSize { get; set; } = 64;

    /// <summary>Gets or sets the seed of weight initialisation, dropout, shuffling and the validation split. Same seed, same data, same machine: same model.</summary>
    /// <value>Default: 42.</value>
    public int Seed { get; set; } = 42;

    /// <summary>
    /// Gets or sets the share of pairs to hold out for validation. The split is by item: no item is on both sides, and
    /// pairs that would straddle the split are dropped from both (the result says how many).
    /// </summary>
    /// <value>Default: 0.2.</value>
    public double ValidationFraction { get; set; } = 0.2;

    /// <summary>Gets or sets how many epochs without a lower validation loss end training early; 0 turns early stopping off.</summary>
    /// <value>Default: 10.</value>
    public int EarlyStoppingPatience { get; set; } = 10;

    /// <summary>Gets or sets the models folder the new version is stored in.</summary>
    /// <value>Default: <c>models</c>.</value>
    public string OutputDirectory { get; set; } = "models";

    /// <summary>Gets or sets whether the new version becomes the active model (the previous one stays stored for rollback).</summary>
    /// <value>Default: <see langword="true"/>.</value>
    public bool Activate { get; set; } = true;

    /// <summary>Gets or sets the TorchSharp device: <c>cpu</c>, or <c>cuda</c> / <c>cuda:N</c> where a TorchSharp CUDA package is referenced.</summary>
    /// <value>Default: <c>cpu</c>.</value>
    public string Device { get; set; } = "cpu";

    /// <summary>Gets or sets the loss.</summary>
    /// <value>Default: <see cref="RankingLoss.MarginRanking"/>.</value>
    public RankingLoss Loss { get; set; } = RankingLoss.MarginRanking;

    /// <summary>
    /// Gets or sets the number of CPU threads TorchSharp uses inside one operation (process-wide while training runs).
    /// At batch 32 the network is small, so one thread is usually fastest and is always reproducible.
    /// </summary>
    /// <value>Default: 1.</value>
    public int Threads { get; set; } = 1;

    /// <summary>
    /// Gets or sets the weight of the reason loss beside the ranking loss. With a positive weight and pairs whose tags
    /// name a reason (every bootstrap pair names the flaw it injected; people's tags through
    /// <see cref="Reasons.ReasonTags.Normalize"/>), the network learns a reason head on its shared layers and the model
    /// gives reasons with every comparison (<see cref="Inference.ComparisonResult.Reasons"/>). 0 trains no reason head.
    /// </summary>
    /// <value>Default: 0.5.</value>
    public double ReasonLossWeight { get; set; } = 0.5;

    /// <summary>Gets or sets the largest difference allowed between ONNX Runtime's and TorchSharp's score of one item.</summary>
    /// <value>Default: 1e-4.</value>
    public double ParityTolerance { get; set; } = 1e-4;

    /// <summary>
    /// Gets or sets whether every feature is standardized (mean 0, standard deviation 1 over the dataset's items) while
    /// training. An embedding's components are small next to the metrics; on equal scales the network uses both. The
    /// standardization is folded into the first layer when the model is written, so the ONNX model takes raw features.
    /// </summary>
    /// <value>Default: <see langword="true"/>.</value>
    public bool StandardizeFeatures { get; set; } = true;

    /// <summary>
    /// Gets or sets whether the final model is refitted on every pair. The item-split validation still chooses the number
    /// of epochs and gives the reported figures; then a fresh network (or <see cref="InitialModel"/>) is trained for that
    /// many epochs on all pairs: training, validation and the pairs that straddled the split. Without validation pairs
    /// there is nothing to refit.
    /// </summary>
    /// <value>Default: <see langword="true"/>.</value>
    public bool RefitOnAllPairs { get; set; } = true;

    /// <summary>
    /// Gets the loss weight of each label source (<c>manual</c>, <c>user_choice</c>, <c>before_after</c>,
    /// <c>bootstrap</c>, or any other source the data carries): a pair's loss counts this many times. A source not listed
    /// weighs 1. The defaults were chosen by the learning curves in the README: a person's judgement counts for more than
    /// a generated pair.
    /// </summary>
    /// <value>Default: <c>manual</c> 10, <c>user_choice</c> 10, <c>before_after</c> 5, <c>bootstrap</c> 1.</value>
    public IDictionary<string, double> SourceWeights { get; } = new Dictionary<string, double>(DefaultSourceWeights, StringComparer.Ordinal);

    /// <summary>Gets the default loss weight of each label source (see <see cref="SourceWeights"/>).</summary>
    public static IReadOnlyDictionary<string, double> DefaultSourceWeights { get; } = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["manual"] = 10,
        ["user_choice"] = 10,
        ["before_after"] = 5,
        ["bootstrap"] = 1,
    };

    /// <summary>
    /// Gets or sets how much any one person can teach the model: one vote per rater per pair of items, a cap on one
    /// rater's share of the human weight, unattributed choices pooled as one rater unless trusted, disputes resolved by
    /// weighted vote. Applied to every source; what they did is in <see cref="TrainingResult.Influence"/> and the model's
    /// metadata (<c>influence</c>). See <c>docs/trusting-choices.md</c>.
    /// </summary>
    /// <value>Default: <see cref="InfluenceLimitOptions.MaxRaterShare"/> 0.05, unattributed choices pooled.</value>
    public InfluenceLimitOptions InfluenceLimits { get; set; } = new();

    /// <summary>
    /// Gets or sets an ONNX model written by this library (for example the active model's <c>ranker-&lt;version&gt;.onnx</c>)
    /// to start from instead of random weights. It is used only when its layout matches the data and the options
    /// (embedding generator, dimension, metric order, hidden sizes); otherwise training starts from scratch and the
    /// result says why (<see cref="TrainingResult.WarmStartSkippedReason"/>).
    /// </summary>
    /// <value>Default: <see langword="null"/> (random initialisation).</value>
    public string? InitialModel { get; set; }

    /// <summary>Gets the loss weight of a vote of <paramref name="source"/>: <see cref="SourceWeights"/>, or 1 for a source not listed.</summary>
    internal double SourceWeightOf(string source) => SourceWeights.TryGetValue(source, out var weight) ? weight : 1.0;

    /// <summary>Gets or sets a version name for the new model instead of <c>yyyyMMdd-HHmmss-&lt;hash&gt;</c>.</summary>
    /// <value>Default: <see langword="null"/> (generated).</value>
    public string? Version { get; set; }
}
