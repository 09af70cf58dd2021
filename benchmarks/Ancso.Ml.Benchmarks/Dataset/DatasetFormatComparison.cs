using System.Diagnostics;
using System.Globalization;
using Ancso.Ml.Benchmarks.Training;
using Ancso.Ml.Learning.Dataset;
using Ancso.Ml.Training.Data;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using Parquet.Serialization;

namespace Ancso.Ml.Benchmarks.Dataset;

/// <summary>
/// <c>dataset-formats &lt;folder&gt; [pairs]</c>: the same item-deduplicated dataset (synthetic, D = 1536) written and read
/// back in the compact layout, as Apache Arrow IPC files (items with a FixedSizeList&lt;float&gt; column, pairs) and as
/// Parquet files through Parquet.Net's serializer; prints write time, read time (into one feature matrix and the pair
/// indices) and size of each. The compact layout's figures include its hash and its checks.
/// </summary>
internal static class DatasetFormatComparison
{
    private const int Batch = 1024;

    public static async Task RunAsync(string folder, int pairCount)
    {
        Directory.CreateDirectory(folder);
        var pairs = SyntheticPairs.Create(pairCount);
        var width = SyntheticPairs.Layout(1536).Width;
        var itemIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var ids = new List<string>();
        var features = new List<float[]>();
        foreach (var pair in pairs)
        {
            foreach (var (id, vector) in new[] { (pair.AId, pair.AFeatures), (pair.BId, pair.BFeatures) })
            {
                if (itemIndex.TryAdd(id, ids.Count))
                {
                    ids.Add(id);
                    features.Add(vector.ToArray());
                }
            }
        }

        var a = pairs.Select(p => itemIndex[p.AId]).ToArray();
        var b = pairs.Select(p => itemIndex[p.BId]).ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{pairCount} pairs over {ids.Count} items of width {width}"));
        for (var round = 1; round <= 3; round++)
        {
            await MeasureAsync("compact", () => WriteCompactAsync(folder, pairs, ids, features, a, b, width), () => ReadCompactAsync(folder, width), folder, "dataset.bin");
            await MeasureAsync("arrow", () => WriteArrowAsync(folder, pairs, ids, features, a, b, width), () => ReadArrowAsync(folder, ids.Count, width, pairs.Count), folder, "items.arrow", "pairs.arrow");
            await MeasureAsync("parquet", () => WriteParquetAsync(folder, pairs, ids, features, a, b), () => ReadParquetAsync(folder, ids.Count, width, pairs.Count), folder, "items.parquet", "pairs.parquet");
        }
    }

    private static async Task MeasureAsync(string name, Func<Task> write, Func<Task<float>> read, string folder, params string[] files)
    {
        GC.Collect();
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await write();
        var written = clock.Elapsed;
        process.Refresh();
        var writeCpu = process.TotalProcessorTime - cpu;
        cpu = process.TotalProcessorTime;
        clock.Restart();
        var checksum = await read();
        var readTime = clock.Elapsed;
        process.Refresh();
        var readCpu = process.TotalProcessorTime - cpu;
        var size = files.Sum(f => new FileInfo(Path.Combine(folder, f)).Length);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-8} write {written.TotalSeconds,6:F3} s ({writeCpu.TotalSeconds:F3} s CPU)  read {readTime.TotalSeconds,6:F3} s ({readCpu.TotalSeconds:F3} s CPU)  size {size / 1048576.0,8:F1} MiB  (checksum {checksum:G6})"));
    }

    private static async Task WriteCompactAsync(string folder, List<TrainingPair> pairs, List<string> ids, List<float[]> features, int[] a, int[] b, int width)
    {
        await using var file = File.Create(Path.Combine(folder, "dataset.bin"));
        using var writer = new CompactDatasetWriter(file, width);
        for (var i = 0; i < ids.Count; i++)
        {
            await writer.AddItemAsync(ids[i], "linkedin", "headline", features[i], CancellationToken.None);
        }

        for (var p = 0; p < pairs.Count; p++)
        {
            writer.AddPair(pairs[p].PairId, a[p], b[p], pairs[p].Label, pairs[p].Source, [], DateTimeOffset.UnixEpoch);
        }

        await writer.CompleteAsync(CancellationToken.None);
    }

    private static async Task<float> ReadCompactAsync(string folder, int width)
    {
        var builder = new PairSetBuilder(width);
        await CompactDatasetReader.ReadAsync(Path.Combine(folder, "dataset.bin"), width, builder, CancellationToken.None);
        var set = builder.Build();
        return set.Features[^1] + set.A[^1];
    }

    private static async Task WriteArrowAsync(string folder, List<TrainingPair> pairs, List<string> ids, List<float[]> features, int[] a, int[] b, int width)
    {
        var listType = new FixedSizeListType(new Field("item", FloatType.Default, nullable: false), width);
        var itemSchema = new Schema.Builder()
            .Field(f => f.Name("id").DataType(StringType.Default).Nullable(false))
            .Field(new Field("features", listType, nullable: false))
            .Build();
        await using (var stream = File.Create(Path.Combine(folder, "items.arrow")))
        {
            using var writer = new ArrowFileWriter(stream, itemSchema);
            for (var start = 0; start < ids.Count; start += Batch)
            {
                var count = Math.Min(Batch, ids.Count - start);
                var values = new FloatArray.Builder().Reserve(count * width);
                var names = new StringArray.Builder();
                for (var i = start; i < start + count; i++)
                {
                    values.AppendRange(features[i]);
                    names.Append(ids[i]);
                }

                var column = new FixedSizeListArray(listType, count, values.Build(), ArrowBuffer.Empty, 0, 0);
                await writer.WriteRecordBatchAsync(new RecordBatch(itemSchema, [names.Build(), column], count));
            }

            await writer.WriteEndAsync();
        }

        var pairSchema = new Schema.Builder()
            .Field(f => f.Name("pair_id").DataType(StringType.Default).Nullable(false))
            .Field(f => f.Name("a").DataType(Int32Type.Default).Nullable(false))
            .Field(f => f.Name("b").DataType(Int32Type.Default).Nullable(false))
            .Field(f => f.Name("label").DataType(Int8Type.Default).Nullable(false))
            .Field(f => f.Name("source").DataType(StringType.Default).Nullable(false))
            .Build();
        await using (var stream = File.Create(Path.Combine(folder, "pairs.arrow")))
        {
            using var writer = new ArrowFileWriter(stream, pairSchema);
            var batch = new RecordBatch(pairSchema,
            [
                new StringArray.Builder().AppendRange(pairs.Select(p => p.PairId)).Build(),
                new Int32Array.Builder().AppendRange(a).Build(),
                new Int32Array.Builder().AppendRange(b).Build(),
                new Int8Array.Builder().AppendRange(pairs.Select(p => (sbyte)p.Label)).Build(),
                new StringArray.Builder().AppendRange(pairs.Select(p => p.Source)).Build(),
            ], pairs.Count);
            await writer.WriteRecordBatchAsync(batch);
            await writer.WriteEndAsync();
        }
    }

    private static async Task<float> ReadArrowAsync(string folder, int items, int width, int pairCount)
    {
        var matrix = new float[items * width];
        var filled = 0;
        await using (var stream = File.OpenRead(Path.Combine(folder, "items.arrow")))
        {
            using var reader = new ArrowFileReader(stream);
            while (await reader.ReadNextRecordBatchAsync() is { } batch)
            {
                var values = (FloatArray)((FixedSizeListArray)batch.Column(1)).Values;
                values.Values.CopyTo(matrix.AsSpan(filled));
                filled += values.Length;
            }
        }

        var a = new int[pairCount];
        await using (var stream = File.OpenRead(Path.Combine(folder, "pairs.arrow")))
        {
            using var reader = new ArrowFileReader(stream);
            var batch = await reader.ReadNextRecordBatchAsync();
            ((Int32Array)batch!.Column(1)).Values.CopyTo(a);
        }

        return matrix[^1] + a[^1];
    }

    private static async Task WriteParquetAsync(string folder, List<TrainingPair> pairs, List<string> ids, List<float[]> features, int[] a, int[] b)
    {
        await using (var stream = File.Create(Path.Combine(folder, "items.parquet")))
        {
            await ParquetSerializer.SerializeAsync(ids.Select((id, i) => new ParquetItem { Id = id, Features = features[i] }), stream);
        }

        await using (var stream = File.Create(Path.Combine(folder, "pairs.parquet")))
        {
            await ParquetSerializer.SerializeAsync(
                pairs.Select((p, i) => new ParquetPair { PairId = p.PairId, A = a[i], B = b[i], Label = p.Label, Source = p.Source }), stream);
        }
    }

    private static async Task<float> ReadParquetAsync(string folder, int items, int width, int pairCount)
    {
        var matrix = new float[items * width];
        await using (var stream = File.OpenRead(Path.Combine(folder, "items.parquet")))
        {
            var rows = (await ParquetSerializer.DeserializeAsync<ParquetItem>(stream)).Data;
            for (var i = 0; i < rows.Count; i++)
            {
                rows[i].Features.CopyTo(matrix.AsSpan(i * width));
            }
        }

        var a = new int[pairCount];
        await using (var stream = File.OpenRead(Path.Combine(folder, "pairs.parquet")))
        {
            var rows = (await ParquetSerializer.DeserializeAsync<ParquetPair>(stream)).Data;
            for (var i = 0; i < rows.Count; i++)
            {
                a[i] = rows[i].A;
            }
        }

        return matrix[^1] + a[^1];
    }

    internal sealed class ParquetItem
    {
        public string Id { get; set; } = "";

        public float[] Features { get; set; } = [];
    }

    internal sealed class ParquetPair
    {
        public string PairId { get; set; } = "";

        public int A { get; set; }

        public int B { get; set; }

        public int Label { get; set; }

        public string Source { get; set; } = "";
    }
}
