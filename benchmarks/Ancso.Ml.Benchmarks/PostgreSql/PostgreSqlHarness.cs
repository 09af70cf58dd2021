using System.Diagnostics;
using System.Globalization;
using Ancso.Ml.Content;
using Ancso.Ml.Embeddings;
using Ancso.Ml.Features;
using Ancso.Ml.Inference;
using Ancso.Ml.Models;
using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Pairs.Storage;
using Ancso.Ml.Training.Onnx;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ancso.Ml.Benchmarks.PostgreSql;

/// <summary>
/// <c>postgresql &lt;connection string&gt; [choices per writer]</c>: whole-system figures against a running server, in one
/// run: recording throughput (user choices per second, 1 and 8 writers, each call one transaction) and export read
/// throughput (pairs per second through <see cref="IPairStore.StreamPairsAsync"/>) for the SQLite store and the
/// PostgreSQL store; the embedding cache with vectors as <c>bytea</c> and as <c>real[]</c>; and how long a newly
/// activated model takes to reach two other instances. Each run uses fresh schemas (dropped at the end) and a fresh
/// SQLite file.
/// </summary>
internal static class PostgreSqlHarness
{
    private const int Dimension = 384;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: postgresql <connection string> [choices per writer, default 2000]");
            return 2;
        }

        var connectionString = args[1];
        var perWriter = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2000;
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}; choices per writer: {perWriter}");
        var folder = Path.Combine(Path.GetTempPath(), "ancso-pg-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var schemas = new List<string>();
        try
        {
            foreach (var writers in new[] { 1, 8 })
            {
                var schema = "bench_" + Guid.NewGuid().ToString("N")[..12];
                schemas.Add(schema);
                await StoreAsync("sqlite", writers, perWriter, ranker => ranker.AddSqlitePairStore(o => o.DatabasePath = Path.Combine(folder, $"pairs-{writers}.db")));
                await StoreAsync("postgresql", writers, perWriter, ranker => ranker.UsePostgreSql(o => { o.ConnectionString = connectionString; o.Schema = schema; }));
            }

            await CacheLayoutsAsync(connectionString, schemas);
            await SwitchLatencyAsync(connectionString, folder, schemas);
        }
        finally
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            foreach (var schema in schemas)
            {
                await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE;", connection);
                await drop.ExecuteNonQueryAsync();
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        return 0;
    }

    private static ServiceProvider Services(Action<IRankerBuilder> store, string? models = null)
    {
        var services = new ServiceCollection();
        store(services.AddRanker(o =>
        {
            o.EmbeddingDimension = 16;
            o.ModelsDirectory = models ?? "models";
        }).AddSignals());
        return services.BuildServiceProvider();
    }

    private static async Task StoreAsync(string name, int writers, int perWriter, Action<IRankerBuilder> store)
    {
        await using var services = Services(store);
        var recorder = services.GetRequiredService<ITrainingSignalRecorder>();
        var pairs = services.GetRequiredService<IPairStore>();
        await pairs.CountItemsAsync(); // creates and migrates the store outside the timing

        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < perWriter; i++)
            {
                await recorder.RecordUserChoiceAsync(new UserChoice("github", "bio", $"writer {w} choice {i} builds Go services", $"variant {i % 100} passionate ninja", PairSide.A));
            }
        })));
        var recordSeconds = watch.Elapsed.TotalSeconds;

        watch.Restart();
        var read = 0;
        await foreach (var pair in pairs.StreamPairsAsync())
        {
            read += pair.ItemA.Text.Length > 0 ? 1 : 0;
        }

        var exportSeconds = watch.Elapsed.TotalSeconds;
        var total = writers * perWriter;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-10} writers: {writers}  recorded: {total} choices in {recordSeconds:0.00} s = {total / recordSeconds:0} choices/s  export read: {read} pairs in {exportSeconds:0.000} s = {read / exportSeconds:0} pairs/s"));
    }

    private static async Task CacheLayoutsAsync(string connectionString, List<string> schemas)
    {
        var schema = "bench_" + Guid.NewGuid().ToString("N")[..12];
        schemas.Add(schema);
        await using var services = Services(s => s.UsePostgreSql(o => { o.ConnectionString = connectionString; o.Schema = schema; }));
        var cache = services.GetRequiredService<IEmbeddingCache>();
        await services.GetRequiredService<IPairStore>().CountItemsAsync();
        var random = new Random(7);
        var batches = Enumerable.Range(0, 40).Select(b => Enumerable.Range(0, 64).ToDictionary(
            i => $"h{b}_{i}", _ => Enumerable.Range(0, Dimension).Select(_ => (float)random.NextDouble()).ToArray())).ToArray();
        var count = batches.Sum(b => b.Count);

        // bytea: the store's own code.
        var watch = Stopwatch.StartNew();
        foreach (var batch in batches)
        {
            await cache.SetManyAsync("bench", Dimension, batch);
        }

        var byteaWrite = watch.Elapsed.TotalSeconds;
        watch.Restart();
        var found = 0;
        foreach (var batch in batches)
        {
            found += (await cache.GetManyAsync("bench", Dimension, batch.Keys)).Count;
        }

        var byteaRead = watch.Elapsed.TotalSeconds;

        // real[]: the same rows and statements with the vector as a float4 array.
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var table = $"\"{schema}\".embeddings_real";
        await using (var create = new NpgsqlCommand($"CREATE TABLE {table} (generator_id text NOT NULL, dimension integer NOT NULL, text_hash text NOT NULL, vector real[] NOT NULL, created_at timestamptz NOT NULL, PRIMARY KEY (generator_id, dimension, text_hash));", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        watch.Restart();
        foreach (var batch in batches)
        {
            var ordered = batch.OrderBy(v => v.Key, StringComparer.Ordinal).ToArray();
            await using var insert = new NpgsqlCommand($"""
                INSERT INTO {table} (generator_id, dimension, text_hash, vector, created_at)
                SELECT 'bench', $1, u.text_hash, $3[(u.n - 1) * $1 + 1 : u.n * $1], now()
                FROM unnest($2::text[]) WITH ORDINALITY AS u(text_hash, n)
                ON CONFLICT DO NOTHING;
                """, connection);
            insert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = Dimension });
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. ordered.Select(v => v.Key)] });
            insert.Parameters.Add(new NpgsqlParameter<float[]> { TypedValue = [.. ordered.SelectMany(v => v.Value)] });
            await insert.ExecuteNonQueryAsync();
        }

        var realWrite = watch.Elapsed.TotalSeconds;
        watch.Restart();
        var foundReal = 0;
        foreach (var batch in batches)
        {
            await using var select = new NpgsqlCommand($"SELECT text_hash, vector FROM {table} WHERE generator_id = 'bench' AND dimension = $1 AND text_hash = ANY($2);", connection);
            select.Parameters.Add(new NpgsqlParameter<int> { TypedValue = Dimension });
            select.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Keys] });
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                foundReal += reader.GetFieldValue<float[]>(1).Length == Dimension ? 1 : 0;
            }
        }

        var realRead = watch.Elapsed.TotalSeconds;
        var sizes = new List<string>();
        foreach (var name in new[] { "embeddings", "embeddings_real" })
        {
            await using var size = new NpgsqlCommand($"SELECT pg_total_relation_size('\"{schema}\".{name}');", connection);
            var bytes = (long)(await size.ExecuteScalarAsync())!;
            sizes.Add(string.Create(CultureInfo.InvariantCulture, $"{name} {bytes / 1024.0 / 1024.0:0.0} MiB"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"embedding cache, {count} vectors x {Dimension} in batches of 64: bytea write {count / byteaWrite:0} vectors/s, read {found / byteaRead:0} vectors/s; real[] write {count / realWrite:0} vectors/s, read {foundReal / realRead:0} vectors/s; {string.Join(", ", sizes)}"));
    }

    private static async Task SwitchLatencyAsync(string connectionString, string folder, List<string> schemas)
    {
        var schema = "bench_" + Guid.NewGuid().ToString("N")[..12];
        schemas.Add(schema);
        ServiceProvider Instance(string name) => Services(s => s.UsePostgreSql(o => { o.ConnectionString = connectionString; o.Schema = schema; }), Path.Combine(folder, name));
        await using var worker = Instance("worker");
        await using var api1 = Instance("api1");
        await using var api2 = Instance("api2");
        var registry = worker.GetRequiredService<IModelRegistry>();
        var layout = worker.GetRequiredService<IFeatureBuilder>().Layout;
        foreach (var (version, seed) in new[] { ("v1", 1), ("v2", 2) })
        {
            var random = new Random(seed);
            DenseLayer Layer(int i, int o) => new(i, o, [.. Enumerable.Range(0, i * o).Select(_ => (float)(random.NextDouble() - 0.5))], new float[o]);
            await registry.StoreAsync(OnnxModelWriter.Write(new MlpWeights([Layer(layout.Width, 32), Layer(32, 16), Layer(16, 1)])), new ModelMetadata
            {
                Version = version,
                InputDimension = layout.Width,
                EmbeddingGeneratorId = layout.EmbeddingGeneratorId,
                EmbeddingDimension = layout.EmbeddingDimension,
                MetricNames = [.. layout.MetricNames],
            });
        }

        var item = new ContentItem("probe", ContentPlatforms.GitHub, ContentSections.Bio, "Builds Go services for payments");
        var apis = new[] { api1, api2 }.Select(p => p.GetRequiredService<IRankerInferenceService>()).ToArray();
        var latencies = new List<double>();
        for (var round = 0; round < 20; round++)
        {
            var target = round % 2 == 0 ? "v1" : "v2";
            var started = Stopwatch.GetTimestamp();
            await registry.ActivateAsync(target);
            var committed = Stopwatch.GetElapsedTime(started);
            foreach (var api in apis)
            {
                while ((await api.ScoreItemAsync(item)).ModelVersion != target)
                {
                    await Task.Delay(1);
                }

                latencies.Add((Stopwatch.GetElapsedTime(started) - committed).TotalMilliseconds);
            }
        }

        latencies.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"model switch across instances (commit of the activation to the instance scoring with it), {latencies.Count} switches: median {latencies[latencies.Count / 2]:0.0} ms, p90 {latencies[(int)(latencies.Count * 0.9)]:0.0} ms, max {latencies[^1]:0.0} ms"));
    }
}
