using System.Security.Cryptography;
using System.Text.Json;
using Ancso.Ml.Pairs.Erasure;
using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Pairs.Storage;
using Ancso.Ml.Learning.Export;
using Ancso.Ml.Learning.Dataset;

namespace Ancso.Ml.Tests.Pairs.Export;

public class PairDatasetExporterTests
{
    private const int Dimension = 32;

    private ExportTestBed _bed = null!;

    [SetUp]
    public void SetUp() => _bed = new ExportTestBed();

    private static PairDatasetExportRequest Jsonl => new() { Format = PairDatasetFormat.Jsonl };

    [TearDown]
    public void TearDown() => _bed.Dispose();

    [Test]
    public async Task ExportAsync_AllPairs_WritesTheDocumentedFormat()
    {
        await _bed.SeedAsync();
        using var generator = new CountingEmbeddingGenerator(Dimension);
        _bed.Time.Advance(TimeSpan.FromHours(1));

        var result = await _bed.CreateExporter(generator).ExportAsync(Jsonl);

        var lines = await File.ReadAllLinesAsync(_bed.DatasetPath);
        using var first = JsonDocument.Parse(lines[0]);
        var row = first.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Length.EqualTo(6));
            Assert.That(row.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[]
            {
                "pair_id", "a_id", "b_id", "platform", "section", "label", "source", "tags", "created_at", "a_features", "b_features",
            }));
            Assert.That(row.GetProperty("a_id").GetString(), Is.EqualTo(PairIds.ForItem("linkedin", "headline", "Engineer")));
            Assert.That(row.GetProperty("label").GetInt32(), Is.EqualTo(-1));
            Assert.That(row.GetProperty("source").GetString(), Is.EqualTo("bootstrap"));
            Assert.That(row.GetProperty("created_at").GetString(), Is.EqualTo("2026-11-25T09:15:00+00:00"));
            Assert.That(row.GetProperty("a_features").GetArrayLength(), Is.EqualTo(Dimension + 6));
            Assert.That(row.GetProperty("b_features").GetArrayLength(), Is.EqualTo(Dimension + 6));
            Assert.That(lines[1], Does.Contain("\"tags\":[\"buzzwords\",\"c++\"]"));
            Assert.That(result.DatasetPath, Is.EqualTo(_bed.DatasetPath));
        });

        using var metadata = JsonDocument.Parse(await File.ReadAllTextAsync(_bed.MetadataPath));
        var m = metadata.RootElement;
        var hash = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(_bed.DatasetPath)));
        Assert.Multiple(() =>
        {
            Assert.That(m.GetProperty("schema_version").GetInt32(), Is.EqualTo(1));
            Assert.That(m.GetProperty("feature_names").GetArrayLength(), Is.EqualTo(Dimension + 6));
            Assert.That(m.GetProperty("feature_names")[0].GetString(), Is.EqualTo("emb_0"));
            Assert.That(m.GetProperty("feature_names")[Dimension + 5].GetString(), Is.EqualTo("readability"));
            Assert.That(m.GetProperty("embedding_generator_id").GetString(), Is.EqualTo("test:counting-v1"));
            Assert.That(m.GetProperty("embedding_dimension").GetInt32(), Is.EqualTo(Dimension));
            Assert.That(m.GetProperty("metric_names").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(Ml.Metrics.MetricNames.All));
            Assert.That(m.GetProperty("pair_count").GetInt32(), Is.EqualTo(6));
            Assert.That(m.GetProperty("counts").GetProperty("by_source").GetRawText(), Is.EqualTo(
                """{"before_after":1,"bootstrap":3,"manual":1,"user_choice":1}""").IgnoreWhiteSpace);
            Assert.That(m.GetProperty("counts").GetProperty("by_platform").GetRawText(), Is.EqualTo("""{"github":2,"linkedin":4}""").IgnoreWhiteSpace);
            Assert.That(m.GetProperty("counts").GetProperty("by_section").GetRawText(), Is.EqualTo("""{"about":1,"bio":2,"headline":3}""").IgnoreWhiteSpace);
            Assert.That(m.GetProperty("dataset_hash").GetString(), Is.EqualTo(hash));
            Assert.That(m.GetProperty("exported_at").GetString(), Is.EqualTo("2026-11-25T10:16:00+00:00"));
            Assert.That(m.GetProperty("filters").GetRawText(), Is.EqualTo("""{"platform":null,"source":null}""").IgnoreWhiteSpace);
            Assert.That(result.Metadata!.DatasetHash, Is.EqualTo(hash));
        });
    }

    [Test]
    public async Task ExportAsync_PlatformAndSourceFilters_ExportsOnlyMatchingPairs()
    {
        await _bed.SeedAsync();
        using var generator = new CountingEmbeddingGenerator(Dimension);

        var result = await _bed.CreateExporter(generator).ExportAsync(new PairDatasetExportRequest { Format = PairDatasetFormat.Jsonl, Platform = "linkedin", Source = PairSources.Bootstrap });

        var rows = await ReadAllAsync(_bed.DatasetPath);
        Assert.That(rows.Select(r => (r.Platform, r.Source)), Is.All.EqualTo(("linkedin", "bootstrap")));
        Assert.That(rows, Has.Count.EqualTo(2));
        Assert.That(result.Metadata!.Filters.Platform, Is.EqualTo("linkedin"));
        Assert.That(result.Metadata.Filters.Source, Is.EqualTo("bootstrap"));
        Assert.That(result.Metadata.PairCount, Is.EqualTo(2));
    }

    [Test]
    public async Task ExportAsync_StatisticsOnly_CountsWithoutFilesOrEmbeddings()
    {
        await _bed.SeedAsync();
        using var generator = new CountingEmbeddingGenerator(Dimension);

        var result = await _bed.CreateExporter(generator).ExportAsync(new PairDatasetExportRequest { Format = PairDatasetFormat.Jsonl, StatisticsOnly = true, Platform = "github" });

        Assert.Multiple(() =>
        {
            Assert.That(result.StatisticsOnly, Is.True);
            Assert.That(result.Counts.Total, Is.EqualTo(2));
            Assert.That(result.Counts.BySource, Is.EqualTo(new Dictionary<string, int> { ["bootstrap"] = 1, ["manual"] = 1 }));
            Assert.That(result.DatasetPath, Is.Null);
            Assert.That(Directory.Exists(_bed.Options.DatasetDirectory), Is.False);
            Assert.That(generator.Calls, Is.Zero);
        });
    }

    [Test]
    public async Task ExportAsync_Twice_EmbedsEachTextOnceAndWritesTheSameBytes()
    {
        await _bed.SeedAsync();
        using var generator = new CountingEmbeddingGenerator(Dimension);
        var exporter = _bed.CreateExporter(generator);

        var first = await exporter.ExportAsync(Jsonl);
        var firstBytes = await File.ReadAllBytesAsync(_bed.DatasetPath);
        var textsAfterFirst = generator.Texts.Count;
        var second = await exporter.ExportAsync(Jsonl);

        var distinctTexts = (await _bed.Store.ListItemsAsync()).Select(i => i.Text).Distinct().Count();
        Assert.Multiple(async () =>
        {
            Assert.That(generator.Texts, Is.Unique);
            Assert.That(textsAfterFirst, Is.EqualTo(distinctTexts));
            Assert.That(generator.Texts, Has.Count.EqualTo(distinctTexts));
            Assert.That(first.EmbeddingsGenerated, Is.EqualTo(distinctTexts));
            Assert.That(second.EmbeddingsGenerated, Is.Zero);
            Assert.That(second.EmbeddingsFromCache, Is.GreaterThanOrEqualTo(distinctTexts));
            Assert.That(await File.ReadAllBytesAsync(_bed.DatasetPath), Is.EqualTo(firstBytes));
        });
    }

    [Test]
    public async Task ExportAsync_GeneratorFailsMidway_LeavesThePreviousDatasetByteIdentical()
    {
        await _bed.SeedAsync();
        using (var generator = new CountingEmbeddingGenerator(Dimension))
        {
            await _bed.CreateExporter(generator).ExportAsync(Jsonl);
        }

        var dataset = await File.ReadAllBytesAsync(_bed.DatasetPath);
        var metadata = await File.ReadAllBytesAsync(_bed.MetadataPath);
        for (var i = 0; i < 8; i++)
        {
            await _bed.Recorder.AddPairAsync(new NewPair("github", "readme", $"Readme draft {i}", $"Readme final {i}", PairSide.B, PairSources.Bootstrap));
        }

        using var failing = new CountingEmbeddingGenerator(Dimension) { ThrowOnCall = 3 };

        Assert.ThrowsAsync<HttpRequestException>(() => _bed.CreateExporter(failing).ExportAsync(Jsonl));

        Assert.That(await File.ReadAllBytesAsync(_bed.DatasetPath), Is.EqualTo(dataset));
        Assert.That(await File.ReadAllBytesAsync(_bed.MetadataPath), Is.EqualTo(metadata));
        Assert.That(Directory.GetFiles(_bed.Options.DatasetDirectory).Select(Path.GetFileName), Is.EquivalentTo(new[] { "dataset.jsonl", "metadata.json" }));
    }

    [Test]
    public async Task ExportAsync_Cancelled_LeavesThePreviousDatasetAndNoTemporaryFile()
    {
        await _bed.SeedAsync();
        using (var generator = new CountingEmbeddingGenerator(Dimension))
        {
            await _bed.CreateExporter(generator).ExportAsync(new PairDatasetExportRequest { Format = PairDatasetFormat.Jsonl, Platform = "github" });
        }

        var dataset = await File.ReadAllBytesAsync(_bed.DatasetPath);
        using var cancellation = new CancellationTokenSource();
        var store = new CancellingPairStore(_bed.Store, cancellation, cancelAfter: 4);
        using var second = new CountingEmbeddingGenerator(Dimension);

        Assert.CatchAsync<OperationCanceledException>(() => _bed.CreateExporter(second, store).ExportAsync(Jsonl, cancellationToken: cancellation.Token));

        Assert.That(await File.ReadAllBytesAsync(_bed.DatasetPath), Is.EqualTo(dataset));
        Assert.That(Directory.GetFiles(_bed.Options.DatasetDirectory), Has.Length.EqualTo(2));
    }

    [Test]
    public async Task ExportAsync_AnotherGenerator_ReembedsFromTextAndKeepsEveryPair()
    {
        await _bed.SeedAsync();
        using var first = new CountingEmbeddingGenerator(Dimension);
        await _bed.CreateExporter(first).ExportAsync(Jsonl);
        using var second = new CountingEmbeddingGenerator(16, "counting-v2");

        var result = await _bed.CreateExporter(second).ExportAsync(Jsonl);

        var rows = await ReadAllAsync(_bed.DatasetPath);
        var cached = await _bed.Store.ListCachedEmbeddingsAsync();
        Assert.Multiple(() =>
        {
            Assert.That(rows, Has.Count.EqualTo(6));
            Assert.That(rows.Select(r => r.AFeatures.Length), Is.All.EqualTo(16 + 6));
            Assert.That(result.Metadata!.EmbeddingGeneratorId, Is.EqualTo("test:counting-v2"));
            Assert.That(second.Texts, Has.Count.EqualTo(first.Texts.Count));
            Assert.That(cached.Select(c => (c.GeneratorId, c.Dimension, c.Count)), Is.EqualTo(new[]
            {
                ("test:counting-v1", Dimension, first.Texts.Count),
                ("test:counting-v2", 16, first.Texts.Count),
            }));
        });
    }

    [Test]
    public async Task ExportAsync_ManyPairs_WritesLinesBeforeTheStreamEnds()
    {
        for (var batch = 0; batch < 4; batch++)
        {
            await _bed.Recorder.AddPairsAsync([.. Enumerable.Range(batch * 100, 100).Select(i =>
                new NewPair("github", "bio", $"Short bio {i}", $"Longer, more specific bio number {i}", PairSide.B, PairSources.Bootstrap))]);
        }

        var observed = new List<long>();
        var store = new ObservingPairStore(_bed.Store, onPair: index =>
        {
            if (index == 399)
            {
                var temporary = Directory.GetFiles(_bed.Options.DatasetDirectory, "dataset.jsonl.*.tmp").Single();
                observed.Add(new FileInfo(temporary).Length);
            }
        });
        using var generator = new CountingEmbeddingGenerator(Dimension);

        await _bed.CreateExporter(generator, store).ExportAsync(Jsonl);

        Assert.That(observed, Has.Count.EqualTo(1));
        Assert.That(observed[0], Is.GreaterThan(0), "lines of earlier pairs reach the file while later pairs are still being read");
        Assert.That(await File.ReadAllLinesAsync(_bed.DatasetPath), Has.Length.EqualTo(400));
    }

    [TestCase(PairDatasetFormat.Jsonl)]
    [TestCase(PairDatasetFormat.Compact)]
    public async Task ExportAsync_ErasureCommitsWhileThePairsAreRead_DiscardsTheDatasetAndSaysToExportAgain(PairDatasetFormat format)
    {
        // An erasure that took pairs the export had already read, and looked at the data folder before the dataset was in it.
        await _bed.Recorder.AddPairsAsync([.. Enumerable.Range(0, 20).Select(i =>
            new NewPair("github", "bio", $"Bio {i} as first written", $"Bio {i} as rewritten", PairSide.B, PairSources.UserChoice))]);
        var erased = false;
        var store = new ObservingPairStore(_bed.Store, onPair: index =>
        {
            if (index == 10 && !erased)
            {
                erased = true;
                _bed.Store.ErasePairsAsync(PairErasureQuery.ForText("Bio 2 as first written")).GetAwaiter().GetResult();
            }
        });
        using var generator = new CountingEmbeddingGenerator(Dimension);

        var e = Assert.ThrowsAsync<InvalidOperationException>(() => _bed.CreateExporter(generator, store).ExportAsync(new PairDatasetExportRequest { Format = format }));

        Assert.That(erased, Is.True);
        Assert.That(e!.Message, Does.Contain("erasure").And.Contain("Export again"));
        Assert.That(Directory.GetFiles(_bed.Options.DatasetDirectory), Is.Empty, "neither the dataset nor its metadata is left");
        await _bed.CreateExporter(generator).ExportAsync(new PairDatasetExportRequest { Format = format });
        Assert.That(File.Exists(_bed.MetadataPath), Is.True, "exported again, the dataset stays");
    }

    [Test]
    public async Task ExportAsync_NoMatchingPair_ThrowsAndWritesNothing()
    {
        await _bed.SeedAsync();
        using var generator = new CountingEmbeddingGenerator(Dimension);

        var e = Assert.ThrowsAsync<InvalidOperationException>(() => _bed.CreateExporter(generator).ExportAsync(new PairDatasetExportRequest { Format = PairDatasetFormat.Jsonl, Platform = "gitlab" }));

        Assert.That(e!.Message, Does.Contain("platform gitlab").And.Contain("unchanged"));
        Assert.That(Directory.GetFiles(_bed.Options.DatasetDirectory), Is.Empty);
    }

    [Test]
    public void ExportAsync_UnknownSourceFilter_ThrowsNamingIt()
    {
        using var generator = new CountingEmbeddingGenerator(Dimension);

        var e = Assert.ThrowsAsync<ArgumentException>(() => _bed.CreateExporter(generator).ExportAsync(new PairDatasetExportRequest { Format = PairDatasetFormat.Jsonl, Source = "users" }));

        Assert.That(e!.Message, Does.Contain("'users'").And.Contain("user_choice"));
    }

    private static async Task<List<PairDatasetRow>> ReadAllAsync(string path)
    {
        var rows = new List<PairDatasetRow>();
        await foreach (var row in PairDatasetReader.ReadRowsAsync(path))
        {
            rows.Add(row);
        }

        return rows;
    }
}
