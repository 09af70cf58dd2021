using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Ancso.Ml.Learning.Export;
using Ancso.Ml.Learning.Dataset;
using Ancso.Ml.Training.Data;

namespace Ancso.Ml.Training.Tests.Data;

/// <summary>The trainer reads datasets only through the SDK's one reader: the same pairs in either layout give the same data.</summary>
public class DatasetSourceTests
{
    private static Task<TrainingData> LoadAsync(string path) =>
        TrainingData.LoadAsync(new RankerTrainingOptions { DatasetPath = path }, CancellationToken.None);

    [Test]
    public async Task LoadAsync_RowsLongerThanOneChunk_ReadsEveryPairExactlyAndHashesTheBytes()
    {
        using var folder = new TempFolder();
        var pairs = TestDatasets.LearnablePairs(items: 120, pairs: 150, dimension: 1536);
        var path = TestDatasets.Write(folder.Path, pairs, TestDatasets.Layout(1536));

        var data = await LoadAsync(path);
        var set = data.Set;

        Assert.That(new FileInfo(path).Length, Is.GreaterThan(3 << 20), "rows cross several 1 MiB chunks");
        Assert.That(data.DatasetHash, Is.EqualTo("sha256:" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)))));
        Assert.That(set.PairCount, Is.EqualTo(150));
        for (var p = 0; p < pairs.Count; p++)
        {
            var a = Array.IndexOf(set.ItemIds, pairs[p].AId);
            Assert.That(set.A[p], Is.EqualTo(a));
            Assert.That(set.Features.AsSpan(a * 1542, 1542).SequenceEqual(pairs[p].AFeatures.Span), Is.True, $"pair {p}: floats round-trip exactly");
        }
    }

    [Test]
    public async Task LoadAsync_SamePairsInBothLayouts_GiveTheSameItemsPairsAndVectors()
    {
        using var folder = new TempFolder();
        var pairs = TestDatasets.LearnablePairs(items: 40, pairs: 90, dimension: 16);
        TestDatasets.Write(folder.Combine("jsonl"), pairs, TestDatasets.Layout(16));
        var compactPath = TestDatasets.WriteCompact(folder.Combine("compact"), pairs, TestDatasets.Layout(16));

        var jsonl = (await LoadAsync(folder.Combine("jsonl"))).Set;
        var compactData = await LoadAsync(folder.Combine("compact"));
        var compact = compactData.Set;

        Assert.That(compactData.Source, Is.EqualTo(compactPath));
        Assert.That(compactData.DatasetHash, Is.EqualTo("sha256:" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(compactPath)))));
        Assert.That(compact.ItemIds, Is.EqualTo(jsonl.ItemIds));
        Assert.That((compact.A, compact.B, compact.Labels, compact.Sources), Is.EqualTo((jsonl.A, jsonl.B, jsonl.Labels, jsonl.Sources)));
        Assert.That(compact.FeatureRows.SequenceEqual(jsonl.FeatureRows), Is.True);
        Assert.That(new FileInfo(compactPath).Length, Is.LessThan(new FileInfo(folder.Combine("jsonl/dataset.jsonl")).Length / 3));
    }

    [Test]
    public async Task LoadAsync_CompactFileOfFormatVersionOne_ReadsThePairsAsUnattributedVotes()
    {
        // Version 1 pair records are 36 bytes, without the rater: the same pairs as a version 2 file with no raters.
        using var folder = new TempFolder();
        var layout = TestDatasets.Layout(16);
        var pairs = TestDatasets.LearnablePairs(items: 40, pairs: 90, dimension: 16);
        pairs.Add(pairs[1] with { PairId = "reversal", Label = -pairs[1].Label });
        var v2 = File.ReadAllBytes(TestDatasets.WriteCompact(folder.Combine("v2"), pairs, layout));
        var v1 = ToFormatVersionOne(v2, layout.Width);
        Directory.CreateDirectory(folder.Combine("v1"));
        File.WriteAllBytes(folder.Combine("v1/dataset.bin"), v1);
        TestDatasets.WriteMetadata(folder.Combine("v1"), layout, pairs.Count, v1, w => w.WriteString("dataset_file", PairDatasetFiles.CompactFileName));

        var second = (await LoadAsync(folder.Combine("v2"))).Set;
        var first = (await LoadAsync(folder.Combine("v1"))).Set;

        Assert.That((BinaryPrimitives.ReadUInt32LittleEndian(v2.AsSpan(8)), BinaryPrimitives.ReadUInt32LittleEndian(v1.AsSpan(8))), Is.EqualTo((2u, 1u)));
        Assert.That(v1, Has.Length.EqualTo(v2.Length - (4 * pairs.Count)));
        Assert.That(first.ItemIds, Is.EqualTo(second.ItemIds));
        Assert.That((first.A, first.B, first.Labels, first.Sources, first.Weights), Is.EqualTo((second.A, second.B, second.Labels, second.Sources, second.Weights)));
        Assert.That((first.Influence.UnattributedVotes, first.Influence.VotesSuperseded, first.PairCount), Is.EqualTo((second.Influence.UnattributedVotes, 1, 90)));
        Assert.That(first.Influence.UnattributedVotes, Is.EqualTo(pairs.Count(p => p.Source != "bootstrap")));
    }

    /// <summary>Rewrites a version 2 compact file without raters as version 1 wrote it.</summary>
    private static byte[] ToFormatVersionOne(byte[] file, int width)
    {
        var footer = file.AsSpan(file.Length - 40);
        var items = (int)BinaryPrimitives.ReadUInt32LittleEndian(footer);
        var pairs = (int)BinaryPrimitives.ReadUInt32LittleEndian(footer[4..]);
        var pairTable = 16 + (items * width * sizeof(float)) + (items * 12);
        var result = new List<byte>(file.Length);
        result.AddRange(file.AsSpan(0, pairTable));
        for (var p = 0; p < pairs; p++)
        {
            var record = file.AsSpan(pairTable + (p * 40), 40);
            Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(record[36..]), Is.EqualTo(uint.MaxValue), "no rater");
            result.AddRange(record[..36]);
        }

        result.AddRange(file.AsSpan(pairTable + (pairs * 40)));
        var bytes = result.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), 1);
        return bytes;
    }

    [TestCase("bom", TestName = "LoadAsync_ByteOrderMark_Refused")]
    [TestCase("blank", TestName = "LoadAsync_BlankLine_Refused")]
    [TestCase("unknown", TestName = "LoadAsync_UnknownField_Refused")]
    [TestCase("unterminated", TestName = "LoadAsync_LastLineWithoutNewline_Refused")]
    public void LoadAsync_WhatTheFormatDoesNotAllow_FailsNamingFileAndLine(string variant)
    {
        using var folder = new TempFolder();
        var rows = TestDatasets.LearnablePairs(items: 6, pairs: 3, dimension: 8).Select(TestDatasets.Row).ToList();
        var text = variant switch
        {
            "bom" => "\uFEFF" + string.Concat(rows.Select(r => r + "\n")),
            "blank" => rows[0] + "\n\n" + rows[1] + "\n" + rows[2] + "\n",
            "unknown" => rows[0] + "\n" + rows[1].Replace("{\"pair_id\"", "{\"future_field\":1,\"pair_id\"", StringComparison.Ordinal) + "\n" + rows[2] + "\n",
            _ => rows[0] + "\n" + rows[1] + "\n" + rows[2],
        };
        Directory.CreateDirectory(folder.Combine("data"));
        var path = folder.Combine("data/dataset.jsonl");
        var bytes = Encoding.UTF8.GetBytes(text);
        File.WriteAllBytes(path, bytes);
        TestDatasets.WriteMetadata(folder.Combine("data"), TestDatasets.Layout(8), 3, bytes);

        var error = Assert.ThrowsAsync<RankerTrainingException>(() => LoadAsync(path));

        Assert.That(error!.FilePath, Is.EqualTo(path));
        Assert.That(error.LineNumber, Is.EqualTo(variant switch { "bom" => 1L, "blank" => 2L, _ => variant == "unknown" ? 2L : 3L }));
    }

    [Test]
    public void LoadAsync_NotAnObject_FailsNamingLine()
    {
        using var folder = new TempFolder();
        var path = folder.Combine("dataset.jsonl");
        File.WriteAllText(path, "[1,2]\n");
        TestDatasets.WriteMetadata(folder.Path, TestDatasets.Layout(8), 1, File.ReadAllBytes(path));

        var error = Assert.ThrowsAsync<RankerTrainingException>(() => LoadAsync(path));

        Assert.That((error!.FilePath, error.LineNumber), Is.EqualTo((path, 1L)));
    }

    [Test]
    public void LoadAsync_DatasetFileMissing_FailsNamingFile()
    {
        using var folder = new TempFolder();
        var path = TestDatasets.Write(folder.Path, TestDatasets.LearnablePairs(items: 6, pairs: 3, dimension: 8), TestDatasets.Layout(8));
        File.Delete(path);

        var error = Assert.ThrowsAsync<RankerTrainingException>(() => LoadAsync(folder.Path));

        Assert.That(error!.FilePath, Is.EqualTo(path));
        Assert.That(error.Message, Does.Contain("does not exist"));
    }

    [Test]
    public void LoadAsync_FileTheMetadataDoesNotDescribe_FailsNamingDatasetFile()
    {
        using var folder = new TempFolder();
        var pairs = TestDatasets.LearnablePairs(items: 6, pairs: 3, dimension: 8);
        var jsonl = TestDatasets.Write(folder.Path, pairs, TestDatasets.Layout(8));
        TestDatasets.WriteCompact(folder.Path, pairs, TestDatasets.Layout(8));

        var error = Assert.ThrowsAsync<RankerTrainingException>(() => LoadAsync(jsonl));

        Assert.That((error!.FilePath, error.Field), Is.EqualTo((folder.Combine("metadata.json"), "dataset_file")));
    }
}
