using System.Text.Json;
using System.Text.Json.Serialization;
using Ancso.Ml.Features;

namespace Ancso.Ml.Models;

/// <summary>
/// Everything needed to use a ranker model correctly, stored beside it as JSON
/// (<c>ranker-&lt;version&gt;.metadata.json</c>, or <c>ranker_metadata.json</c> in the original layout).
/// </summary>
public sealed class ModelMetadata
{
    /// <summary>The metadata format this library writes.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>Gets or sets the metadata format version.</summary>
    [JsonPropertyName("format_version")]
    public int FormatVersion { get; set; } = CurrentFormatVersion;

    /// <summary>Gets or sets the model's version, for example <c>20261125-091500-3f2a</c>.</summary>
    [JsonPropertyName("version")]
    public string Version { get; set; } = "";

    /// <summary>Gets or sets the ONNX input name.</summary>
    /// <value>Default: <c>features</c>.</value>
    [JsonPropertyName("input_name")]
    public string InputName { get; set; } = "features";

    /// <summary>Gets or sets the ONNX output name.</summary>
    /// <value>Default: <c>score</c>.</value>
    [JsonPropertyName("output_name")]
    public string OutputName { get; set; } = "score";

    /// <summary>
    /// Gets or sets the name of the ONNX output that gives each row's reason outputs (<c>[N, K]</c>, one per tag of
    /// <see cref="ReasonTags"/>), or <see langword="null"/> for a model without one (trained before reasons existed: it
    /// scores and compares, with no reasons).
    /// </summary>
    [JsonPropertyName("reason_output_name")]
    public string? ReasonOutputName { get; set; }

    /// <summary>Gets or sets the tags of the reason output, in output order (tags of <see cref="Reasons.ReasonTags"/>).</summary>
    [JsonPropertyName("reason_tags")]
    public IList<string>? ReasonTags { get; set; }

    /// <summary>Gets or sets the width of the input: embedding dimension plus the number of metrics.</summary>
    [JsonPropertyName("input_dimension")]
    public int InputDimension { get; set; }

    /// <summary>Gets or sets the id of the embedding generator the model was trained on.</summary>
    [JsonPropertyName("embedding_generator_id")]
    public string EmbeddingGeneratorId { get; set; } = "";

    /// <summary>Gets or sets the embedding dimension the model was trained on.</summary>
    [JsonPropertyName("embedding_dimension")]
    public int EmbeddingDimension { get; set; }

    /// <summary>Gets or sets the metric names, in feature order.</summary>
    [JsonPropertyName("metric_names")]
    public IList<string> MetricNames { get; set; } = [];

    /// <summary>
    /// Gets or sets how inputs are normalised. <c>none</c>, or <c>folded</c> when standardisation was folded into the
    /// first layer's weights (the model then takes raw features; <see cref="FeatureMean"/> and <see cref="FeatureScale"/> are informative).
    /// </summary>
    /// <value>Default: <c>none</c>.</value>
    [JsonPropertyName("normalization")]
    public string Normalization { get; set; } = "none";

    /// <summary>Gets or sets the per-feature means used for normalisation, if any.</summary>
    [JsonPropertyName("feature_mean")]
    public IList<float>? FeatureMean { get; set; }

    /// <summary>Gets or sets the per-feature scales used for normalisation, if any.</summary>
    [JsonPropertyName("feature_scale")]
    public IList<float>? FeatureScale { get; set; }

    /// <summary>Gets or sets the temperature T of the confidence <c>sigmoid((sA − sB) / T)</c>.</summary>
    /// <value>Default: 1.</value>
    [JsonPropertyName("temperature")]
    public double Temperature { get; set; } = 1.0;

    /// <summary>Gets or sets the training hyper-parameters, by name.</summary>
    [JsonPropertyName("hyper_parameters")]
    public IDictionary<string, JsonElement>? HyperParameters { get; set; }

    /// <summary>Gets or sets the per-epoch training figures.</summary>
    [JsonPropertyName("epochs")]
    public IList<EpochRecord>? Epochs { get; set; }

    /// <summary>Gets or sets the epoch whose weights were kept (1-based).</summary>
    [JsonPropertyName("best_epoch")]
    public int? BestEpoch { get; set; }

    /// <summary>Gets or sets the pairwise accuracy on the training pairs at the best epoch.</summary>
    [JsonPropertyName("train_accuracy")]
    public double? TrainAccuracy { get; set; }

    /// <summary>Gets or sets the pairwise accuracy on the validation pairs at the best epoch.</summary>
    [JsonPropertyName("validation_accuracy")]
    public double? ValidationAccuracy { get; set; }

    /// <summary>Gets or sets the number of training pairs.</summary>
    [JsonPropertyName("train_pairs")]
    public int? TrainPairs { get; set; }

    /// <summary>Gets or sets the number of validation pairs.</summary>
    [JsonPropertyName("validation_pairs")]
    public int? ValidationPairs { get; set; }

    /// <summary>Gets or sets the hash of the dataset the model was trained on.</summary>
    [JsonPropertyName("dataset_hash")]
    public string? DatasetHash { get; set; }

    /// <summary>Gets or sets the version of the library that trained the model.</summary>
    [JsonPropertyName("library_version")]
    public string? LibraryVersion { get; set; }

    /// <summary>Gets or sets when the model was created.</summary>
    [JsonPropertyName("created_at")]
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Gets or sets any further fields, kept on a round trip.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>Gets the feature layout the model expects.</summary>
    /// <returns>The layout.</returns>
    /// <exception cref="ArgumentException">The metadata names an unknown metric or a non-positive dimension.</exception>
    public FeatureLayout GetFeatureLayout() => new(EmbeddingGeneratorId, EmbeddingDimension, [.. MetricNames]);
}

/// <summary>The figures of one training epoch.</summary>
public sealed class EpochRecord
{
    /// <summary>Gets or sets the epoch (1-based).</summary>
    [JsonPropertyName("epoch")]
    public int Epoch { get; set; }

    /// <summary>Gets or sets the mean training loss.</summary>
    [JsonPropertyName("train_loss")]
    public double TrainLoss { get; set; }

    /// <summary>Gets or sets the pairwise accuracy on the training pairs.</summary>
    [JsonPropertyName("train_accuracy")]
    public double TrainAccuracy { get; set; }

    /// <summary>Gets or sets the mean validation loss, when there are validation pairs.</summary>
    [JsonPropertyName("validation_loss")]
    public double? ValidationLoss { get; set; }

    /// <summary>Gets or sets the pairwise accuracy on the validation pairs, when there are any.</summary>
    [JsonPropertyName("validation_accuracy")]
    public double? ValidationAccuracy { get; set; }

    /// <summary>Gets or sets the validation accuracy per label source (<c>bootstrap</c>, <c>user_choice</c>, …).</summary>
    [JsonPropertyName("validation_accuracy_by_source")]
    public IDictionary<string, double>? ValidationAccuracyBySource { get; set; }
}
