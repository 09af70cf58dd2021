using System.Buffers;
using System.Reflection;
using System.Text.Json;

namespace Ancso.Ml.Training.Engine;

/// <summary>Fills <see cref="ModelMetadata"/> for a trained model.</summary>
internal static class MetadataFactory
{
    public static string LibraryVersion { get; } =
        typeof(MetadataFactory).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(MetadataFactory).Assembly.GetName().Version?.ToString()
        ?? "0.0.0";

    public static ModelMetadata Create(
        string version,
        TrainingData data,
        SplitResult split,
        LoopOutcome outcome,
        RankerTrainingOptions options,
        WarmStart warmStart,
        double temperature,
        string temperatureFittedOn,
        double parityDifference,
        DateTimeOffset createdAt)
    {
        var best = outcome.Epochs[outcome.BestEpoch - 1];
        return new ModelMetadata
        {
            Version = version,
            InputDimension = data.Layout.Width,
            EmbeddingGeneratorId = data.Layout.EmbeddingGeneratorId,
            EmbeddingDimension = data.Layout.EmbeddingDimension,
            MetricNames = [.. data.Layout.MetricNames],
            Normalization = options.StandardizeFeatures ? "folded" : "none",
            Temperature = temperature,
            HyperParameters = new Dictionary<string, JsonElement>(StringComparer.Ordinal)
            {
                ["epochs"] = Element(w => w.WriteNumberValue(options.Epochs)),
                ["batch_size"] = Element(w => w.WriteNumberValue(options.BatchSize)),
                ["learning_rate"] = Element(w => w.WriteNumberValue(options.LearningRate)),
                ["optimizer"] = Element(w => w.WriteStringValue("adam")),
                ["loss"] = Element(w => w.WriteStringValue(options.Loss == RankingLoss.Logistic ? "logistic" : "margin_ranking")),
                ["margin"] = Element(w => w.WriteNumberValue(options.Margin)),
                ["dropout"] = Element(w => w.WriteNumberValue(options.Dropout)),
                ["reason_loss_weight"] = Element(w => w.WriteNumberValue(options.ReasonLossWeight)),
                ["hidden_sizes"] = Element(w =>
                {
                    w.WriteStartArray();
                    w.WriteNumberValue(options.FirstHiddenSize);
                    w.WriteNumberValue(options.SecondHiddenSize);
                    w.WriteEndArray();
                }),
                ["seed"] = Element(w => w.WriteNumberValue(options.Seed)),
                ["validation_fraction"] = Element(w => w.WriteNumberValue(options.ValidationFraction)),
                ["early_stopping_patience"] = Element(w => w.WriteNumberValue(options.EarlyStoppingPatience)),
                ["device"] = Element(w => w.WriteStringValue(options.Device)),
                ["threads"] = Element(w => w.WriteNumberValue(options.Threads)),
                ["refit_on_all_pairs"] = Element(w => w.WriteBooleanValue(options.RefitOnAllPairs)),
                ["standardize_features"] = Element(w => w.WriteBooleanValue(options.StandardizeFeatures)),
                ["influence_limits"] = Element(w =>
                {
                    w.WriteStartObject();
                    w.WriteNumber("max_rater_share", options.InfluenceLimits.MaxRaterShare);
                    w.WriteBoolean("trust_unattributed", options.InfluenceLimits.TrustUnattributed);
                    w.WriteEndObject();
                }),
                ["source_weights"] = Element(w =>
                {
                    w.WriteStartObject();
                    foreach (var (source, weight) in options.SourceWeights.OrderBy(p => p.Key, StringComparer.Ordinal))
                    {
                        w.WriteNumber(source, weight);
                    }

                    w.WriteEndObject();
                }),
            },
            Epochs = outcome.Epochs,
            BestEpoch = outcome.BestEpoch,
            TrainAccuracy = best.TrainAccuracy,
            ValidationAccuracy = best.ValidationAccuracy,
            TrainPairs = split.TrainPairs.Length,
            ValidationPairs = split.ValidationPairs.Length,
            DatasetHash = data.DatasetHash,
            LibraryVersion = LibraryVersion,
            CreatedAt = createdAt,
            Extra = new Dictionary<string, JsonElement>(StringComparer.Ordinal)
            {
                // What it learned from, for erasure: absent when the pairs were handed in.
                ["training_data"] = data.Fingerprint is { } fingerprint ? Element(fingerprint.WriteTo) : Element(static w => w.WriteNullValue()),

                // A warm start carries what the starting model learned: its fingerprints are this model's too.
                [WarmStart.InheritedKey] = Element(w =>
                {
                    w.WriteStartArray();
                    foreach (var inherited in warmStart.Weights is null ? [] : warmStart.Inherited)
                    {
                        inherited.WriteTo(w);
                    }

                    w.WriteEndArray();
                }),
                ["temperature_fitted_on"] = Element(w => w.WriteStringValue(temperatureFittedOn)),
                ["parity_max_difference"] = Element(w => w.WriteNumberValue(parityDifference)),
                ["stopped_early"] = Element(w => w.WriteBooleanValue(outcome.StoppedEarly)),
                ["final_fit"] = Element(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("kind", outcome.Refit is not null ? "refit_on_all_pairs" : "best_validated_epoch");
                    w.WriteNumber("pairs", outcome.Refit is not null ? outcome.RefitPairs : split.TrainPairs.Length);
                    w.WriteNumber("epochs", outcome.BestEpoch);
                    if (outcome.Refit is { } refit)
                    {
                        w.WriteNumber("train_loss", refit.TrainLoss);
                        w.WriteNumber("train_accuracy", refit.TrainAccuracy);
                    }

                    w.WriteEndObject();
                }),
                ["warm_start"] = Element(w =>
                {
                    w.WriteStartObject();
                    w.WriteBoolean("used", warmStart.Weights is not null);
                    if (warmStart.Source is not null)
                    {
                        w.WriteString("from", warmStart.SourceVersion ?? Path.GetFileName(warmStart.Source));
                    }

                    if (warmStart.SkippedReason is not null)
                    {
                        w.WriteString("skipped_reason", warmStart.SkippedReason);
                    }

                    w.WriteEndObject();
                }),
                ["influence"] = Element(data.Set.Influence.WriteTo),
                ["pairs"] = Element(w =>
                {
                    w.WriteStartObject();
                    w.WriteNumber("read", data.Set.PairsRead);
                    w.WriteNumber("straddling_dropped", split.StraddlingDropped);
                    w.WriteNumber("duplicates_dropped", data.Set.DuplicatesDropped);
                    w.WriteNumber("contradictory_dropped", data.Set.ContradictionsDropped);
                    w.WriteEndObject();
                }),
            },
        };
    }

    private static JsonElement Element(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
