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

    [Test]
    public void Decide_RetentionErasedPairsWhileAModelIsActive_TrainsWithFewNewPairs()
    {
        var decision = RetrainPolicy.Decide(storedPairs: 110, pairsAtLastTraining: 100, minNewPairs: 50, new ErasureState(HasActiveModel: true, ActiveModelLearnedFromErasedData: false, PairsErased: 3));
        Assert.That(decision, Is.EqualTo(new RetrainDecision(true, 10,
            "the retention period erased 3 pairs; training a replacement for the active model on the 110 pairs that remain")));
    }

    [Test]
    public void Decide_ActiveModelLearnedFromErasedData_TrainsWithNoNewPairs()
    {
        var decision = RetrainPolicy.Decide(storedPairs: 94, pairsAtLastTraining: 100, minNewPairs: 50, new ErasureState(true, true, 0));
        Assert.That(decision.ShouldTrain, Is.True);
        Assert.That(decision.Reason, Does.StartWith("the active model learned from erased data; training a replacement"));
    }

    [Test]
    public void Decide_ActiveModelLearnedFromErasedDataButNoPairsRemain_DoesNotTrain()
    {
        var decision = RetrainPolicy.Decide(storedPairs: 0, pairsAtLastTraining: 100, minNewPairs: 50, new ErasureState(true, true, 100));
        Assert.That(decision.ShouldTrain, Is.False);
        Assert.That(decision.Reason, Does.Contain("no pairs remain"));
    }

    [Test]
    public void Decide_ErasureBeforeAnyModel_FollowsTheThreshold()
    {
        var decision = RetrainPolicy.Decide(storedPairs: 20, pairsAtLastTraining: 0, minNewPairs: 50, new ErasureState(HasActiveModel: false, ActiveModelLearnedFromErasedData: false, PairsErased: 7));
        Assert.That(decision, Is.EqualTo(new RetrainDecision(false, 20, "20 new pairs, fewer than the threshold of 50")));
    }
}
