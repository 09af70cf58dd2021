using System.Diagnostics;

namespace Ancso.Ml.Training.Tests.Data;

/// <summary>
/// Input files that are not what they claim (a FIFO, a folder, a count far beyond the file) end training within
/// seconds with an error naming the file and field, never a hang or an allocation sized from the claim.
/// </summary>
public class SpecialInputFileTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private static readonly Ancso.Ml.Features.FeatureLayout Layout = TestDatasets.Layout(8);

    [Test]
    public async Task TrainAsync_DatasetBinIsAFifo_RefusedWithoutWaiting()
    {
        using var folder = new TempFolder();
        var data = folder.Combine("data");
        var dataset = TestDatasets.WriteCompact(data, TestDatasets.LearnablePairs(items: 8, pairs: 6, dimension: 8), Layout);
        File.Delete(dataset);
        MakeFifo(dataset);

        var error = await FailsAsync(folder, data);

        Assert.That(error.FilePath, Is.EqualTo(dataset));
        Assert.That(error.Message, Does.Contain("FIFO").And.Contain("not a regular file"));
    }

    [Test]
    public async Task TrainAsync_MetadataIsAFifo_RefusedWithoutWaiting()
    {
        using var folder = new TempFolder();
        var data = folder.Combine("data");
        TestDatasets.Write(data, TestDatasets.LearnablePairs(items: 8, pairs: 6, dimension: 8), Layout);
        var metadata = Path.Combine(data, "metadata.json");
        File.Delete(metadata);
        MakeFifo(metadata);

        var error = await FailsAsync(folder, data);

        Assert.That(error.FilePath, Is.EqualTo(metadata));
        Assert.That(error.Message, Does.Contain("not a regular file"));
    }

    [Test]
    public async Task TrainAsync_DatasetBinIsAFolder_SaysSo()
    {
        using var folder = new TempFolder();
        var data = folder.Combine("data");
        var dataset = TestDatasets.WriteCompact(data, TestDatasets.LearnablePairs(items: 8, pairs: 6, dimension: 8), Layout);
        File.Delete(dataset);
        Directory.CreateDirectory(dataset);

        var error = await FailsAsync(folder, data);

        Assert.That(error.FilePath, Is.EqualTo(dataset));
        Assert.That(error.Message, Does.Contain("is a folder, not a file").And.Not.Contain("denied"));
    }

    [TestCase(int.MaxValue)]
    [TestCase(200_000_000)]
    public async Task TrainAsync_PairCountFarBeyondTheFile_RefusedNamingFileAndField(int claimed)
    {
        using var folder = new TempFolder();
        var data = folder.Combine("data");
        var pairs = TestDatasets.LearnablePairs(items: 8, pairs: 6, dimension: 8);
        TestDatasets.Write(data, pairs, Layout);
        TestDatasets.WriteMetadata(data, Layout, claimed, File.ReadAllBytes(Path.Combine(data, "dataset.jsonl")));
        var before = GC.GetTotalAllocatedBytes();

        var error = await FailsAsync(folder, data);

        Assert.That((error.FilePath, error.Field), Is.EqualTo((Path.Combine(data, "metadata.json"), "pair_count")));
        Assert.That(error.Message, Does.Contain($"gives {claimed} pairs").And.Contain("holds 6"));
        Assert.That(GC.GetTotalAllocatedBytes() - before, Is.LessThan(256L << 20), "nothing sized from the claimed count");
    }

    [Test]
    public async Task TrainAsync_CompactPairCountWrong_RefusedNamingField()
    {
        using var folder = new TempFolder();
        var data = folder.Combine("data");
        var dataset = TestDatasets.WriteCompact(data, TestDatasets.LearnablePairs(items: 8, pairs: 6, dimension: 8), Layout);
        TestDatasets.WriteMetadata(data, Layout, int.MaxValue, File.ReadAllBytes(dataset), w => w.WriteString("dataset_file", "dataset.bin"));

        var error = await FailsAsync(folder, data);

        Assert.That(error.Field, Is.EqualTo("pair_count"));
    }

    private static async Task<RankerTrainingException> FailsAsync(TempFolder folder, string data)
    {
        var models = folder.Combine("models");
        var clock = Stopwatch.StartNew();
        var train = new RankerTrainer().TrainAsync(RankerTrainerTests.Options(data, models, epochs: 3)).WaitAsync(Bound);
        var error = Assert.ThrowsAsync<RankerTrainingException>(async () => await train);
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
        Assert.That(error!.Kind, Is.EqualTo(RankerTrainingErrorKind.InvalidData));
        Assert.That(Directory.Exists(models) ? Directory.GetFiles(models) : [], Is.Empty, "nothing stored or activated");
        return await Task.FromResult(error);
    }

    private static void MakeFifo(string path)
    {
        Assert.That(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), Is.True, "FIFOs need Linux or macOS (mkfifo)");
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { RedirectStandardError = true })!;
        mkfifo.WaitForExit();
        Assert.That(mkfifo.ExitCode, Is.Zero, $"mkfifo {path}: {mkfifo.StandardError.ReadToEnd()}");
    }
}
