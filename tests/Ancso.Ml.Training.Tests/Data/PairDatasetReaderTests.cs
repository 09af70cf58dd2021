using System.Security.Cryptography;
using System.Text;
using Ancso.Ml.Training.Data;

namespace Ancso.Ml.Training.Tests.Data;

public class PairDatasetReaderTests
{
    [Test]
    public async Task ReadAsync_RowsLongerThanOneChunk_ReadsEveryPairExactlyAndHashesTheBytes()
    {
        using var folder = new TempFolder();
        var pairs = TestDatasets.LearnablePairs(items: 120, pairs: 150, dimension: 1536);
        var path = TestDatasets.Write(folder.Path, pairs, TestDatasets.Layout(1536));
        var builder = new PairSetBuilder(1542);

        var hash = await PairDatasetReader.ReadAsync(path, builder, CancellationToken.None);
        var set = builder.Build();

        Assert.That(new FileInfo(path).Length, Is.GreaterThan(3 << 20), "rows cross several 1 MiB chunks");
        Assert.That(hash, Is.EqualTo("sha256:" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)))));
        Assert.That(set.PairCount, Is.EqualTo(150));
        for (var p = 0; p < pairs.Count; p++)
        {
            var a = Array.IndexOf(set.ItemIds, pairs[p].AId);
            Assert.That(set.A[p], Is.EqualTo(a));
            Assert.That(set.Features.AsSpan(a * 1542, 1542).SequenceEqual(pairs[p].AFeatures.Span), Is.True, $"pair {p}: floats round-trip exactly");
        }
    }

    [Test]
    public async Task ReadAsync_CrLfBlankLinesUnknownFieldsAndNoFinalNewline_Accepted()
    {
        using var folder = new TempFolder();
        var pairs = TestDatasets.LearnablePairs(items: 6, pairs: 3, dimension: 8);
        var rows = pairs.Select(TestDatasets.Row).ToList();
        rows[1] = rows[1].Replace("{\"pair_id\"", "{\"future_field\":{\"x\":[1,2]},\"pair_id\"", StringComparison.Ordinal);
        var path = Path.Combine(folder.Path, "dataset.jsonl");
        await File.WriteAllTextAsync(path, rows[0] + "\r\n\r\n" + rows[1] + "\n   \n" + rows[2], Encoding.UTF8);
        var builder = new PairSetBuilder(14);

        await PairDatasetReader.ReadAsync(path, builder, CancellationToken.None);

        Assert.That(builder.Build().PairCount, Is.EqualTo(3));
    }

    [Test]
    public void ReadAsync_NotAnObject_FailsNamingLine()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "dataset.jsonl");
        File.WriteAllText(path, "[1,2]\n");

        var error = Assert.ThrowsAsync<RankerTrainingException>(() => PairDatasetReader.ReadAsync(path, new PairSetBuilder(14), CancellationToken.None));

        Assert.That((error!.FilePath, error.LineNumber), Is.EqualTo((path, 1L)));
    }

    [Test]
    public void ReadAsync_MissingFile_FailsNamingFile()
    {
        var path = Path.Combine(Path.GetTempPath(), "ancso-training-tests", "absent", "dataset.jsonl");

        var error = Assert.ThrowsAsync<RankerTrainingException>(() => PairDatasetReader.ReadAsync(path, new PairSetBuilder(14), CancellationToken.None));

        Assert.That(error!.FilePath, Is.EqualTo(path));
        Assert.That(error.Message, Does.Contain("does not exist"));
    }
}
