using Ancso.Ml.Models;
using Ancso.Ml.Training.Engine;

namespace Ancso.Ml.Training.Tests.Engine;

/// <summary>The refit beside the validated fit: the copy it keeps, its bounds, and what happens when either side fails.</summary>
public class ConcurrentRefitTests
{
    [TestCase(0)]
    [TestCase(3)]
    public void Finish_ValidatedFitJudgesEpochs_GivesTheRefitAtTheChosenEpoch(int refitDelayMs)
    {
        // The "network" is the epoch count itself, so a copy says which epoch it was taken at.
        var trained = 0;
        using var refit = new ConcurrentRefit(
            (epoch, _) =>
            {
                Thread.Sleep(refitDelayMs);
                trained = epoch;
                return new EpochRecord { Epoch = epoch, TrainLoss = 1.0 / epoch };
            },
            () => [trained],
            maxEpochs: 10,
            threadStart: () => { },
            CancellationToken.None);

        // Validation loss improves until epoch 4, then worsens; the validated fit stops early after epoch 7.
        for (var epoch = 1; epoch <= 7; epoch++)
        {
            Thread.Sleep(3 - refitDelayMs);
            refit.Judged(epoch, isBest: epoch <= 4);
        }

        var (weights, epochs) = refit.Finish(4);

        Assert.That(weights, Is.EqualTo(new float[] { 4 }), "the copy taken after epoch 4");
        Assert.That(epochs.Select(e => e.Epoch), Is.EqualTo(new[] { 1, 2, 3, 4 }));
        Assert.That(trained, Is.LessThanOrEqualTo(8), "the refit never runs more than one epoch ahead of the validated fit");
    }

    [Test]
    public void Finish_RefitFailsBeforeTheChosenEpoch_Rethrows()
    {
        using var refit = new ConcurrentRefit(
            (epoch, _) => epoch == 2 ? throw new InvalidOperationException("native failure") : new EpochRecord { Epoch = epoch },
            () => [0],
            maxEpochs: 5,
            threadStart: () => { },
            CancellationToken.None);
        for (var epoch = 1; epoch <= 5; epoch++)
        {
            refit.Judged(epoch, isBest: true);
        }

        Assert.That(() => refit.Finish(5), Throws.InvalidOperationException.With.Message.EqualTo("native failure"));
    }

    [Test]
    public void Finish_RefitDivergesAfterTheChosenEpoch_KeepsTheChosenCopy()
    {
        // A sequential refit of 2 epochs would never have reached epoch 3.
        var trained = 0;
        using var refit = new ConcurrentRefit(
            (epoch, _) =>
            {
                trained = epoch;
                return epoch == 3 ? throw new RankerTrainingException(RankerTrainingErrorKind.Diverged, "diverged") : new EpochRecord { Epoch = epoch };
            },
            () => [trained],
            maxEpochs: 5,
            threadStart: () => { },
            CancellationToken.None);
        refit.Judged(1, isBest: true);
        refit.Judged(2, isBest: true);
        refit.Judged(3, isBest: false);

        var (weights, _) = refit.Finish(2);

        Assert.That(weights, Is.EqualTo(new float[] { 2 }));
    }

    [Test]
    public void Dispose_ValidatedFitFailed_StopsTheRefitBeforeItsNextBatch()
    {
        var batches = 0;
        var refit = new ConcurrentRefit(
            (epoch, token) =>
            {
                for (var batch = 0; batch < 1000; batch++)
                {
                    token.ThrowIfCancellationRequested();
                    Interlocked.Increment(ref batches);
                    Thread.Sleep(1);
                }

                return new EpochRecord { Epoch = epoch };
            },
            () => [0],
            maxEpochs: 5,
            threadStart: () => { },
            CancellationToken.None);
        Thread.Sleep(20);

        refit.Dispose();
        var after = Volatile.Read(ref batches);
        Thread.Sleep(20);

        Assert.That(after, Is.GreaterThan(0).And.LessThan(1000), "stopped within its first epoch");
        Assert.That(Volatile.Read(ref batches), Is.EqualTo(after), "no batch after Dispose returned");
    }
}
