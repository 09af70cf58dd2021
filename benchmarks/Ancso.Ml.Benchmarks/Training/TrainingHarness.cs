using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Ancso.Ml.Learning.Dataset;
using Ancso.Ml.Learning.Export;
using Ancso.Ml.Training;
using Ancso.Ml.Training.Data;
using Ancso.Ml.Training.Engine;

namespace Ancso.Ml.Benchmarks.Training;

/// <summary>
/// Process-level measurements that BenchmarkDotNet cannot make (a fresh process each time):
/// <c>training-prepare &lt;folder&gt; [pairs]</c> writes a dataset; <c>training-run &lt;folder&gt; [epochs] [patience]</c> trains on it with the
/// defaults (50 epochs, batch 32, patience 10; 0 turns early stopping off) including load, export, parity check and activation; <c>training-loop [pairs] [epochs]
/// [threads]</c> times the training loop alone on in-memory pairs. Time the whole process with <c>/usr/bin/time</c>.
/// </summary>
internal static class TrainingHarness
{
    public static async Task<int> RunAsync(string[] args)
    {
        switch (args[0])
        {
            case "training-prepare":
                await PrepareAsync(args[1], args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200, args.Length > 3 ? args[3] : "jsonl");
                return 0;
            case "training-run":
                return await TrainAsync(args[1], args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 50, args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 10);
            case "store-prepare":
                await Dataset.StorePreparation.RunAsync(args[1], args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1_000_000, args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 100_000);
                return 0;
            case "dataset-formats":
                await Dataset.DatasetFormatComparison.RunAsync(args[1], args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20_000);
                return 0;
            case "dataset-read":
                for (var i = 0; i < (args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1); i++)
                {
                    await ReadAsync(args[1]);
                }

                return 0;
            case "training-loop":
                Loop(
                    args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000,
                    args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5,
                    args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1);
                return 0;
            default:
                Console.Error.WriteLine("usage: training-prepare <folder> [pairs] [jsonl|compact] | training-run <folder> [epochs] [patience, 0 = no early stop] | training-loop [pairs] [epochs] [threads] | dataset-read <folder> [times] | dataset-formats <folder> [pairs] | store-prepare <folder> [pairs] [items]");
                return 2;
        }
    }

    private static async Task PrepareAsync(string folder, int pairs, string format)
    {
        Directory.CreateDirectory(folder);
        var layout = SyntheticPairs.Layout(1536);
        var data = SyntheticPairs.Create(pairs);
        var compact = format == "compact";
        var path = Path.Combine(folder, compact ? PairDatasetFiles.CompactFileName : PairDatasetFiles.DatasetFileName);
        string hash;
        using (var stream = File.Create(path))
        {
            hash = compact ? await WriteCompactAsync(stream, data, layout.Width) : WriteJsonl(stream, data);
        }

        var metadata = new PairDatasetMetadata
        {
            FeatureNames = [.. layout.GetFeatureNames()],
            EmbeddingGeneratorId = layout.EmbeddingGeneratorId,
            EmbeddingDimension = layout.EmbeddingDimension,
            MetricNames = [.. layout.MetricNames],
            PairCount = pairs,
            DatasetHash = hash,
            DatasetFile = compact ? PairDatasetFiles.CompactFileName : null,
            ExportedAt = DateTimeOffset.UtcNow,
        };
        File.WriteAllBytes(Path.Combine(folder, "metadata.json"), JsonSerializer.SerializeToUtf8Bytes(metadata, PairDatasetJsonContext.Default.PairDatasetMetadata));
        Console.WriteLine($"wrote {pairs} pairs to {path} ({new FileInfo(path).Length / 1024} KiB)");
    }

    private static async Task<string> WriteCompactAsync(Stream stream, List<TrainingPair> data, int width)
    {
        using var writer = new CompactDatasetWriter(stream, width);
        var items = new Dictionary<string, int>(StringComparer.Ordinal);
        var created = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        foreach (var pair in data)
        {
            foreach (var (id, features) in new[] { (pair.AId, pair.AFeatures), (pair.BId, pair.BFeatures) })
            {
                if (!items.ContainsKey(id))
                {
                    items[id] = await writer.AddItemAsync(id, "linkedin", "headline", features, CancellationToken.None);
                }
            }

            writer.AddPair(pair.PairId, items[pair.AId], items[pair.BId], pair.Label, pair.Source, [], created);
        }

        return await writer.CompleteAsync(CancellationToken.None);
    }

    private static string WriteJsonl(Stream stream, List<TrainingPair> data)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        foreach (var pair in data)
        {
            buffer.ResetWrittenCount();
            using (var writer = new Utf8JsonWriter(buffer))
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
                writer.WriteString("created_at", "2026-12-01T00:00:00+00:00");
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
                writer.WriteEndObject();
            }

            System.Buffers.BuffersExtensions.Write(buffer, "\n"u8);
            hash.AppendData(buffer.WrittenSpan);
            stream.Write(buffer.WrittenSpan);
        }

        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static async Task<int> TrainAsync(string folder, int epochs, int patience)
    {
        // TrainAsync loads libtorch itself, beside reading the dataset, as an application's call would.
        var clock = Stopwatch.StartNew();
        var torchLoad = TimeSpan.Zero;
        var result = await new RankerTrainer().TrainAsync(new RankerTrainingOptions
        {
            DatasetPath = folder,
            OutputDirectory = Path.Combine(folder, "models"),
            Epochs = epochs,
            EarlyStoppingPatience = patience,
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"trained {result.Version}: {result.TrainPairs} train / {result.ValidationPairs} validation pairs, {result.EpochsRun} epochs, validation accuracy {result.ValidationAccuracy:P1}, parity {result.MaxParityDifference:E1}, activated {result.Activated}; loading TorchSharp {torchLoad.TotalSeconds:F3} s, then TrainAsync {(clock.Elapsed - torchLoad).TotalSeconds:F3} s (read {result.Timings.Load.TotalSeconds:F3}, train {result.Timings.Train.TotalSeconds:F3}, export+check {result.Timings.ExportAndCheck.TotalSeconds:F3}, store+activate {result.Timings.StoreAndActivate.TotalSeconds:F3}), process {(DateTime.Now - Process.GetCurrentProcess().StartTime).TotalSeconds:F3} s"));
        return 0;
    }

    /// <summary>Reads a dataset folder as the trainer does (reader, checks, hash, item matrix), timing only that.</summary>
    private static async Task ReadAsync(string folder)
    {
        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var data = await Ancso.Ml.Training.Data.TrainingData.LoadAsync(new RankerTrainingOptions { DatasetPath = folder }, CancellationToken.None);
        var elapsed = clock.Elapsed;
        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"read {data.Set.PairsRead} pairs, {data.Set.ItemCount} items of width {data.Set.Width} from {data.Source}: {elapsed.TotalSeconds:F3} s wall, {cpuUsed.TotalSeconds:F3} s CPU; {data.DatasetHash}"));
    }

    private static void Loop(int pairs, int epochs, int threads)
    {
        var data = SyntheticPairs.Create(pairs);

        // The loop standardizes its set's features in place, so the warm-up gets a set of its own.
        PairSet BuildSet()
        {
            var builder = new PairSetBuilder(1542);
            for (var i = 0; i < data.Count; i++)
            {
                builder.Add(new DatasetPosition(null, DatasetUnit.Pair, i + 1), data[i].PairId, data[i].AId, data[i].BId, data[i].Label, data[i].Source, data[i].Rater, data[i].AFeatures.Span, data[i].BFeatures.Span);
            }

            return builder.Build();
        }

        var set = BuildSet();
        var split = new SplitResult([.. Enumerable.Range(0, set.PairCount)], [], 0);
        var options = new RankerTrainingOptions { Epochs = epochs, EarlyStoppingPatience = 0, Threads = threads };
        TorchRuntime.EnsureAvailable();
        TorchSharp.torch.set_num_threads(threads);
        var warmup = new TrainingLoop(BuildSet(), new SplitResult([.. Enumerable.Range(0, 64)], [], 0), new RankerTrainingOptions { Epochs = 1 }, TorchSharp.torch.CPU);
        warmup.Run(null, CancellationToken.None);

        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var outcome = new TrainingLoop(set, split, options, TorchSharp.torch.CPU).Run(null, CancellationToken.None);
        var elapsed = clock.Elapsed;
        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"training loop: {pairs} pairs x {epochs} epochs (D=1536, batch 32, {threads} thread(s)): {elapsed.TotalSeconds:F3} s wall, {cpuUsed.TotalSeconds:F3} s CPU; last epoch train accuracy {outcome.Epochs[^1].TrainAccuracy:P1}"));
    }
}
