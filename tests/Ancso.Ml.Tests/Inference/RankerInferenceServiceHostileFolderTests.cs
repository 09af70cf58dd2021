using Ancso.Ml.Features;
using Ancso.Ml.Inference;
using Ancso.Ml.Metrics;
using Ancso.Ml.Models;
using Ancso.Ml.Training.Onnx;

namespace Ancso.Ml.Tests.Inference;

/// <summary>
/// The models folder as a hostile or unlucky user leaves it. Each case is a fallback to the heuristic with the reason
/// <c>model_corrupt</c> (or <c>model_file_missing</c>) and a detail that says why, names files only within the folder,
/// and arrives without hanging: every wait is bounded.
/// </summary>
public class RankerInferenceServiceHostileFolderTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [TestCase("model")]
    [TestCase("metadata")]
    [TestCase("pointer")]
    public async Task GetStatusAsync_FileIsAFifo_FallsBackWithoutHanging(string which)
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v1", seed: 1);
        var path = folder.PathOf(which switch
        {
            "model" => ModelFileNames.Model("v1"),
            "metadata" => ModelFileNames.Metadata("v1"),
            _ => ModelFileNames.ActivePointer,
        });
        File.Delete(path);
        HostileModels.MakeFifo(path);
        var service = folder.CreateService();

        var status = await service.GetStatusAsync().AsTask().WaitAsync(Bound);

        Assert.That(status.Provenance.Reason, Is.EqualTo(FallbackReason.ModelCorrupt), status.Provenance.ToString());
        Assert.That(status.Provenance.Detail, Does.Contain(Path.GetFileName(path)).And.Contain("not a regular file"));
        AssertNoAbsolutePath(folder, status.Provenance);
    }

    [Test]
    public async Task ReloadAsync_ActivatedModelIsAFifo_KeepsServingAndPicksUpTheNextActivation()
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v1", seed: 1);
        await folder.StoreAsync("v2", seed: 2, activate: false);
        await folder.StoreAsync("v3", seed: 3, activate: false);
        var service = folder.CreateService(o => o.HotReload = true);
        await service.InitializeAsync().WaitAsync(Bound);
        File.Delete(folder.PathOf(ModelFileNames.Model("v2")));
        HostileModels.MakeFifo(folder.PathOf(ModelFileNames.Model("v2")));

        await folder.PointAtAsync("v2", previousVersion: "v1");
        await service.ReloadAsync().WaitAsync(Bound);
        var whileFifo = await service.GetStatusAsync();
        await folder.Registry.ActivateAsync("v3").WaitAsync(Bound);
        await service.ReloadAsync().WaitAsync(Bound);
        var after = await service.ScoreItemAsync(TestModelFolder.Item("a", "text"));

        Assert.That(whileFifo.Provenance.ModelVersion, Is.EqualTo("v1"), "the working model keeps serving");
        Assert.That(whileFifo.ActivationFailure!.Reason, Is.EqualTo(FallbackReason.ModelCorrupt));
        Assert.That(after.ModelVersion, Is.EqualTo("v3"), "later activations are still picked up");
    }

    [Test]
    public async Task GetStatusAsync_ModelIsASymlinkToDevZero_RefusedAtOnce()
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v1", seed: 1);
        File.Delete(folder.PathOf(ModelFileNames.Model("v1")));
        File.CreateSymbolicLink(folder.PathOf(ModelFileNames.Model("v1")), "/dev/zero");
        var service = folder.CreateService();

        var status = await service.GetStatusAsync().AsTask().WaitAsync(Bound);

        Assert.That(status.Provenance.Reason, Is.EqualTo(FallbackReason.ModelCorrupt), status.Provenance.ToString());
        Assert.That(status.Provenance.Detail, Does.Contain("symbolic link").And.Contain("outside the models folder"));
        Assert.That(status.Provenance.Detail, Does.Not.Contain("/dev/zero"), "where the link leads is for the log");
    }

    [TestCase("model")]
    [TestCase("metadata")]
    [TestCase("pointer")]
    public async Task GetStatusAsync_FileIsASymlinkOutOfTheFolder_Refused(string which)
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v1", seed: 1);
        var name = which switch
        {
            "model" => ModelFileNames.Model("v1"),
            "metadata" => ModelFileNames.Metadata("v1"),
            _ => ModelFileNames.ActivePointer,
        };
        var outside = Path.Combine(folder.Root, "outside-" + name);
        File.Move(folder.PathOf(name), outside);
        File.CreateSymbolicLink(folder.PathOf(name), outside);
        var logger = new CapturingLogger();
        var service = folder.CreateService(logger: logger);

        var status = await service.GetStatusAsync().AsTask().WaitAsync(Bound);

        Assert.That(status.Provenance.Reason, Is.EqualTo(FallbackReason.ModelCorrupt), status.Provenance.ToString());
        Assert.That(status.Provenance.Detail, Does.Contain(name).And.Contain("outside the models folder"));
        AssertNoAbsolutePath(folder, status.Provenance);
        Assert.That(logger.Entries.Single(e => e.EventId.Id == 3102).Message, Does.Contain(outside), "the log says where the link leads");
    }

    [Test]
    public async Task ScoreItemAsync_SymlinksWithinTheFolder_Served()
    {
        using var folder = new TestModelFolder();
        var weights = await folder.StoreAsync("v1", seed: 4);
        File.Move(folder.PathOf(ModelFileNames.Model("v1")), folder.PathOf("weights.bin"));
        File.CreateSymbolicLink(folder.PathOf(ModelFileNames.Model("v1")), "weights.bin");
        var service = folder.CreateService();
        var item = TestModelFolder.Item("a", "Led a team of 6; cut p99 latency 40%");

        var score = await service.ScoreItemAsync(item);

        Assert.That(score.ModelVersion, Is.EqualTo("v1"), score.Provenance.ToString());
        Assert.That(score.Score, Is.EqualTo(await folder.ExpectedScoreAsync(weights, item)).Within(1e-5));
    }

    [TestCase("\u0000")]
    [TestCase("ranker-v1.onnx\u0000.txt")]
    [TestCase("ranker-v1.\u001b[31monnx")]
    public async Task GetStatusAsync_PointerFileNameHoldsControlCharacters_ModelCorruptWithoutStackTrace(string modelFile)
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v1", seed: 1);
        await folder.PointAtAsync("v1", modelFile: modelFile);
        var service = folder.CreateService();

        var status = await service.GetStatusAsync().AsTask().WaitAsync(Bound);

        Assert.That(status.Provenance.Reason, Is.EqualTo(FallbackReason.ModelCorrupt), status.Provenance.ToString());
        Assert.That(status.Provenance.Detail, Does.Contain(ModelFileNames.ActivePointer).And.Contain("model_file"));
        Assert.That(status.Provenance.Detail!.IndexOfAny(['\u0000', '\u001b']), Is.EqualTo(-1), "control characters are escaped");
    }

    [Test]
    public async Task GetStatusAsync_PointerVersionDiffersFromItsFiles_ModelCorruptAndNoScoreUnderEitherVersion()
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v1", seed: 1);
        await folder.PointAtAsync("v2", modelFile: ModelFileNames.Model("v1"), metadataFile: ModelFileNames.Metadata("v1"));
        var service = folder.CreateService();

        var status = await service.GetStatusAsync();
        var score = await service.ScoreItemAsync(TestModelFolder.Item("a", "text"));

        Assert.That(status.Provenance.Reason, Is.EqualTo(FallbackReason.ModelCorrupt), status.Provenance.ToString());
        Assert.That(status.Provenance.Detail, Does.Contain("'v2'").And.Contain(ModelFileNames.Model("v2")));
        Assert.That(score.ModelVersion, Is.Null);
    }

    [Test]
    public async Task GetStatusAsync_MetadataDescribesAnotherVersion_ModelCorrupt()
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v1", seed: 1);
        File.Copy(folder.PathOf(ModelFileNames.Model("v1")), folder.PathOf(ModelFileNames.Model("v2")));
        File.Copy(folder.PathOf(ModelFileNames.Metadata("v1")), folder.PathOf(ModelFileNames.Metadata("v2")));
        await folder.PointAtAsync("v2");
        var service = folder.CreateService();

        var status = await service.GetStatusAsync();
        var versions = await folder.Registry.ListVersionsAsync();

        Assert.That(status.Provenance.Reason, Is.EqualTo(FallbackReason.ModelCorrupt), status.Provenance.ToString());
        Assert.That(status.Provenance.Detail, Does.Contain("describes version \"v1\""));
        Assert.That(versions.Single(v => v.Version == "v2").Metadata, Is.Null, "the listing does not show v1's figures under v2");
        Assert.That(versions.Single(v => v.Version == "v2").Problem, Does.Contain("\"v1\""));
    }

    [TestCase("data/ranker/pairs.db")]
    [TestCase("weights.bin")]
    [TestCase("/etc/hostname")]
    public async Task GetStatusAsync_ModelKeepsWeightsInExternalFile_Refused(string location)
    {
        using var folder = new TestModelFolder();
        var weights = Enumerable.Repeat(0.01f, folder.Layout.Width).ToArray();
        await File.WriteAllBytesAsync(folder.PathOf("weights.bin"), new byte[weights.Length * 4]);
        await folder.Registry.StoreAsync(HostileModels.SqrtOfLinear(weights, 1f, externalLocation: location), folder.Metadata("v1"));
        await folder.PointAtAsync("v1");
        var service = folder.CreateService();

        var status = await service.GetStatusAsync();

        Assert.That(status.Provenance.Reason, Is.EqualTo(FallbackReason.ModelCorrupt), status.Provenance.ToString());
        Assert.That(status.Provenance.Detail, Does.Contain("tensor 'w'").And.Contain("external"));
    }

    [Test]
    public async Task GetStatusAsync_ModelScoresNaNOnWarmUp_ModelCorrupt()
    {
        using var folder = new TestModelFolder();
        await folder.Registry.StoreAsync(HostileModels.SqrtOfLinear(new float[folder.Layout.Width], float.NaN), folder.Metadata("nan"));
        await folder.PointAtAsync("nan");
        var service = folder.CreateService();

        var status = await service.GetStatusAsync();

        Assert.That(status.Provenance.Reason, Is.EqualTo(FallbackReason.ModelCorrupt), status.Provenance.ToString());
        Assert.That(status.Provenance.Detail, Does.Contain("NaN").And.Contain("not a finite number"));
    }

    [Test]
    public async Task CompareAsync_ModelScoresNaNForRealItems_HeuristicWithReasonLoggedOnce()
    {
        using var folder = new TestModelFolder();
        var a = TestModelFolder.Item("a", "Cut deploy time from 2 hours to 9 minutes");
        var b = TestModelFolder.Item("b", "Hard-working team player");
        var (features, _) = await folder.Features.BuildAsync(a);
        var mean = features.Average();
        var weights = features.Select(x => -(x - mean)).ToArray(); // w·1 = 0 (finite warm-up), w·a < 0 (NaN for a)
        await folder.Registry.StoreAsync(HostileModels.SqrtOfLinear(weights, 0f), folder.Metadata("sometimes-nan"));
        await folder.Registry.ActivateAsync("sometimes-nan");
        var logger = new CapturingLogger();
        var service = folder.CreateService(logger: logger);

        var first = await service.CompareAsync(a, b);
        var second = await service.CompareAsync(a, b);
        var ranked = await service.RankAsync([a, b]);

        foreach (var provenance in new[] { first.Provenance, second.Provenance, ranked.Provenance })
        {
            Assert.That(provenance.Reason, Is.EqualTo(FallbackReason.ModelCorrupt));
            Assert.That(provenance.Detail, Does.Contain("sometimes-nan").And.Contain("not a finite number"));
        }

        Assert.That(first.AScore, Is.EqualTo(HeuristicScorer.Score(ContentMetricsOf(folder, a))), "the call is scored by the heuristic, not NaN");
        Assert.That(first.BScore, Is.EqualTo(HeuristicScorer.Score(ContentMetricsOf(folder, b))));
        Assert.That(logger.Count(3109), Is.EqualTo(1), "logged once, not per call");
    }

    [Test]
    public async Task GetStatusAsync_ModelFileOverTheSizeLimit_RefusedUnread()
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v1", seed: 1);
        await using (var file = File.OpenWrite(folder.PathOf(ModelFileNames.Model("v1"))))
        {
            file.SetLength(ModelFileLimits.MaxModelBytes + 1);
        }

        var service = folder.CreateService();

        var status = await service.GetStatusAsync();

        Assert.That(status.Provenance.Reason, Is.EqualTo(FallbackReason.ModelCorrupt), status.Provenance.ToString());
        Assert.That(status.Provenance.Detail, Does.Contain("more than the 268435456 bytes"));
    }

    private static Ancso.Ml.Metrics.ContentMetrics ContentMetricsOf(TestModelFolder folder, Ancso.Ml.Content.ContentItem item) =>
        folder.Analyzer.Analyze(item.Platform, item.Section, item.Text);

    private static void AssertNoAbsolutePath(TestModelFolder folder, ScoreProvenance provenance) =>
        Assert.That(provenance.Detail, Does.Not.Contain(folder.Root).And.Not.Contain(Path.GetTempPath()), "no absolute server path reaches callers");
}
