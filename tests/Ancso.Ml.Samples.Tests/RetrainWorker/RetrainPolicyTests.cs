using Ancso.Ml.Samples.RetrainWorker;

namespace Ancso.Ml.Samples.Tests.RetrainWorker;

public class RetrainPolicyTests
{
    [Test]
    public void Decide_FewerNewPairsThanThreshold_DoesNotTrain()
    {
        var decision = RetrainPolicy.Decide(storedPairs: 149, pairsAtLastTraining: 100, minNewPairs: 50);
        Assert.That(decision, Is.EqualTo(new RetrainDecision(false, 49, "49 new pairs, fewer than the threshold of 50")));
    }

    [Test]
    public void Decide_ThresholdReached_Trains()
    {
        var decision = RetrainPolicy.Decide(storedPairs: 150, pairsAtLastTraining: 100, minNewPairs: 50);
        Assert.That(decision, Is.EqualTo(new RetrainDecision(true, 50, "50 new pairs (threshold 50)")));
    }

    [Test]
    public void Decide_NeverTrained_CountsEveryPair()
    {
        Assert.That(RetrainPolicy.Decide(storedPairs: 60, pairsAtLastTraining: 0, minNewPairs: 50).ShouldTrain, Is.True);
    }

    [Test]
    public void Decide_StoreReplacedBySmallerOne_CountsAllItsPairsAsNew()
    {
        var decision = RetrainPolicy.Decide(storedPairs: 70, pairsAtLastTraining: 500, minNewPairs: 50);
        Assert.That(decision.NewPairs, Is.EqualTo(70));
        Assert.That(decision.ShouldTrain, Is.True);
    }
}
