using Ancso.Ml.IO;

namespace Ancso.Ml.Training.Engine;

/// <summary>
/// Where training starts: <see cref="RankerTrainingOptions.InitialModel"/>'s weights when the file is a model of this
/// library with the same layout (embedding generator, dimension, metric order, hidden sizes), random weights otherwise,
/// with the reason.
/// </summary>
internal sealed record WarmStart(MlpWeights? Weights, string? Source, string? SourceVersion, string? SkippedReason)
{
    /// <summary>The key of a model's inherited training fingerprints in its metadata's <c>extra</c>.</summary>
    public const string InheritedKey = "inherited_training_data";

    /// <summary>The largest metadata file read for the lineage: 16 MiB, as the registry reads.</summary>
    private const long MaxMetadataBytes = 16L << 20;

    /// <summary>
    /// Gets what the starting model learned from: its own training fingerprint and those it inherited itself (a
    /// warm-started model carries what its parent learned, so an erasure that marks the parent marks it too). A JSON
    /// null stands for a fingerprint that cannot be known (no metadata beside the model, or none recorded in it).
    /// </summary>
    public IReadOnlyList<System.Text.Json.JsonElement> Inherited { get; init; } = [];

    /// <summary>The largest model file read: a 1536-D ranker is under 1 MB.</summary>
    internal const long MaxModelBytes = 256L << 20;

    public static WarmStart None { get; } = new(null, null, null, null);

    public static async Task<WarmStart> ResolveAsync(RankerTrainingOptions options, FeatureLayout layout, CancellationToken cancellationToken)
    {
        if (options.InitialModel is null)
        {
            return None;
        }

        var path = Path.GetFullPath(options.InitialModel);
        var name = Path.GetFileName(path);
        var version = name.StartsWith("ranker-", StringComparison.Ordinal) && name.EndsWith(".onnx", StringComparison.Ordinal) ? name[7..^5] : null;
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new RankerTrainingException(RankerTrainingErrorKind.InvalidOptions,
                $"RankerTrainingOptions.InitialModel names '{path}', which does not exist. Give an .onnx model of this library, or leave it unset to start from random weights.",
                path, field: nameof(RankerTrainingOptions.InitialModel));
        }

        WarmStart Skip(string reason) => new(null, path, version, reason);
        if (info.Length > MaxModelBytes)
        {
            return Skip(string.Create(CultureInfo.InvariantCulture, $"the file is {info.Length} bytes, over the {MaxModelBytes} accepted"));
        }

        MlpWeights weights;
        IReadOnlyDictionary<string, string> properties;
        try
        {
            var bytes = await InputFile.ReadAllBytesAsync(path, MaxModelBytes, cancellationToken).ConfigureAwait(false);
            (weights, properties) = OnnxWeightsReader.Read(bytes);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return Skip($"the model cannot be read ({ex.Message})");
        }

        var generator = properties.GetValueOrDefault("embedding_generator_id");
        var dimension = properties.GetValueOrDefault("embedding_dimension");
        var metrics = properties.GetValueOrDefault("metric_names");
        if (generator != layout.EmbeddingGeneratorId || dimension != layout.EmbeddingDimension.ToString(CultureInfo.InvariantCulture)
            || metrics != string.Join(",", layout.MetricNames))
        {
            return Skip($"it was trained on features {generator ?? "?"} (D={dimension ?? "?"}; {metrics ?? "?"}), the data has {layout.EmbeddingGeneratorId} (D={layout.EmbeddingDimension}; {string.Join(",", layout.MetricNames)})");
        }

        int[] expected = [layout.Width, options.FirstHiddenSize, options.SecondHiddenSize, 1];
        int[] actual = [.. weights.Layers.Select(l => l.Inputs), 1];
        if (!expected.SequenceEqual(actual))
        {
            return Skip($"its layers are {string.Join("→", actual)}, the options ask for {string.Join("→", expected)}");
        }

        return new WarmStart(weights, path, version, null) { Inherited = await LineageAsync(path, version, cancellationToken).ConfigureAwait(false) };
    }

    /// <summary>Reads the training fingerprints of the starting model's metadata (<c>ranker-&lt;version&gt;.metadata.json</c> beside it).</summary>
    private static async Task<IReadOnlyList<System.Text.Json.JsonElement>> LineageAsync(string modelPath, string? version, CancellationToken cancellationToken)
    {
        var unknown = System.Text.Json.JsonDocument.Parse("null").RootElement.Clone();
        var metadataPath = version is null ? null : Path.Combine(Path.GetDirectoryName(modelPath)!, $"ranker-{version}.metadata.json");
        if (metadataPath is null || !File.Exists(metadataPath))
        {
            return [unknown];
        }

        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(await InputFile.ReadAllBytesAsync(metadataPath, MaxMetadataBytes, cancellationToken).ConfigureAwait(false));
            // The metadata's extra entries sit at the top level of the file, beside the known properties.
            var extra = document.RootElement;
            if (extra.ValueKind != System.Text.Json.JsonValueKind.Object)
            {
                return [unknown];
            }

            var lineage = new List<System.Text.Json.JsonElement>
            {
                extra.TryGetProperty("training_data", out var own) ? own.Clone() : unknown,
            };
            if (extra.TryGetProperty(InheritedKey, out var inherited) && inherited.ValueKind == System.Text.Json.JsonValueKind.Array)
            {
                lineage.AddRange(inherited.EnumerateArray().Select(static e => e.Clone()));
            }

            return lineage;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or IOException or UnauthorizedAccessException)
        {
            return [unknown];
        }
    }
}
