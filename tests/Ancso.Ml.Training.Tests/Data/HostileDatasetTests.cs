using System.Text;
using Ancso.Ml.Learning.Export;
using Ancso.Ml.Learning.Dataset;
using Ancso.Ml.Training.Data;

namespace Ancso.Ml.Training.Tests.Data;

/// <summary>
/// Datasets that trained without complaint, or failed without saying where: each now fails before anything is stored,
/// naming the file, the line and (where there is one) the field.
/// </summary>
public class HostileDatasetTests
{
    private static readonly Ancso.Ml.Features.FeatureLayout Layout = TestDatasets.Layout(8);

    [Test]
    public async Task TrainAsync_RowRepeatsTheLabel_FailsNamingLineAndField()
    {
        using var folder = new TempFolder();
        var rows = Rows();
        rows[2] = rows[2].Replace("\"source\":", "\"label\":" + (rows[2].Contains("\"label\":1,", StringComparison.Ordinal) ? "-1" : "1") + ",\"source\":", StringComparison.Ordinal);

        var (error, dataset) = await FailAsync(folder, Encoding.UTF8.GetBytes(Lines(rows)));

        Assert.That((error.FilePath, error.LineNumber, error.Field), Is.EqualTo((dataset, 3L, "label")));
        Assert.That(error.Message, Does.Contain("twice"));
    }

    [TestCase("pair_id")]
    [TestCase("a_features")]
    public async Task TrainAsync_RowRepeatsAField_FailsNamingIt(string field)
    {
        using var folder = new TempFolder();
        var rows = Rows();
        var start = rows[0].IndexOf($"\"{field}\":", StringComparison.Ordinal);
        var end = field == "pair_id" ? rows[0].IndexOf(',', start) : rows[0].IndexOf(']', start) + 1;
        rows[0] = rows[0].Insert(rows[0].Length - 1, "," + rows[0][start..end]);

        var (error, _) = await FailAsync(folder, Encoding.UTF8.GetBytes(Lines(rows)));

        Assert.That((error.LineNumber, error.Field), Is.EqualTo((1L, field)));
    }

    [TestCase(9)]
    [TestCase(0)]
    public async Task TrainAsync_MetadataOfAnotherSchemaVersion_FailsNamingField(int version)
    {
        using var folder = new TempFolder();
        var (dataset, metadata) = Write(folder, Encoding.UTF8.GetBytes(Lines(Rows())));
        await File.WriteAllTextAsync(metadata, (await File.ReadAllTextAsync(metadata)).Replace("\"schema_version\": 1", $"\"schema_version\": {version}", StringComparison.Ordinal));

        var error = await TrainFailsAsync(folder, dataset);

        Assert.That((error.FilePath, error.Field), Is.EqualTo((metadata, "schema_version")));
        Assert.That(error.Message, Does.Contain($"schema version {version}"));
    }

    [Test]
    public async Task TrainAsync_MetadataWithoutDatasetHash_FailsNamingField()
    {
        using var folder = new TempFolder();
        var data = folder.Combine("data");
        Directory.CreateDirectory(data);
        var dataset = Path.Combine(data, "dataset.jsonl");
        await File.WriteAllTextAsync(dataset, Lines(Rows()));
        TestDatasets.WriteMetadata(data, Layout, 6, datasetBytes: null);

        var error = await TrainFailsAsync(folder, dataset);

        Assert.That(error.FilePath, Is.EqualTo(Path.Combine(data, "metadata.json")));
        Assert.That(error.Message, Does.Contain("dataset_hash"));
    }

    [Test]
    public async Task TrainAsync_MetadataRepeatsAField_Fails()
    {
        using var folder = new TempFolder();
        var (dataset, metadata) = Write(folder, Encoding.UTF8.GetBytes(Lines(Rows())));
        await File.WriteAllTextAsync(metadata, (await File.ReadAllTextAsync(metadata)).Replace("\"pair_count\": 6,", "\"pair_count\": 6, \"pair_count\": 7,", StringComparison.Ordinal));

        var error = await TrainFailsAsync(folder, dataset);

        Assert.That(error.FilePath, Is.EqualTo(metadata));
        Assert.That(error.Message, Does.Contain("pair_count"));
    }

    [Test]
    public async Task TrainAsync_RowNotUtf8_FailsNamingFileAndLine()
    {
        using var folder = new TempFolder();
        var rows = Rows();
        var bytes = new List<byte>();
        for (var i = 0; i < rows.Count; i++)
        {
            var line = Encoding.UTF8.GetBytes(rows[i] + "\n");
            if (i == 3)
            {
                line[line.AsSpan().IndexOf("\"source\":\""u8) + 10] = 0xFF;
            }

            bytes.AddRange(line);
        }

        var (error, dataset) = await FailAsync(folder, [.. bytes]);

        Assert.That((error.FilePath, error.LineNumber), Is.EqualTo((dataset, 4L)));
        Assert.That(error.Message, Does.Contain("not valid UTF-8"));
    }

    [Test]
    public void ReadAsync_LineOverTheLengthLimit_FailsNamingFileAndLineWithoutReadingOn()
    {
        using var folder = new TempFolder();
        var rows = Rows();
        var (path, _) = Write(folder, Encoding.UTF8.GetBytes(rows[0] + "\n" + new string(' ', 200_000) + rows[1] + "\n"));

        var error = Assert.ThrowsAsync<PairDatasetFormatException>(() => PairDatasetReader.ReadAsync(path, _ => new PairSetBuilder(Layout.Width), maxLineBytes: 64 * 1024, CancellationToken.None));

        Assert.That((error!.FilePath, error.LineNumber), Is.EqualTo((path, 2L)));
        Assert.That(error.Message, Does.Contain("longer than 65536 bytes"));
    }

    private static List<string> Rows() =>
        [.. TestDatasets.LearnablePairs(items: 8, pairs: 6, dimension: 8).Select(TestDatasets.Row)];

    private static string Lines(IEnumerable<string> rows) => string.Concat(rows.Select(r => r + "\n"));

    private static (string Dataset, string Metadata) Write(TempFolder folder, byte[] jsonl)
    {
        var data = folder.Combine("data");
        Directory.CreateDirectory(data);
        var dataset = Path.Combine(data, "dataset.jsonl");
        File.WriteAllBytes(dataset, jsonl);
        TestDatasets.WriteMetadata(data, Layout, 6, jsonl);
        return (dataset, Path.Combine(data, "metadata.json"));
    }

    private static async Task<(RankerTrainingException Error, string Dataset)> FailAsync(TempFolder folder, byte[] jsonl)
    {
        var (dataset, _) = Write(folder, jsonl);
        return (await TrainFailsAsync(folder, dataset), dataset);
    }

    private static Task<RankerTrainingException> TrainFailsAsync(TempFolder folder, string dataset)
    {
        var models = folder.Combine("models");
        var error = Assert.ThrowsAsync<RankerTrainingException>(() => new RankerTrainer().TrainAsync(RankerTrainerTests.Options(dataset, models, epochs: 3)));
        Assert.That(error!.Kind, Is.EqualTo(RankerTrainingErrorKind.InvalidData));
        Assert.That(Directory.Exists(models) ? Directory.GetFiles(models) : [], Is.Empty, "nothing stored or activated");
        return Task.FromResult(error);
    }
}
