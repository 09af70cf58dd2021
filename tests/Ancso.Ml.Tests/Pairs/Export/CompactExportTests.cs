using System.Security.Cryptography;
using System.Text.Json;
using Ancso.Ml.Learning.Export;
using Ancso.Ml.Learning.Dataset;

namespace Ancso.Ml.Tests.Pairs.Export;

/// <summary>The compact layout: the same pairs as JSON Lines, each item's vector once, written atomically and deterministically.</summary>
public class CompactExportTests
{
    private const int Dimension = 12;

    private ExportTestBed _bed = null!;

    [SetUp]
    public void SetUp() => _bed = new ExportTestBed();

    [TearDown]
    public void TearDown() => _bed.Dispose();

    private string CompactPath => Path.Combine(_bed.Options.DatasetDirectory, PairDatasetFiles.CompactFileName);

    private static async Task<List<PairDatasetRow>> ReadAllAsync(string path)
    {
        var rows = new List<PairDatasetRow>();
        await foreach (var row in PairDatasetReader.ReadRowsAsync(path))
        {
            rows.Add(row);
        }

        return rows;
    }

    [Test]
    public async Task ExportAsync_Compact_HoldsTheSameRowsAsJsonlAndReplacesIt()
    {
        await _bed.SeedAsync();
        using var generator = new CountingEmbeddingGenerator(Dimension);
        await _bed.CreateExporter(generator).ExportAsync(new PairDatasetExportRequest { Format = PairDatasetFormat.Jsonl });
        var jsonl = await ReadAllAsync(_bed.DatasetPath);

        var result = await _bed.CreateExporter(generator).ExportAsync();
        var compact = await ReadAllAsync(CompactPath);

        Assert.Multiple(() =>
        {
            Assert.That(result.Format, Is.EqualTo(PairDatasetFormat.Compact));
            Assert.That(result.DatasetPath, Is.EqualTo(CompactPath));
            Assert.That(File.Exists(_bed.DatasetPath), Is.False, "the JSON Lines file of the earlier export is gone");
            Assert.That(Directory.GetFiles(_bed.Options.DatasetDirectory).Select(Path.GetFileName), Is.EquivalentTo(new[] { "dataset.bin", "metadata.json" }));
            Assert.That(compact.Select(r => (r.PairId, r.AId, r.BId, r.Platform, r.Section, r.Label, r.Source, string.Join(",", r.Tags), r.CreatedAt)),
                Is.EqualTo(jsonl.Select(r => (r.PairId, r.AId, r.BId, r.Platform, r.Section, r.Label, r.Source, string.Join(",", r.Tags), r.CreatedAt))));
            for (var i = 0; i < jsonl.Count; i++)
            {
                Assert.That((compact[i].AFeatures, compact[i].BFeatures), Is.EqualTo((jsonl[i].AFeatures, jsonl[i].BFeatures)), jsonl[i].PairId);
            }
        });

        using var metadata = JsonDocument.Parse(await File.ReadAllTextAsync(_bed.MetadataPath));
        Assert.That(metadata.RootElement.GetProperty("dataset_file").GetString(), Is.EqualTo("dataset.bin"));
        Assert.That(metadata.RootElement.GetProperty("dataset_hash").GetString(),
            Is.EqualTo("sha256:" + Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(CompactPath)))));
        Assert.That(result.Metadata!.Format, Is.EqualTo(PairDatasetFormat.Compact));
    }

    [Test]
    public async Task ExportAsync_Jsonl_MetadataHasNoDatasetFileField()
    {
        await _bed.SeedAsync();
        using var generator = new CountingEmbeddingGenerator(Dimension);

        await _bed.CreateExporter(generator).ExportAsync(new PairDatasetExportRequest { Format = PairDatasetFormat.Jsonl });

        using var metadata = JsonDocument.Parse(await File.ReadAllTextAsync(_bed.MetadataPath));
        Assert.That(metadata.RootElement.TryGetProperty("dataset_file", out _), Is.False, "the original system's metadata, unchanged");
    }

    [Test]
    public async Task ExportAsync_CompactTwice_WritesTheSameBytesAndStoresEachItemOnce()
    {
        await _bed.SeedAsync();
        using var generator = new CountingEmbeddingGenerator(Dimension);
        var first = await _bed.CreateExporter(generator).ExportAsync();
        var bytes = await File.ReadAllBytesAsync(CompactPath);

        var second = await _bed.CreateExporter(generator).ExportAsync();

        Assert.That(await File.ReadAllBytesAsync(CompactPath), Is.EqualTo(bytes));
        Assert.That(second.Metadata!.DatasetHash, Is.EqualTo(first.Metadata!.DatasetHash));
        var items = (await ReadAllAsync(CompactPath)).SelectMany(r => new[] { r.AId, r.BId }).Distinct().Count();
        var width = Dimension + 6;
        var footer = 40;
        Assert.That(bytes.Length, Is.LessThan(16 + ((items + 1) * width * 4) + 2048 + footer), "each item's vector is stored once");
    }

    [Test]
    public async Task ExportAsync_CompactGeneratorFailsMidway_LeavesThePreviousDatasetAndNoTemporaryFile()
    {
        await _bed.SeedAsync();
        using (var generator = new CountingEmbeddingGenerator(Dimension))
        {
            await _bed.CreateExporter(generator).ExportAsync();
        }

        var dataset = await File.ReadAllBytesAsync(CompactPath);
        var metadata = await File.ReadAllBytesAsync(_bed.MetadataPath);
        using var failing = new CountingEmbeddingGenerator(Dimension, "other-v1") { ThrowOnCall = 2 };

        Assert.ThrowsAsync<HttpRequestException>(() => _bed.CreateExporter(failing).ExportAsync());

        Assert.That(await File.ReadAllBytesAsync(CompactPath), Is.EqualTo(dataset));
        Assert.That(await File.ReadAllBytesAsync(_bed.MetadataPath), Is.EqualTo(metadata));
        Assert.That(Directory.GetFiles(_bed.Options.DatasetDirectory).Select(Path.GetFileName), Is.EquivalentTo(new[] { "dataset.bin", "metadata.json" }));
    }
}
