using Ancso.Ml.Models;
using Ancso.Ml.Training.Data;

namespace Ancso.Ml.Training.Tests.Data;

/// <summary>Each bad dataset either trains correctly or fails naming the file, line and field, and activates nothing.</summary>
public class BadInputTests
{
    private static readonly Ancso.Ml.Features.FeatureLayout Layout = TestDatasets.Layout(8);

    private static async Task<(RankerTrainingException Error, string Dataset, string Models)> FailAsync(TempFolder folder, string jsonl, int? pairCount = null, bool hash = true)
    {
        var data = folder.Combine("data");
        Directory.CreateDirectory(data);
        var dataset = Path.Combine(data, "dataset.jsonl");
        await File.WriteAllTextAsync(dataset, jsonl);
        TestDatasets.WriteMetadata(data, Layout, pairCount ?? jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, hash ? File.ReadAllBytes(dataset) : null);
        var models = folder.Combine("models");
        var error = Assert.ThrowsAsync<RankerTrainingException>(() => new RankerTrainer().TrainAsync(RankerTrainerTests.Options(dataset, models, epochs: 3)));
        Assert.That(Directory.Exists(models) ? Directory.GetFiles(models) : [], Is.Empty, "nothing stored or activated");
        return (error!, dataset, models);
    }

    private static List<string> Rows(int pairs = 6) =>
        [.. TestDatasets.LearnablePairs(items: 8, pairs: pairs, dimension: 8).Select(TestDatasets.Row)];

    private static string Lines(IEnumerable<string> rows) => string.Concat(rows.Select(r => r + "\n"));

    [Test]
    public async Task TrainAsync_EmptyDataset_FailsNamingFile()
    {
        using var folder = new TempFolder();
        var (error, dataset, _) = await FailAsync(folder, "");
        Assert.That(error.Kind, Is.EqualTo(RankerTrainingErrorKind.InvalidData));
        Assert.That(error.FilePath, Is.EqualTo(dataset));
        Assert.That(error.Message, Does.Contain("holds no pairs"));
    }

    [Test]
    public async Task TrainAsync_TruncatedLastLine_FailsNamingLastLine()
    {
        using var folder = new TempFolder();
        var rows = Rows();
        var text = Lines(rows.Take(5)) + rows[5][..(rows[5].Length / 2)];
        var (error, dataset, _) = await FailAsync(folder, text, pairCount: 6);
        Assert.That(error.FilePath, Is.EqualTo(dataset));
        Assert.That(error.LineNumber, Is.EqualTo(6));
        Assert.That(error.Message, Does.Contain("interrupted"));
    }

    [Test]
    public async Task TrainAsync_NaNFeature_FailsNamingLineAndElement()
    {
        using var folder = new TempFolder();
        var rows = Rows();
        rows[2] = ReplaceFeature(rows[2], "a_features", 3, "\"NaN\"");
        var (error, dataset, _) = await FailAsync(folder, Lines(rows));
        Assert.That((error.FilePath, error.LineNumber, error.Field), Is.EqualTo((dataset, 3L, "a_features[3]")));
        Assert.That(error.Message, Does.Contain("finite"));
    }

    [Test]
    public async Task TrainAsync_InfiniteFeature_FailsNamingLineAndElement()
    {
        using var folder = new TempFolder();
        var rows = Rows();
        rows[4] = ReplaceFeature(rows[4], "b_features", 0, "1e39");
        var (error, _, _) = await FailAsync(folder, Lines(rows));
        Assert.That((error.LineNumber, error.Field), Is.EqualTo((5L, "b_features[0]")));
    }

    [Test]
    public async Task TrainAsync_RowOfWrongDimension_FailsNamingLineAndField()
    {
        using var folder = new TempFolder();
        var rows = Rows();
        rows[1] = ReplaceFeature(rows[1], "b_features", 0, "0.5,0.25");
        var (error, _, _) = await FailAsync(folder, Lines(rows));
        Assert.That((error.LineNumber, error.Field), Is.EqualTo((2L, "b_features")));
        Assert.That(error.Message, Does.Contain("14 wide"));
    }

    [Test]
    public async Task TrainAsync_ShortRow_FailsNamingLineAndField()
    {
        using var folder = new TempFolder();
        var rows = Rows();
        rows[3] = ReplaceFeature(rows[3], "a_features", 0, "");
        var (error, _, _) = await FailAsync(folder, Lines(rows));
        Assert.That((error.LineNumber, error.Field), Is.EqualTo((4L, "a_features")));
        Assert.That(error.Message, Does.Contain("holds 13 values"));
    }

    [Test]
    public async Task TrainAsync_LabelZero_FailsNamingLabel()
    {
        using var folder = new TempFolder();
        var rows = Rows();
        rows[0] = rows[0].Replace("\"label\":1,", "\"label\":0,", StringComparison.Ordinal).Replace("\"label\":-1,", "\"label\":0,", StringComparison.Ordinal);
        var (error, _, _) = await FailAsync(folder, Lines(rows));
        Assert.That((error.LineNumber, error.Field), Is.EqualTo((1L, "label")));
    }

    [Test]
    public async Task TrainAsync_MissingField_FailsNamingField()
    {
        using var folder = new TempFolder();
        var rows = Rows();
        var at = rows[2].IndexOf("\"source\":", StringComparison.Ordinal);
        rows[2] = rows[2].Remove(at, rows[2].IndexOf(',', at) - at + 1);
        var (error, _, _) = await FailAsync(folder, Lines(rows));
        Assert.That((error.LineNumber, error.Field), Is.EqualTo((3L, "source")));
    }

    [Test]
    public async Task TrainAsync_DuplicatePairId_FailsNamingBothLines()
    {
        using var folder = new TempFolder();
        var rows = Rows();
        rows.Add(rows[1]);
        var (error, dataset, _) = await FailAsync(folder, Lines(rows));
        Assert.That((error.LineNumber, error.Field), Is.EqualTo((7L, "pair_id")));
        Assert.That(error.Message, Does.Contain($"{dataset} line 2"));
    }

    [Test]
    public async Task TrainAsync_ItemWithTwoFeatureVectors_FailsNamingBothLines()
    {
        using var folder = new TempFolder();
        var pairs = TestDatasets.LearnablePairs(items: 8, pairs: 6, dimension: 8);
        var changed = pairs[5].AFeatures.ToArray();
        changed[0] += 1;
        pairs.Add(pairs[5] with { PairId = "p_extra", BId = "i_new", AFeatures = changed });
        var firstLine = pairs.FindIndex(p => p.AId == pairs[5].AId || p.BId == pairs[5].AId) + 1;
        var (error, _, _) = await FailAsync(folder, Lines(pairs.Select(TestDatasets.Row)));
        Assert.That((error.LineNumber, error.Field), Is.EqualTo((7L, "a_features")));
        Assert.That(error.Message, Does.Contain($"line {firstLine}."));
    }

    [Test]
    public void TrainAsync_MetadataMissing_FailsNamingMetadataFile()
    {
        using var folder = new TempFolder();
        var dataset = TestDatasets.Write(folder.Combine("data"), TestDatasets.LearnablePairs(items: 8, pairs: 6, dimension: 8), Layout);
        File.Delete(folder.Combine("data/metadata.json"));

        var error = Assert.ThrowsAsync<RankerTrainingException>(() => new RankerTrainer().TrainAsync(RankerTrainerTests.Options(dataset, folder.Combine("models"))));

        Assert.That(error!.FilePath, Is.EqualTo(folder.Combine("data/metadata.json")));
    }

    [Test]
    public async Task TrainAsync_MetadataPairCountDisagrees_FailsNamingField()
    {
        using var folder = new TempFolder();
        var (error, _, _) = await FailAsync(folder, Lines(Rows()), pairCount: 7);
        Assert.That(error.Field, Is.EqualTo("pair_count"));
        Assert.That(error.FilePath, Does.EndWith("metadata.json"));
    }

    [Test]
    public async Task TrainAsync_DatasetChangedAfterExport_FailsNamingHash()
    {
        using var folder = new TempFolder();
        var dataset = TestDatasets.Write(folder.Combine("data"), TestDatasets.LearnablePairs(items: 8, pairs: 6, dimension: 8), Layout);
        var text = await File.ReadAllTextAsync(dataset);
        await File.WriteAllTextAsync(dataset, text.Contains("\"label\":1,", StringComparison.Ordinal)
            ? text.Replace("\"label\":1,", "\"label\":-1,", StringComparison.Ordinal)
            : text.Replace("\"label\":-1,", "\"label\":1,", StringComparison.Ordinal));

        var error = Assert.ThrowsAsync<RankerTrainingException>(() => new RankerTrainer().TrainAsync(RankerTrainerTests.Options(dataset, folder.Combine("models"))));

        Assert.That(error!.Field, Is.EqualTo("dataset_hash"));
    }

    [Test]
    public async Task TrainAsync_OnePair_TrainsAndActivates()
    {
        using var folder = new TempFolder();
        var dataset = TestDatasets.Write(folder.Combine("data"), TestDatasets.LearnablePairs(items: 2, pairs: 1, dimension: 8), Layout);

        var result = await new RankerTrainer().TrainAsync(RankerTrainerTests.Options(dataset, folder.Combine("models"), epochs: 5));

        Assert.That((result.TrainPairs, result.ValidationPairs, result.Activated), Is.EqualTo((1, 0, true)));
        Assert.That(result.TrainAccuracy, Is.EqualTo(1.0));
    }

    [Test]
    public async Task TrainAsync_EveryLabelOnOneSide_TrainsAndRanksHeldOutPairs()
    {
        using var folder = new TempFolder();
        var pairs = TestDatasets.LearnablePairs(items: 150, pairs: 500, dimension: 16)
            .Select(p => p.Label == 1 ? p : p with { AId = p.BId, BId = p.AId, AFeatures = p.BFeatures, BFeatures = p.AFeatures, Label = 1 })
            .ToList();
        var dataset = TestDatasets.Write(folder.Combine("data"), pairs, TestDatasets.Layout(16));

        var result = await new RankerTrainer().TrainAsync(RankerTrainerTests.Options(dataset, folder.Combine("models"), epochs: 25));

        Assert.That(result.ValidationAccuracy, Is.GreaterThan(0.8));
    }

    [Test]
    public async Task TrainAsync_RepeatedAndContradictoryPairs_DropsThemAndTrains()
    {
        // Every choice from a rater of its own: a repeat by the same rater is superseded, a swapped repeat by another rater
        // agrees and merges, a contradiction by another rater of the same source ties and drops both votes.
        using var folder = new TempFolder();
        var pairs = TestDatasets.LearnablePairs(items: 40, pairs: 80, dimension: 8)
            .Select((p, i) => p.Source == "bootstrap" ? p : p with { Rater = TestDatasets.Rater(i) }).ToList();
        Assert.That((pairs[0].Source, pairs[1].Source, pairs[2].Source), Is.EqualTo(("bootstrap", "user_choice", "before_after")));
        pairs.Add(pairs[0] with { PairId = "repeat" });
        pairs.Add(pairs[1] with { PairId = "swapped-repeat", AId = pairs[1].BId, BId = pairs[1].AId, AFeatures = pairs[1].BFeatures, BFeatures = pairs[1].AFeatures, Label = -pairs[1].Label, Rater = TestDatasets.Rater(1001) });
        pairs.Add(pairs[2] with { PairId = "contradiction", Label = -pairs[2].Label, Rater = TestDatasets.Rater(1002) });
        var dataset = TestDatasets.Write(folder.Combine("data"), pairs, Layout);

        var result = await new RankerTrainer().TrainAsync(RankerTrainerTests.Options(dataset, folder.Combine("models"), epochs: 3));

        Assert.That((result.PairsRead, result.DuplicatePairsDropped, result.ContradictoryPairsDropped), Is.EqualTo((83, 2, 2)));
        Assert.That((result.Influence.VotesSuperseded, result.Influence.VotesMerged, result.Influence.PairsTied, result.Influence.VotesTied), Is.EqualTo((1, 1, 1, 2)));
        Assert.That(result.TrainPairs + result.ValidationPairs + result.StraddlingPairsDropped, Is.EqualTo(79));
        Assert.That(result.Activated, Is.True);
    }

    [Test]
    public async Task LoadAsync_UnattributedRepeatAndReversal_OnePooledVoterWhoseLatestVoteStands()
    {
        // Unattributed votes count as one rater: a repeat and a reversal of the same two items are that rater changing
        // their mind, so the latest vote stands and nothing is counted as a contradiction.
        using var folder = new TempFolder();
        var pairs = TestDatasets.LearnablePairs(items: 40, pairs: 80, dimension: 8);
        pairs.Add(pairs[0] with { PairId = "repeat" });
        pairs.Add(pairs[1] with { PairId = "swapped-repeat", AId = pairs[1].BId, BId = pairs[1].AId, AFeatures = pairs[1].BFeatures, BFeatures = pairs[1].AFeatures, Label = -pairs[1].Label });
        pairs.Add(pairs[2] with { PairId = "reversal", Label = -pairs[2].Label });
        var dataset = TestDatasets.Write(folder.Combine("data"), pairs, Layout);

        var set = (await TrainingData.LoadAsync(new RankerTrainingOptions { DatasetPath = dataset }, CancellationToken.None)).Set;

        Assert.That((set.PairsRead, set.DuplicatesDropped, set.ContradictionsDropped, set.PairCount), Is.EqualTo((83, 3, 0, 80)));
        Assert.That(set.Influence.VotesSuperseded, Is.EqualTo(3));
        var reversed = Enumerable.Range(0, set.PairCount).Single(p => set.ItemIds[set.A[p]] == pairs[2].AId && set.ItemIds[set.B[p]] == pairs[2].BId);
        Assert.That(set.Labels[reversed], Is.EqualTo(-pairs[2].Label), "the later vote stands");
    }

    private static string ReplaceFeature(string row, string field, int index, string replacement)
    {
        var start = row.IndexOf($"\"{field}\":[", StringComparison.Ordinal) + field.Length + 4;
        var end = row.IndexOf(']', start);
        var values = row[start..end].Split(',').ToList();
        if (replacement.Length == 0)
        {
            values.RemoveAt(index);
        }
        else
        {
            values[index] = replacement;
        }

        return row[..start] + string.Join(",", values) + row[end..];
    }
}
