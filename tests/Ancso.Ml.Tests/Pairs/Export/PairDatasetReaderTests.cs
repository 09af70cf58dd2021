using Ancso.Ml.Content;
using Ancso.Ml.Features;
using Ancso.Ml.Learning.Export;
using Ancso.Ml.Learning.Dataset;

namespace Ancso.Ml.Tests.Pairs.Export;

public class PairDatasetReaderTests
{
    private const string Good =
        """{"pair_id":"p_1","a_id":"i_a","b_id":"i_b","platform":"github","section":"bio","label":1,"source":"bootstrap","tags":["x"],"created_at":"2026-11-25T09:15:00+00:00","a_features":[0.1,0.2,0.3],"b_features":[0.4,0.5,0.6]}""";

    private PairTestDirectory _directory = null!;

    [SetUp]
    public void SetUp() => _directory = new PairTestDirectory();

    [TearDown]
    public void TearDown() => _directory.Dispose();

    [Test]
    public async Task ReadRowsAsync_ExportedDataset_GivesExactlyTheVectorsInferenceBuilds()
    {
        using var bed = new ExportTestBed();
        await bed.SeedAsync();
        using (var exportGenerator = new CountingEmbeddingGenerator(64))
        {
            await bed.CreateExporter(exportGenerator).ExportAsync(new PairDatasetExportRequest { Format = PairDatasetFormat.Jsonl });
        }

        // Inference: a fresh builder and generator, no cache, embeddings computed from the text.
        using var inferenceGenerator = new CountingEmbeddingGenerator(64);
        var inference = ExportTestBed.CreateFeatureBuilder(inferenceGenerator);
        var metadata = await PairDatasetReader.ReadMetadataAsync(bed.MetadataPath);
        var rows = 0;
        await foreach (var row in PairDatasetReader.ReadRowsAsync(bed.DatasetPath, metadata.FeatureNames.Count))
        {
            rows++;
            var pair = await bed.Store.GetPairAsync(row.PairId);
            var (a, _) = await inference.BuildAsync(new ContentItem("a", pair!.Platform, pair.Section, pair.ItemA.Text));
            var (b, _) = await inference.BuildAsync(new ContentItem("b", pair.Platform, pair.Section, pair.ItemB.Text));
            Assert.Multiple(() =>
            {
                Assert.That(row.AFeatures, Is.EqualTo(a), $"A features of {row.PairId}");
                Assert.That(row.BFeatures, Is.EqualTo(b), $"B features of {row.PairId}");
                Assert.That((row.AId, row.BId), Is.EqualTo((pair.ItemA.Id, pair.ItemB.Id)));
                Assert.That((row.Platform, row.Section, row.Label, row.Source), Is.EqualTo((pair.Platform, pair.Section, pair.Label, pair.Source)));
                Assert.That(row.Tags, Is.EqualTo(pair.Tags));
                Assert.That(row.CreatedAt, Is.EqualTo(pair.CreatedAt));
                Assert.That(row.LineNumber, Is.EqualTo(rows));
            });
        }

        Assert.That(rows, Is.EqualTo(metadata.PairCount));
        Assert.That(await PairDatasetReader.ComputeHashAsync(bed.DatasetPath), Is.EqualTo(metadata.DatasetHash));
        Assert.That(metadata.EmbeddingGeneratorId, Is.EqualTo(inference.Layout.EmbeddingGeneratorId));
    }

    [Test]
    public async Task ReadRowsAsync_LongLines_ReadsAcrossBufferBoundaries()
    {
        var vector = string.Join(',', Enumerable.Range(0, 20_000).Select(i => (i / 7f).ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
        var line = Good.Replace("[0.1,0.2,0.3]", $"[{vector}]", StringComparison.Ordinal).Replace("[0.4,0.5,0.6]", $"[{vector}]", StringComparison.Ordinal);
        var path = await WriteAsync(line + "\n" + line.Replace("p_1", "p_2", StringComparison.Ordinal) + "\n");

        var rows = new List<PairDatasetRow>();
        await foreach (var row in PairDatasetReader.ReadRowsAsync(path))
        {
            rows.Add(row);
        }

        Assert.That(rows.Select(r => r.PairId), Is.EqualTo(new[] { "p_1", "p_2" }));
        Assert.That(rows[1].BFeatures[19_999], Is.EqualTo(19_999 / 7f));
    }

    private static IEnumerable<TestCaseData> MalformedLines()
    {
        static TestCaseData Case(string name, string line, string? field, string problem) =>
            new TestCaseData(line, field, problem).SetName($"ReadRowsAsync_{name}_ThrowsNamingFileLineAndField");

        yield return Case("MissingField", Good.Replace(""","b_features":[0.4,0.5,0.6]""", "", StringComparison.Ordinal), "b_features", "missing");
        yield return Case("UnknownField", Good.Replace("{", """{"weight":2,""", StringComparison.Ordinal), "weight", "unknown field");
        yield return Case("RepeatedField", Good.Replace("{", """{"pair_id":"p_0",""", StringComparison.Ordinal), "pair_id", "twice");
        yield return Case("LabelZero", Good.Replace("\"label\":1", "\"label\":0", StringComparison.Ordinal), "label", "expected 1 or -1");
        yield return Case("LabelAsString", Good.Replace("\"label\":1", "\"label\":\"1\"", StringComparison.Ordinal), "label", "expected 1 or -1");
        yield return Case("UnknownSource", Good.Replace("bootstrap", "scraped", StringComparison.Ordinal), "source", "'scraped'");
        yield return Case("EmptyTag", Good.Replace("[\"x\"]", "[\"\"]", StringComparison.Ordinal), "tags", "empty");
        yield return Case("BadTime", Good.Replace("2026-11-25T09:15:00+00:00", "yesterday", StringComparison.Ordinal), "created_at", "ISO 8601");
        yield return Case("ShortVector", Good.Replace("[0.4,0.5,0.6]", "[0.4,0.5]", StringComparison.Ordinal), "b_features", "2 values");
        yield return Case("NonNumber", Good.Replace("[0.1,0.2,0.3]", "[0.1,\"NaN\",0.3]", StringComparison.Ordinal), "a_features[1]", "finite");
        yield return Case("SameItemBothSides", Good.Replace("i_b", "i_a", StringComparison.Ordinal), "b_id", "both sides");
        yield return Case("TruncatedJson", Good[..60], "platform", "not valid JSON");
        yield return Case("TrailingContent", Good + " {}", null, "not valid JSON");
        yield return Case("EmptyLine", "", null, "empty");
    }

    [TestCaseSource(nameof(MalformedLines))]
    public async Task ReadRowsAsync_MalformedSecondLine_Throws(string line, string? field, string problem)
    {
        var path = await WriteAsync(Good + "\n" + line + "\n" + Good + "\n");

        var e = Assert.ThrowsAsync<PairDatasetFormatException>(() => ReadAllAsync(path));

        Assert.Multiple(() =>
        {
            Assert.That(e!.FilePath, Is.EqualTo(path));
            Assert.That(e.LineNumber, Is.EqualTo(2));
            Assert.That(e.Field, Is.EqualTo(field));
            Assert.That(e.Message, Does.StartWith($"{path}, line 2").And.Contain(problem));
        });
    }

    [Test]
    public async Task ReadRowsAsync_WidthFromMetadataDiffers_ThrowsOnFirstLine()
    {
        var path = await WriteAsync(Good + "\n");

        var e = Assert.ThrowsAsync<PairDatasetFormatException>(() => ReadAllAsync(path, featureWidth: 4));

        Assert.That((e!.LineNumber, e.Field), Is.EqualTo(((long?)1, "a_features")));
    }

    [Test]
    public async Task ReadRowsAsync_LastLineWithoutNewline_ThrowsTruncated()
    {
        var path = await WriteAsync(Good + "\n" + Good);

        var e = Assert.ThrowsAsync<PairDatasetFormatException>(() => ReadAllAsync(path));

        Assert.That(e!.LineNumber, Is.EqualTo(2));
        Assert.That(e.Message, Does.Contain("truncated"));
    }

    [TestCase("\"schema_version\": 1", "\"schema_version\": 2", "schema_version", "version 2")]
    [TestCase("\"schema_version\": 1", "\"schema_version\": 9", "schema_version", "version 9")]
    [TestCase("\"pair_count\": 1,", "\"pair_count\": 1, \"pair_count\": 2,", "pair_count", "pair_count")]
    [TestCase("\"dataset_hash\": \"sha256:", "\"dataset_hash\": \"sha256:0\", \"datasethash\": \"sha256:", "datasethash", "datasethash")]
    [TestCase("\"pair_count\": 1,", "\"pair_count\": 1, \"extra\": true,", "extra", "extra")]
    [TestCase("\"embedding_dimension\": 3,", "", "embedding_dimension", "embedding_dimension")]
    [TestCase("\"sha256:", "\"md5:", "dataset_hash", "sha256")]
    [TestCase("\"emb_2\",", "", "feature_names", "expected")]
    public async Task ReadMetadataAsync_Malformed_ThrowsNamingTheField(string replace, string with, string field, string problem)
    {
        var path = _directory.File("metadata.json");
        var good = $$"""
            {
              "schema_version": 1,
              "feature_names": ["emb_0", "emb_1", "emb_2", "clarity"],
              "embedding_generator_id": "ancso:hashing-v1",
              "embedding_dimension": 3,
              "metric_names": ["clarity"],
              "pair_count": 1,
              "counts": { "by_source": {"bootstrap": 1}, "by_platform": {"github": 1}, "by_section": {"bio": 1} },
              "dataset_hash": "sha256:{{new string('a', 64)}}",
              "exported_at": "2026-11-25T09:15:00+00:00",
              "filters": { "platform": null, "source": null }
            }
            """;
        await File.WriteAllTextAsync(path, good);
        Assert.That((await PairDatasetReader.ReadMetadataAsync(path)).FeatureNames, Has.Count.EqualTo(4));
        await File.WriteAllTextAsync(path, good.Replace(replace, with, StringComparison.Ordinal));

        var e = Assert.ThrowsAsync<PairDatasetFormatException>(() => PairDatasetReader.ReadMetadataAsync(path));

        Assert.That(e!.Message, Does.StartWith(path).And.Contain(problem));
        Assert.That(e.Message, Does.Contain(field));
    }

    [Test]
    public async Task ReadMetadataAsync_WithoutDatasetHash_ThrowsNamingTheField()
    {
        var path = _directory.File("metadata.json");
        await File.WriteAllTextAsync(path, """
            {
              "schema_version": 1,
              "feature_names": ["emb_0", "clarity"],
              "embedding_generator_id": "ancso:hashing-v1",
              "embedding_dimension": 1,
              "metric_names": ["clarity"],
              "pair_count": 1,
              "counts": { "by_source": {}, "by_platform": {}, "by_section": {} },
              "exported_at": "2026-11-25T09:15:00+00:00",
              "filters": { "platform": null, "source": null }
            }
            """);

        var e = Assert.ThrowsAsync<PairDatasetFormatException>(() => PairDatasetReader.ReadMetadataAsync(path));

        Assert.That(e!.Message, Does.StartWith(path).And.Contain("dataset_hash"));
    }

    [Test]
    public async Task ReadMetadataAsync_InvalidUtf8_ThrowsNamingFileAndLine()
    {
        var path = _directory.File("metadata.json");
        await File.WriteAllBytesAsync(path, [.. "{\n  \"schema_version\": 1,\n  \"embedding_generator_id\": \"ancso:"u8, 0xC3, 0x28, .. "\"\n}"u8]);

        var e = Assert.ThrowsAsync<PairDatasetFormatException>(() => PairDatasetReader.ReadMetadataAsync(path));

        Assert.That((e!.FilePath, e.LineNumber), Is.EqualTo((path, (long?)3)));
        Assert.That(e.Message, Does.Contain("not valid UTF-8"));
    }

    [Test]
    public async Task ReadRowsAsync_InvalidUtf8_ThrowsNamingFileAndLine()
    {
        var path = _directory.File("dataset.jsonl");
        var bad = System.Text.Encoding.UTF8.GetBytes(Good.Replace("i_b", "i_\u00ff", StringComparison.Ordinal));
        bad[Array.IndexOf(bad, (byte)0xC3)] = 0xFF;
        await File.WriteAllBytesAsync(path, [.. System.Text.Encoding.UTF8.GetBytes(Good + "\n"), .. bad, (byte)'\n']);

        var e = Assert.ThrowsAsync<PairDatasetFormatException>(() => ReadAllAsync(path));

        Assert.That((e!.FilePath, e.LineNumber), Is.EqualTo((path, (long?)2)));
        Assert.That(e.Message, Does.Contain("not valid UTF-8"));
    }

    [Test]
    public async Task ReadRowsAsync_LineOverTheLengthLimit_ThrowsNamingFileAndLine()
    {
        var path = await WriteAsync(Good + "\n" + Good.Replace("[0.1,0.2,0.3]", "[" + string.Join(',', Enumerable.Repeat("0.125", 40_000)) + "]", StringComparison.Ordinal) + "\n");

        var e = Assert.ThrowsAsync<PairDatasetFormatException>(async () =>
        {
            await foreach (var _ in PairDatasetReader.ReadRowsAsync(path, null, maxLineBytes: 64 * 1024, CancellationToken.None))
            {
            }
        });

        Assert.That((e!.FilePath, e.LineNumber), Is.EqualTo((path, (long?)2)));
        Assert.That(e.Message, Does.Contain("longer than 65536 bytes"));
    }

    private async Task<string> WriteAsync(string content)
    {
        var path = _directory.File("dataset.jsonl");
        await File.WriteAllTextAsync(path, content);
        return path;
    }

    private static async Task ReadAllAsync(string path, int? featureWidth = null)
    {
        await foreach (var _ in PairDatasetReader.ReadRowsAsync(path, featureWidth))
        {
        }
    }
}
