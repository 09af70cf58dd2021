using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ancso.Ml.Features;
using Ancso.Ml.Metrics;
using Ancso.Ml.Learning.Dataset;
using Ancso.Ml.Learning.Export;
using Ancso.Ml.Training.Data;

namespace Ancso.Ml.Training.Tests;

/// <summary>
/// Small real datasets with a learnable signal: each item's features are random, its hidden quality is a fixed linear
/// direction in them, and each pair's label says which item's quality is higher.
/// </summary>
internal static class TestDatasets
{
    public const string GeneratorId = "ancso:hashing-v1";

    public static FeatureLayout Layout(int dimension) => new(GeneratorId, dimension, MetricNames.All);

    /// <summary>A well-formed rater pseudonym, distinct for each <paramref name="n"/>.</summary>
    public static string Rater(int n) => "r_" + n.ToString("x32", CultureInfo.InvariantCulture);

    public static List<TrainingPair> LearnablePairs(int items, int pairs, int dimension = 32, int seed = 1, string[]? sources = null)
    {
        var random = new Random(seed);
        var width = dimension + MetricNames.All.Count;
        var direction = Enumerable.Range(0, width).Select(_ => (random.NextDouble() * 2) - 1).ToArray();
        var features = new float[items][];
        var quality = new double[items];
        for (var i = 0; i < items; i++)
        {
            features[i] = new float[width];
            for (var f = 0; f < width; f++)
            {
                features[i][f] = f < dimension ? (float)((random.NextDouble() * 2) - 1) : (float)random.NextDouble();
                quality[i] += direction[f] * features[i][f];
            }
        }

        sources ??= ["bootstrap", "user_choice", "before_after", "manual"];
        var result = new List<TrainingPair>(pairs);
        var seen = new HashSet<(int, int)>();
        while (result.Count < pairs)
        {
            var a = random.Next(items);
            var b = random.Next(items);
            if (a == b || !seen.Add((Math.Min(a, b), Math.Max(a, b))))
            {
                continue;
            }

            var id = result.Count;
            result.Add(new TrainingPair(
                $"p_{id}", $"i_{a}", $"i_{b}", quality[a] > quality[b] ? 1 : -1, sources[id % sources.Length], features[a], features[b]));
        }

        return result;
    }

    /// <summary>Writes pairs as <c>dataset.jsonl</c> plus <c>metadata.json</c> in the exporter's format; returns the jsonl path.</summary>
    public static string Write(string folder, IReadOnlyList<TrainingPair> pairs, FeatureLayout layout, Action<Utf8JsonWriter>? extraMetadata = null)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "dataset.jsonl");
        var text = new StringBuilder();
        foreach (var pair in pairs)
        {
            text.Append(Row(pair)).Append('\n');
        }

        File.WriteAllText(path, text.ToString());
        WriteMetadata(folder, layout, pairs.Count, File.ReadAllBytes(path), extraMetadata);
        return path;
    }

    /// <summary>Writes pairs as the compact <c>dataset.bin</c> plus <c>metadata.json</c>, as the exporter does; returns the file's path.</summary>
    public static string WriteCompact(string folder, IReadOnlyList<TrainingPair> pairs, FeatureLayout layout)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, PairDatasetFiles.CompactFileName);
        using (var stream = File.Create(path))
        using (var writer = new CompactDatasetWriter(stream, layout.Width))
        {
            var items = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var pair in pairs)
            {
                foreach (var (id, features) in new[] { (pair.AId, pair.AFeatures), (pair.BId, pair.BFeatures) })
                {
                    if (!items.ContainsKey(id))
                    {
                        items[id] = writer.AddItemAsync(id, "linkedin", "headline", features, CancellationToken.None).AsTask().GetAwaiter().GetResult();
                    }
                }

                writer.AddPair(pair.PairId, items[pair.AId], items[pair.BId], pair.Label, pair.Source, [], new DateTimeOffset(2026, 11, 25, 9, 15, 0, TimeSpan.Zero), pair.Rater);
            }

            writer.CompleteAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }

        WriteMetadata(folder, layout, pairs.Count, File.ReadAllBytes(path), w => w.WriteString("dataset_file", PairDatasetFiles.CompactFileName));
        return path;
    }

    public static string Row(TrainingPair pair)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("pair_id", pair.PairId);
            writer.WriteString("a_id", pair.AId);
            writer.WriteString("b_id", pair.BId);
            writer.WriteString("platform", "linkedin");
            writer.WriteString("section", "headline");
            writer.WriteNumber("label", pair.Label);
            writer.WriteString("source", pair.Source);
            writer.WriteStartArray("tags");
            writer.WriteEndArray();
            writer.WriteString("created_at", "2026-11-25T09:15:00+00:00");
            writer.WriteStartArray("a_features");
            foreach (var v in pair.AFeatures.Span)
            {
                writer.WriteNumberValue(v);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("b_features");
            foreach (var v in pair.BFeatures.Span)
            {
                writer.WriteNumberValue(v);
            }

            writer.WriteEndArray();
            if (pair.Rater is not null)
            {
                writer.WriteString("rater", pair.Rater);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes <c>metadata.json</c> for the given jsonl bytes.</summary>
    public static void WriteMetadata(string folder, FeatureLayout layout, int pairCount, byte[]? datasetBytes, Action<Utf8JsonWriter>? extra = null)
    {
        using var stream = File.Create(Path.Combine(folder, "metadata.json"));
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteNumber("schema_version", 1);
        writer.WriteStartArray("feature_names");
        foreach (var name in layout.GetFeatureNames())
        {
            writer.WriteStringValue(name);
        }

        writer.WriteEndArray();
        writer.WriteString("embedding_generator_id", layout.EmbeddingGeneratorId);
        writer.WriteNumber("embedding_dimension", layout.EmbeddingDimension);
        writer.WriteStartArray("metric_names");
        foreach (var name in layout.MetricNames)
        {
            writer.WriteStringValue(name);
        }

        writer.WriteEndArray();
        writer.WriteNumber("pair_count", pairCount);
        writer.WriteStartObject("counts");
        foreach (var count in new[] { "by_source", "by_platform", "by_section" })
        {
            writer.WriteStartObject(count);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        if (datasetBytes is not null)
        {
            writer.WriteString("dataset_hash", "sha256:" + Convert.ToHexStringLower(SHA256.HashData(datasetBytes)));
        }

        writer.WriteString("exported_at", "2026-11-25T09:15:00+00:00");
        writer.WriteStartObject("filters");
        writer.WriteNull("platform");
        writer.WriteNull("source");
        writer.WriteEndObject();
        extra?.Invoke(writer);
        writer.WriteEndObject();
    }

    public static string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>A folder under the temp directory, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ancso-training-tests", Guid.NewGuid().ToString("N"));

    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Reports progress on the training thread, at once (unlike <see cref="Progress{T}"/>).</summary>
internal sealed class InlineProgress(Action<TrainingProgress> onReport) : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress value) => onReport(value);
}
