using System.Diagnostics;
using TorchSharp;

namespace Ancso.Ml.Training.Tests.Engine;

public class TrainingLoopMemoryTests
{
    [Test]
    public async Task TrainAsync_ThousandEpochs_LiveTensorsAndMemoryStayFlat()
    {
        using var folder = new TempFolder();
        var options = new RankerTrainingOptions
        {
            Pairs = TestDatasets.LearnablePairs(items: 30, pairs: 40, dimension: 16),
            Layout = TestDatasets.Layout(16),
            OutputDirectory = folder.Combine("models"),
            Epochs = 1000,
            EarlyStoppingPatience = 0,
            BatchSize = 16,
        };
        long liveAt100 = 0, liveAt1000 = 0, rssAt100 = 0, rssAt1000 = 0;
        var progress = new InlineProgress(p =>
        {
            if (p.Epoch is 100 or 1000)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                using var process = Process.GetCurrentProcess();
                var live = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
                (p.Epoch == 100 ? ref liveAt100 : ref liveAt1000) = live;
                (p.Epoch == 100 ? ref rssAt100 : ref rssAt1000) = process.WorkingSet64;
            }
        });

        var result = await new RankerTrainer().TrainAsync(options, progress);

        Assert.That(result.EpochsRun, Is.EqualTo(1000));
        Assert.That(liveAt1000, Is.EqualTo(liveAt100), $"no tensor outlives its batch or epoch ({liveAt100} live at epoch 100, {liveAt1000} at 1000)");
        Assert.That(rssAt1000 - rssAt100, Is.LessThan(32L << 20), "resident memory grows by less than 32 MiB over 900 epochs");
    }
}
