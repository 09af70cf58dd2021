using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Pairs.Storage;
using Ancso.Ml.Learning.Influence;

namespace Ancso.Ml.Tests.Pairs.Influence;

/// <summary>The influence limits as pure functions of the votes: no store, no files.</summary>
public class InfluenceLimiterTests
{
    private const double HumanWeight = 10;
    private const double Share = 0.05;

    private static readonly InfluenceLimitOptions Defaults = new();

    private static double Weight(string source) => source == PairSources.Bootstrap ? 1 : HumanWeight;

    private static string Rater(int i) => "r_" + i.ToString("x32", System.Globalization.CultureInfo.InvariantCulture);

    private static PairVote Vote(int a, int b, int label, string? rater, string source = PairSources.UserChoice) => new(a, b, label, source, rater);

    private static InfluenceLimitResult Apply(IReadOnlyList<PairVote> votes, InfluenceLimitOptions? options = null, Func<string, double>? weight = null) =>
        InfluenceLimiter.Apply(votes, options ?? Defaults, weight ?? Weight);

    /// <summary>Each rater's total kept weight, by the rater of the vote that stands for each kept pair.</summary>
    private static Dictionary<string, double> WeightByRater(IReadOnlyList<PairVote> votes, InfluenceLimitResult result) =>
        result.Pairs.GroupBy(p => votes[p.Vote].Rater ?? "(none)").ToDictionary(g => g.Key, g => g.Sum(p => p.Weight));

    private static void AssertCountsAddUp(InfluenceReport report, int votes)
    {
        Assert.That(report.Votes, Is.EqualTo(votes));
        Assert.That(report.PairsKept + report.VotesSuperseded + report.VotesMerged + report.VotesOutvoted + report.VotesTied, Is.EqualTo(votes),
            $"kept {report.PairsKept} + superseded {report.VotesSuperseded} + merged {report.VotesMerged} + outvoted {report.VotesOutvoted} + tied {report.VotesTied}");
        Assert.That(report.VotesDropped, Is.EqualTo(votes - report.PairsKept));
    }

    [Test]
    public void Apply_SameRaterSamePairTwice_OnlyTheLatestVoteStands()
    {
        PairVote[] votes = [Vote(0, 1, 1, Rater(1)), Vote(0, 1, -1, Rater(1))];

        var result = Apply(votes);

        Assert.That(result.Pairs, Has.Count.EqualTo(1));
        Assert.That((result.Pairs[0].Vote, result.Pairs[0].Label, result.Pairs[0].Weight), Is.EqualTo((1, -1, HumanWeight)));
        Assert.That((result.Report.VotesSuperseded, result.Report.PairsMerged), Is.EqualTo((1, 0)));
        AssertCountsAddUp(result.Report, 2);
    }

    [Test]
    public void Apply_SameRaterSamePairWithAAndBSwapped_CountsAsOnePair()
    {
        // First: item 0 better. Then the same two items shown the other way round: item 0 is B and better again, then B → worse.
        PairVote[] votes = [Vote(0, 1, 1, Rater(1)), Vote(1, 0, -1, Rater(1)), Vote(1, 0, 1, Rater(1))];

        var result = Apply(votes);

        Assert.That(result.Pairs, Has.Count.EqualTo(1));
        Assert.That((result.Pairs[0].Vote, result.Pairs[0].ItemA, result.Pairs[0].ItemB, result.Pairs[0].Label), Is.EqualTo((2, 1, 0, 1)));
        Assert.That(result.Report.VotesSuperseded, Is.EqualTo(2));
    }

    [Test]
    public void Apply_SameRaterSamePairInTwoHumanSources_OneVoteStands()
    {
        PairVote[] votes = [Vote(0, 1, 1, Rater(1), PairSources.UserChoice), Vote(1, 0, 1, Rater(1), PairSources.Manual)];

        var result = Apply(votes);

        Assert.That(result.Pairs.Select(p => (p.Vote, p.Source)), Is.EqualTo(new[] { (1, PairSources.Manual) }));
        Assert.That(result.Report.VotesSuperseded, Is.EqualTo(1));
    }

    [Test]
    public void Apply_TwoRatersSamePairSameVerdict_OneKeptPairWithBothWeights()
    {
        PairVote[] votes = [Vote(0, 1, 1, Rater(1)), Vote(1, 0, -1, Rater(2))];

        var result = Apply(votes);

        Assert.That(result.Pairs, Has.Count.EqualTo(1));
        Assert.That((result.Pairs[0].Vote, result.Pairs[0].Weight), Is.EqualTo((1, 2 * HumanWeight)));
        Assert.That((result.Report.VotesSuperseded, result.Report.PairsMerged, result.Report.VotesMerged), Is.EqualTo((0, 1, 1)));
        AssertCountsAddUp(result.Report, 2);
    }

    [Test]
    public void Apply_FloodOf2000VotesBeside80OneVoteRaters_CapsTheFloodToItsShare()
    {
        var votes = new List<PairVote>();
        for (var r = 0; r < 80; r++)
        {
            votes.Add(Vote(2 * r, (2 * r) + 1, 1, Rater(r)));
        }

        var flood = Rater(999);
        for (var i = 0; i < 2000; i++)
        {
            votes.Add(Vote(1000 + (2 * i), 1001 + (2 * i), i % 2 == 0 ? 1 : -1, flood));
        }

        var result = Apply(votes);

        var byRater = WeightByRater(votes, result);
        var others = 80 * HumanWeight;
        var expected = Share / (1 - Share) * others;
        Assert.Multiple(() =>
        {
            Assert.That(byRater[flood], Is.EqualTo(expected).Within(1e-9));
            Assert.That(byRater.Where(r => r.Key != flood).Select(r => r.Value), Is.All.EqualTo(HumanWeight), "the others are not touched");
            Assert.That(result.Pairs, Has.Count.EqualTo(2080), "every vote is still trained on, the flood's lighter");
            Assert.That(result.Pairs.Where(p => votes[p.Vote].Rater == flood).Select(p => p.Weight), Is.All.EqualTo(expected / 2000).Within(1e-12));
            Assert.That(result.Report.LargestShareAfter, Is.LessThanOrEqualTo(Share + 1e-9));
            Assert.That(result.Report.LargestShareAfter, Is.EqualTo(Share).Within(1e-9), "the cap is the largest weight that holds the share");
            Assert.That(result.Report.LargestShareBefore, Is.EqualTo(20000.0 / 20800).Within(1e-12));
            Assert.That(result.Report.HumanWeightBefore, Is.EqualTo(20800).Within(1e-9));
            Assert.That(result.Report.HumanWeightAfter, Is.EqualTo(others + expected).Within(1e-9));
            Assert.That((result.Report.Raters, result.Report.CappedRaters), Is.EqualTo((81, 1)));
        });
        AssertCountsAddUp(result.Report, votes.Count);
    }

    [Test]
    public void Apply_TwoFloodsBeside40Raters_CapsBothToTheSameShare()
    {
        var votes = new List<PairVote>();
        for (var r = 0; r < 40; r++)
        {
            votes.Add(Vote(2 * r, (2 * r) + 1, 1, Rater(r)));
        }

        for (var i = 0; i < 100; i++)
        {
            votes.Add(Vote(1000 + (4 * i), 1001 + (4 * i), 1, Rater(900)));
            votes.Add(Vote(1002 + (4 * i), 1003 + (4 * i), 1, Rater(901)));
        }

        var result = Apply(votes);

        var byRater = WeightByRater(votes, result);
        var expected = Share * 400 / (1 - (2 * Share));
        Assert.That(byRater[Rater(900)], Is.EqualTo(expected).Within(1e-9));
        Assert.That(byRater[Rater(901)], Is.EqualTo(expected).Within(1e-9));
        Assert.That(result.Report.LargestShareAfter, Is.EqualTo(Share).Within(1e-9));
        Assert.That(result.Report.CappedRaters, Is.EqualTo(2));
    }

    [Test]
    public void Apply_RandomRaters_NoRaterAboveTheShareAndTheLightOnesUntouched()
    {
        var random = new Random(20261125);
        var votes = new List<PairVote>();
        var item = 0;
        for (var r = 0; r < 60; r++)
        {
            var count = r < 5 ? random.Next(50, 400) : random.Next(1, 12);
            for (var i = 0; i < count; i++, item += 2)
            {
                votes.Add(Vote(item, item + 1, random.Next(2) == 0 ? 1 : -1, Rater(r), random.Next(3) == 0 ? PairSources.Manual : PairSources.UserChoice));
            }
        }

        var result = Apply(votes, weight: s => s == PairSources.Manual ? 3 : HumanWeight);

        var raw = votes.GroupBy(v => v.Rater!).ToDictionary(g => g.Key, g => g.Sum(v => v.Source == PairSources.Manual ? 3.0 : HumanWeight));
        var after = WeightByRater(votes, result);
        var total = after.Values.Sum();
        var cap = after.Values.Max();
        Assert.Multiple(() =>
        {
            Assert.That(cap / total, Is.EqualTo(Share).Within(1e-9));
            foreach (var (rater, weight) in after)
            {
                Assert.That(weight, Is.EqualTo(Math.Min(raw[rater], cap)).Within(1e-9), rater);
            }

            Assert.That(result.Report.CappedRaters, Is.EqualTo(raw.Values.Count(w => w > cap * (1 + 1e-9))));
        });
        AssertCountsAddUp(result.Report, votes.Count);
    }

    [Test]
    public void Apply_FewerRatersThanOneOverTheShare_HoldsEachToTheTypicalRatersWeight()
    {
        // 3 raters < 1 / 0.05: no share of 5 % can hold for all, so each keeps up to the typical (lower median) rater's weight, 20.
        var votes = new List<PairVote> { Vote(0, 1, 1, Rater(1)) };
        votes.AddRange(Enumerable.Range(0, 2).Select(i => Vote(10 + (2 * i), 11 + (2 * i), 1, Rater(2))));
        votes.AddRange(Enumerable.Range(0, 30).Select(i => Vote(100 + (2 * i), 101 + (2 * i), -1, Rater(3))));

        var result = Apply(votes);

        var byRater = WeightByRater(votes, result);
        Assert.That(byRater[Rater(1)], Is.EqualTo(HumanWeight).Within(1e-9), "the least active rater is not raised");
        Assert.That(byRater[Rater(2)], Is.EqualTo(2 * HumanWeight).Within(1e-9), "the typical rater is not cut");
        Assert.That(byRater[Rater(3)], Is.EqualTo(2 * HumanWeight).Within(1e-9), "the flood counts as one typical person");
        Assert.That(result.Report.LargestShareAfter, Is.EqualTo(0.4).Within(1e-9));
        Assert.That((result.Report.Raters, result.Report.CappedRaters), Is.EqualTo((3, 1)));
    }

    [Test]
    public void Apply_SmallTeam_MostActiveMemberIsNotCutToTheLeastActive()
    {
        // 1, 3, 4 and 100 votes: the typical (lower median) rater has 3 votes; the raters above are cut to that, not to 1 vote.
        var votes = new List<PairVote>();
        var item = 0;
        foreach (var (rater, count) in new[] { (1, 1), (2, 3), (3, 4), (4, 100) })
        {
            for (var i = 0; i < count; i++, item += 2)
            {
                votes.Add(Vote(item, item + 1, 1, Rater(rater)));
            }
        }

        var result = Apply(votes);

        var byRater = WeightByRater(votes, result);
        Assert.That(new[] { 1, 2, 3, 4 }.Select(r => byRater[Rater(r)]), Is.EqualTo(new[] { 10, 30, 30, 30 }.Select(w => (double)w)).Within(1e-9));
        Assert.That(result.Report.CappedRaters, Is.EqualTo(2));
    }

    [Test]
    public void Apply_MostRatersHeavy_TheCapNeverCutsBelowTheTypicalRater()
    {
        // 12 raters of 100 votes and 10 of one: 22 raters, but the typical rater is a heavy one, so nobody is cut.
        var votes = new List<PairVote>();
        var item = 0;
        for (var r = 0; r < 22; r++)
        {
            for (var i = 0; i < (r < 12 ? 100 : 1); i++, item += 2)
            {
                votes.Add(Vote(item, item + 1, 1, Rater(r)));
            }
        }

        var result = Apply(votes);

        Assert.That(result.Pairs.Select(p => p.Weight), Is.All.EqualTo(HumanWeight));
        Assert.That(result.Report.CappedRaters, Is.Zero);
        Assert.That(result.Report.LargestShareAfter, Is.EqualTo(1000.0 / 12100).Within(1e-12));
    }

    [Test]
    public void Apply_OneRaterAlone_KeepsTheirWeights()
    {
        PairVote[] votes = [Vote(0, 1, 1, Rater(1)), Vote(2, 3, 1, Rater(1)), Vote(4, 5, 1, null, PairSources.Bootstrap)];

        var result = Apply(votes);

        Assert.That(result.Pairs.Select(p => p.Weight), Is.EqualTo(new[] { HumanWeight, HumanWeight, 1 }));
        Assert.That((result.Report.CappedRaters, result.Report.LargestShareAfter), Is.EqualTo((0, 1.0)));
    }

    [Test]
    public void Apply_RaterWhoseSourceWeighsNothing_DoesNotPullTheOthersToZero()
    {
        // before_after switched off (weight 0). Its rater carries no weight, so it must not set the others' cap either.
        PairVote[] votes =
        [
            Vote(0, 1, 1, Rater(1)),
            Vote(2, 3, 1, Rater(1)),
            Vote(4, 5, -1, Rater(2)),
            Vote(6, 7, 1, Rater(3), PairSources.BeforeAfter),
        ];

        var result = Apply(votes, weight: s => s == PairSources.BeforeAfter ? 0 : HumanWeight);

        var byRater = WeightByRater(votes, result);
        Assert.That(byRater[Rater(1)], Is.EqualTo(HumanWeight).Within(1e-9), "two raters that weigh something: held to the typical one");
        Assert.That(byRater[Rater(2)], Is.EqualTo(HumanWeight).Within(1e-9));
        Assert.That(result.Report.HumanWeightAfter, Is.EqualTo(2 * HumanWeight).Within(1e-9));
    }

    [Test]
    public void Apply_ManyZeroWeightRaters_DoNotLetTheCapFallToZero()
    {
        // 10 raters of one vote, a flood of 100, and 15 raters whose only source weighs nothing: 26 raters, but 11 that weigh anything.
        var votes = new List<PairVote>();
        votes.AddRange(Enumerable.Range(0, 10).Select(r => Vote(2 * r, (2 * r) + 1, 1, Rater(r))));
        votes.AddRange(Enumerable.Range(0, 100).Select(i => Vote(100 + (2 * i), 101 + (2 * i), 1, Rater(50))));
        votes.AddRange(Enumerable.Range(0, 15).Select(r => Vote(1000 + (2 * r), 1001 + (2 * r), 1, Rater(100 + r), PairSources.BeforeAfter)));

        var result = Apply(votes, weight: s => s == PairSources.BeforeAfter ? 0 : HumanWeight);

        Assert.That(result.Report.HumanWeightAfter, Is.GreaterThan(0), "human votes still teach something");
        var byRater = WeightByRater(votes, result);
        Assert.That(byRater[Rater(0)], Is.EqualTo(HumanWeight).Within(1e-9));
        Assert.That(byRater[Rater(50)], Is.EqualTo(HumanWeight).Within(1e-9), "11 raters < 20: held to the typical rater among those that weigh anything");
    }

    [Test]
    public void Apply_CapOffAndUnattributedTrusted_EveryWeightIsTheSourceWeight()
    {
        var votes = new List<PairVote>();
        votes.AddRange(Enumerable.Range(0, 500).Select(i => Vote(2 * i, (2 * i) + 1, 1, Rater(1))));
        votes.AddRange(Enumerable.Range(0, 50).Select(i => Vote(2000 + (2 * i), 2001 + (2 * i), -1, null)));
        votes.AddRange(Enumerable.Range(0, 5).Select(i => Vote(3000 + (2 * i), 3001 + (2 * i), -1, Rater(2), PairSources.Manual)));
        votes.AddRange(Enumerable.Range(0, 200).Select(i => Vote(4000 + (2 * i), 4001 + (2 * i), 1, null, PairSources.Bootstrap)));

        var result = Apply(votes, new InfluenceLimitOptions { MaxRaterShare = 1, TrustUnattributed = true });

        Assert.That(result.Pairs, Has.Count.EqualTo(votes.Count));
        Assert.That(result.Pairs.Select(p => p.Weight), Is.EqualTo(result.Pairs.Select(p => Weight(votes[p.Vote].Source))));
        Assert.That(result.Pairs.Select(p => p.Vote), Is.EqualTo(Enumerable.Range(0, votes.Count)), "kept in the votes' order");
        Assert.That(result.Report.CappedRaters, Is.Zero);
        Assert.That(result.Report.HumanWeightAfter, Is.EqualTo(result.Report.HumanWeightBefore));
        Assert.That((result.Report.Raters, result.Report.UnattributedVotes, result.Report.HumanVotes), Is.EqualTo((52, 50, 555)));
    }

    [Test]
    public void Apply_UnattributedVotesOnOnePair_PooledAreOneVoteTrustedAreMany()
    {
        var votes = Enumerable.Range(0, 5).Select(_ => Vote(0, 1, 1, null)).ToList();

        var pooled = Apply(votes);
        var trusted = Apply(votes, new InfluenceLimitOptions { TrustUnattributed = true });

        Assert.Multiple(() =>
        {
            Assert.That(pooled.Pairs.Select(p => (p.Vote, p.Weight)), Is.EqualTo(new[] { (4, HumanWeight) }));
            Assert.That((pooled.Report.Raters, pooled.Report.VotesSuperseded, pooled.Report.UnattributedVotes), Is.EqualTo((1, 4, 5)));
            Assert.That(trusted.Pairs.Select(p => (p.Vote, p.Weight)), Is.EqualTo(new[] { (4, 5 * HumanWeight) }));
            Assert.That((trusted.Report.Raters, trusted.Report.VotesSuperseded, trusted.Report.VotesMerged), Is.EqualTo((5, 0, 4)));
        });
        AssertCountsAddUp(pooled.Report, 5);
        AssertCountsAddUp(trusted.Report, 5);
    }

    [Test]
    public void Apply_PooledUnattributedVotesSplitOnAPair_ThePoolsMajorityStands()
    {
        // Unattributed votes are many unknown people: two say item 0, the later one says item 1; the pool stands with item 0.
        PairVote[] votes = [Vote(0, 1, 1, null), Vote(1, 0, -1, null), Vote(0, 1, -1, null)];

        var result = Apply(votes);

        Assert.That(result.Pairs.Select(p => (p.Vote, p.Label, p.Weight)), Is.EqualTo(new[] { (1, -1, HumanWeight) }), "the latest vote of the majority side: item 0 better");
        Assert.That((result.Report.Raters, result.Report.VotesSuperseded), Is.EqualTo((1, 2)));
        AssertCountsAddUp(result.Report, 3);
    }

    [Test]
    public void Apply_PooledUnattributedVotesTiedOnAPair_TheLatestStands()
    {
        PairVote[] votes = [Vote(0, 1, 1, null), Vote(0, 1, -1, null)];

        var result = Apply(votes);

        Assert.That(result.Pairs.Select(p => (p.Vote, p.Label)), Is.EqualTo(new[] { (1, -1) }));
    }

    [Test]
    public void Apply_AnonymousFloodBeside80Raters_IsCappedLikeOnePerson()
    {
        var votes = new List<PairVote>();
        votes.AddRange(Enumerable.Range(0, 80).Select(r => Vote(2 * r, (2 * r) + 1, 1, Rater(r))));
        votes.AddRange(Enumerable.Range(0, 1000).Select(i => Vote(1000 + (2 * i), 1001 + (2 * i), -1, null)));

        var pooled = Apply(votes);
        var trusted = Apply(votes, new InfluenceLimitOptions { TrustUnattributed = true });

        var anonymous = pooled.Pairs.Where(p => votes[p.Vote].Rater is null).Sum(p => p.Weight);
        Assert.That(anonymous, Is.EqualTo(Share / (1 - Share) * 800).Within(1e-9));
        Assert.That((pooled.Report.Raters, pooled.Report.CappedRaters), Is.EqualTo((81, 1)));
        Assert.That(trusted.Pairs.Where(p => votes[p.Vote].Rater is null).Sum(p => p.Weight), Is.EqualTo(10_000).Within(1e-9));
        Assert.That((trusted.Report.Raters, trusted.Report.CappedRaters), Is.EqualTo((1080, 0)));
    }

    [Test]
    public void Apply_ThreeRatersAgainstOne_KeepsTheMajorityWithTheNetWeight()
    {
        PairVote[] votes =
        [
            Vote(0, 1, 1, Rater(1)),
            Vote(1, 0, 1, Rater(2)),
            Vote(0, 1, 1, Rater(3)),
            Vote(1, 0, -1, Rater(4)),
        ];

        var result = Apply(votes);

        Assert.That(result.Pairs, Has.Count.EqualTo(1));
        var kept = result.Pairs[0];
        Assert.That((kept.Vote, kept.ItemA, kept.ItemB, kept.Label), Is.EqualTo((3, 1, 0, -1)), "the latest vote of the majority: item 0 better");
        Assert.That(kept.Weight, Is.EqualTo(2 * HumanWeight).Within(1e-9));
        Assert.That((result.Report.PairsMerged, result.Report.VotesMerged, result.Report.VotesOutvoted, result.Report.PairsTied), Is.EqualTo((1, 2, 1, 0)));
        AssertCountsAddUp(result.Report, 4);
    }

    [Test]
    public void Apply_OneRaterAgainstOne_TiesAndDropsThePair()
    {
        PairVote[] votes = [Vote(0, 1, 1, Rater(1)), Vote(0, 1, -1, Rater(2)), Vote(2, 3, 1, Rater(3))];

        var result = Apply(votes);

        Assert.That(result.Pairs.Select(p => p.Vote), Is.EqualTo(new[] { 2 }));
        Assert.That((result.Report.PairsMerged, result.Report.PairsTied, result.Report.VotesTied, result.Report.PairsKept), Is.EqualTo((1, 1, 2, 1)));
        AssertCountsAddUp(result.Report, 3);
    }

    [Test]
    public void Apply_HumanAgainstBootstrapOnTheSameItems_HumanWinsByTheDifference()
    {
        PairVote[] votes = [Vote(1, 0, 1, null, PairSources.Bootstrap), Vote(0, 1, 1, Rater(1))];

        var result = Apply(votes);

        Assert.That(result.Pairs, Has.Count.EqualTo(1));
        Assert.That((result.Pairs[0].Vote, result.Pairs[0].Source, result.Pairs[0].Label), Is.EqualTo((1, PairSources.UserChoice, 1)));
        Assert.That(result.Pairs[0].Weight, Is.EqualTo(HumanWeight - 1).Within(1e-12));
        Assert.That((result.Report.VotesOutvoted, result.Report.Raters, result.Report.HumanVotes), Is.EqualTo((1, 1, 1)));
    }

    [Test]
    public void Apply_ManyBootstrapVotes_AreNeverCapped()
    {
        var votes = Enumerable.Range(0, 1000).Select(i => Vote(2 * i, (2 * i) + 1, 1, null, PairSources.Bootstrap)).ToList();
        votes.Add(Vote(5000, 5001, 1, Rater(1)));
        votes.Add(Vote(5002, 5003, 1, Rater(2)));

        var result = Apply(votes);

        Assert.That(result.Pairs.Take(1000).Select(p => p.Weight), Is.All.EqualTo(1.0));
        Assert.That(result.Pairs.Skip(1000).Select(p => p.Weight), Is.All.EqualTo(HumanWeight));
        Assert.That((result.Report.Raters, result.Report.CappedRaters, result.Report.HumanVotes), Is.EqualTo((2, 0, 2)));
        Assert.That(result.Report.HumanWeightBefore, Is.EqualTo(2 * HumanWeight));
    }

    [Test]
    public void Apply_BootstrapVoteRepeatedOnTheSameItems_StandsOnce()
    {
        PairVote[] votes = [Vote(0, 1, 1, null, PairSources.Bootstrap), Vote(1, 0, -1, null, PairSources.Bootstrap)];

        var result = Apply(votes);

        Assert.That(result.Pairs.Select(p => (p.Vote, p.Weight)), Is.EqualTo(new[] { (1, 1.0) }));
        Assert.That(result.Report.VotesSuperseded, Is.EqualTo(1));
    }

    [Test]
    public void Apply_NoVotes_KeepsNothingAndReportsZeros()
    {
        var result = Apply([]);

        Assert.That(result.Pairs, Is.Empty);
        Assert.That((result.Report.Votes, result.Report.Raters, result.Report.LargestShareBefore, result.Report.LargestShareAfter), Is.EqualTo((0, 0, 0.0, 0.0)));
    }

    [Test]
    public void Apply_RandomMix_CountsAddUpAndEachPairOfItemsIsKeptAtMostOnce()
    {
        var random = new Random(7);
        var sources = PairSources.All.ToArray();
        var votes = new List<PairVote>();
        for (var i = 0; i < 3000; i++)
        {
            var a = random.Next(40);
            var b = (a + 1 + random.Next(39)) % 40;
            var source = sources[random.Next(sources.Length)];
            var rater = source == PairSources.Bootstrap || random.Next(5) == 0 ? null : Rater(random.Next(12));
            votes.Add(Vote(a, b, random.Next(2) == 0 ? 1 : -1, rater, source));
        }

        var result = Apply(votes, weight: s => s switch { PairSources.Bootstrap => 1, PairSources.Manual => 4, _ => HumanWeight });

        var report = result.Report;
        Assert.Multiple(() =>
        {
            AssertCountsAddUp(report, votes.Count);
            Assert.That(report.PairsKept, Is.EqualTo(result.Pairs.Count));
            Assert.That(report.HumanVotes, Is.EqualTo(votes.Count(v => v.Source != PairSources.Bootstrap)));
            Assert.That(report.UnattributedVotes, Is.EqualTo(votes.Count(v => v.Source != PairSources.Bootstrap && v.Rater is null)));
            Assert.That(report.Raters, Is.EqualTo(votes.Where(v => v.Source != PairSources.Bootstrap).Select(v => v.Rater ?? "pool").Distinct().Count()));
            Assert.That(result.Pairs.Select(p => (Math.Min(p.ItemA, p.ItemB), Math.Max(p.ItemA, p.ItemB))), Is.Unique);
            Assert.That(result.Pairs.Select(p => p.Vote), Is.Ordered.And.Unique);
            Assert.That(result.Pairs.Select(p => p.Weight), Is.All.GreaterThan(0));
            Assert.That(result.Pairs.Select(p => (p.ItemA, p.ItemB, p.Label, p.Source)), Is.EqualTo(result.Pairs.Select(p => (votes[p.Vote].ItemA, votes[p.Vote].ItemB, votes[p.Vote].Label, votes[p.Vote].Source))));
            Assert.That(report.LargestShareAfter, Is.LessThanOrEqualTo(report.LargestShareBefore + 1e-12), "the cap never makes a rater heavier");
        });
    }

    [TestCase(0.0)]
    [TestCase(-0.05)]
    [TestCase(1.5)]
    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    public void Apply_MaxRaterShareOutOfRange_Throws(double share)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Apply([Vote(0, 1, 1, Rater(1))], new InfluenceLimitOptions { MaxRaterShare = share }));

        Assert.That(e!.ParamName, Is.EqualTo(nameof(InfluenceLimitOptions.MaxRaterShare)));
    }

    [TestCase(3, 3, 1)]
    [TestCase(0, 1, 0)]
    [TestCase(0, 1, 2)]
    [TestCase(0, 1, -2)]
    [TestCase(-1, 1, 1)]
    [TestCase(0, -4, -1)]
    public void Apply_BadVote_ThrowsNamingIt(int a, int b, int label)
    {
        PairVote[] votes = [Vote(5, 6, 1, Rater(1)), Vote(a, b, label, Rater(1))];

        var e = Assert.Throws<ArgumentException>(() => Apply(votes));

        Assert.That(e!.Message, Does.StartWith("Vote 1 "));
    }

    [Test]
    public void Apply_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => InfluenceLimiter.Apply(null!, Defaults, Weight));
        Assert.Throws<ArgumentNullException>(() => InfluenceLimiter.Apply([], null!, Weight));
        Assert.Throws<ArgumentNullException>(() => InfluenceLimiter.Apply([], Defaults, null!));
    }

    [Test]
    public void Options_Defaults_AreAFivePercentCapAndPooledUnattributed()
    {
        var options = new InfluenceLimitOptions();

        Assert.That((options.MaxRaterShare, options.TrustUnattributed), Is.EqualTo((0.05, false)));
        Assert.DoesNotThrow(options.Validate);
    }
}
