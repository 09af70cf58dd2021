namespace Ancso.Ml.Learning.Influence;

/// <summary>
/// The influence limits, in the one place every training source goes through: one vote per rater per pair of items
/// (the latest wins: a person who judges the same pair again has changed their mind; for the pool of unattributed
/// votes, which are many unknown people, the pool's majority on the pair, the latest on a tie); a cap on any one
/// rater's share of the human weight (the heaviest raters are scaled down together, so that none carries more than
/// <see cref="InfluenceLimitOptions.MaxRaterShare"/>, but never below the typical rater's weight, the lower median);
/// unattributed votes pooled as one
/// rater unless trusted; several raters on one pair of items resolved by weighted vote (the pair is trained on once,
/// with the winning side's weight less the losing side's; an exact tie trains on neither). Bootstrap pairs are no
/// person's: each counts with its source weight, uncapped.
/// </summary>
public static class InfluenceLimiter
{
    /// <summary>The voter of pooled unattributed votes.</summary>
    internal const string UnattributedVoter = "\0unattributed";

    /// <summary>The prefix of machine voters (one per non-human source).</summary>
    internal const string SourceVoterPrefix = "\0source:";

    /// <summary>The prefix of a trusted unattributed vote's own voter.</summary>
    internal const string TrustedVotePrefix = "\0vote:";

    /// <summary>Applies the limits to <paramref name="votes"/>, given in the order they were recorded (later votes are newer).</summary>
    /// <param name="votes">The votes.</param>
    /// <param name="options">The limits.</param>
    /// <param name="sourceWeight">The loss weight of a vote of each source (for example <c>user_choice</c> 10, <c>bootstrap</c> 1).</param>
    /// <returns>The pairs to train on, with their weights, and what the limits did.</returns>
    /// <exception cref="ArgumentException">A vote names one item on both sides, has a label other than 1 or -1, or a negative item index.</exception>
    public static InfluenceLimitResult Apply(IReadOnlyList<PairVote> votes, InfluenceLimitOptions options, Func<string, double> sourceWeight)
    {
        ArgumentNullException.ThrowIfNull(votes);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sourceWeight);
        options.Validate();

        var (voterNames, voterOf, standing, superseded) = StandingVotes(votes, options.TrustUnattributed);
        var human = voterNames.Select(static name => !name.StartsWith(SourceVoterPrefix, StringComparison.Ordinal)).ToArray();
        var humanVotes = votes.Count(static v => !IsBootstrap(v));
        var unattributed = votes.Count(static v => !IsBootstrap(v) && v.Rater is null);

        // Each human voter's weight, then the cap on the heaviest.
        var raw = new double[voterNames.Count];
        foreach (var (key, index) in standing)
        {
            raw[key.Voter] += Math.Max(0, sourceWeight(votes[index].Source));
        }

        var humanVoters = Enumerable.Range(0, voterNames.Count).Where(v => human[v]).ToArray();
        var cap = Cap([.. humanVoters.Select(v => raw[v])], options.MaxRaterShare);
        var scale = new double[voterNames.Count];
        Array.Fill(scale, 1.0);
        var capped = 0;
        double before = 0, after = 0, largestBefore = 0, largestAfter = 0;
        foreach (var v in humanVoters)
        {
            before += raw[v];
            var limited = Math.Min(raw[v], cap);
            if (limited < raw[v] * (1 - 1e-12))
            {
                capped++;
                scale[v] = raw[v] > 0 ? limited / raw[v] : 1;
            }

            after += raw[v] * scale[v];
            largestBefore = Math.Max(largestBefore, raw[v]);
            largestAfter = Math.Max(largestAfter, raw[v] * scale[v]);
        }

        // Several voters on one pair of items: a weighted vote.
        var byPair = new Dictionary<(int Low, int High), List<int>>();
        foreach (var (key, index) in standing)
        {
            if (!byPair.TryGetValue((key.Low, key.High), out var list))
            {
                byPair[(key.Low, key.High)] = list = [];
            }

            list.Add(index);
        }

        var kept = new List<WeightedPair>(byPair.Count);
        int merged = 0, mergedVotes = 0, outvoted = 0, tied = 0, tiedVotes = 0;
        foreach (var ((low, _), list) in byPair)
        {
            double net = 0, total = 0;
            foreach (var index in list)
            {
                var w = Math.Max(0, sourceWeight(votes[index].Source)) * scale[voterOf[index]];
                net += WinnerIsLow(votes[index], low) ? w : -w;
                total += w;
            }

            if (list.Count == 1)
            {
                var only = votes[list[0]];
                kept.Add(new WeightedPair(list[0], only.ItemA, only.ItemB, only.Label, only.Source, total));
                continue;
            }

            merged++;
            if (Math.Abs(net) <= total * 1e-9)
            {
                tied++;
                tiedVotes += list.Count;
                continue;
            }

            var lowWins = net > 0;
            var winner = list.Where(index => WinnerIsLow(votes[index], low) == lowWins).Max();
            var winners = list.Count(index => WinnerIsLow(votes[index], low) == lowWins);
            mergedVotes += winners - 1;
            outvoted += list.Count - winners;
            var vote = votes[winner];
            kept.Add(new WeightedPair(winner, vote.ItemA, vote.ItemB, vote.Label, vote.Source, Math.Abs(net)));
        }

        kept.Sort(static (x, y) => x.Vote.CompareTo(y.Vote));
        var report = new InfluenceReport
        {
            MaxRaterShare = options.MaxRaterShare,
            TrustUnattributed = options.TrustUnattributed,
            Votes = votes.Count,
            HumanVotes = humanVotes,
            UnattributedVotes = unattributed,
            Raters = humanVoters.Length,
            CappedRaters = capped,
            LargestShareBefore = before > 0 ? largestBefore / before : 0,
            LargestShareAfter = after > 0 ? largestAfter / after : 0,
            HumanWeightBefore = before,
            HumanWeightAfter = after,
            VotesSuperseded = superseded,
            PairsMerged = merged,
            VotesMerged = mergedVotes,
            VotesOutvoted = outvoted,
            PairsTied = tied,
            VotesTied = tiedVotes,
            PairsKept = kept.Count,
        };
        return new InfluenceLimitResult(kept, report);
    }

    /// <summary>
    /// The most weight one rater keeps: the largest <c>t</c> with <c>t ≤ share × Σ min(wᵢ, t)</c>, so that after capping
    /// no rater holds more than <paramref name="share"/> of the total, but never less than the typical rater's weight
    /// (the lower median): with few raters, where the share cannot hold for everyone (fewer than <c>1 / share</c>) or
    /// would cut raters below the typical one, each rater keeps up to what a typical rater has, so a flood counts as one
    /// typical person and a small team's most active member is not cut to the least active one's weight.
    /// <see cref="double.PositiveInfinity"/> when nobody needs capping.
    /// </summary>
    internal static double Cap(double[] weights, double share)
    {
        // A rater who weighs nothing (a source weighted 0) holds no share and is not a typical rater.
        weights = Array.FindAll(weights, static w => w > 0);
        var n = weights.Length;
        var total = weights.Sum();
        if (n == 0 || total <= 0 || weights.Max() <= share * total * (1 + 1e-12))
        {
            return double.PositiveInfinity;
        }

        var sorted = weights.OrderDescending().ToArray();
        var typical = sorted[n / 2];
        var rest = total;
        for (var k = 1; k <= n && share * k < 1 - 1e-12; k++)
        {
            // The k heaviest are capped at t; the others keep their weight.
            rest -= sorted[k - 1];
            var t = share * rest / (1 - (share * k));
            if (t <= sorted[k - 1] * (1 + 1e-12) && (k == n || t >= sorted[k] * (1 - 1e-12)))
            {
                return t >= sorted[0] ? double.PositiveInfinity : Math.Max(t, typical);
            }
        }

        return typical >= sorted[0] ? double.PositiveInfinity : typical;
    }

    /// <summary>
    /// One vote per voter per pair of items. Voters: each rater's pseudonym; the unattributed votes as one pooled voter
    /// (<see cref="UnattributedVoter"/>), or each its own when trusted; each non-human source as a machine voter. A rater's
    /// latest vote on a pair stands; the pool's majority on a pair stands (its latest vote on that side; the latest on a tie).
    /// </summary>
    /// <returns>The voters' names (index = voter), each vote's voter, the standing vote of each voter and pair, and how many votes were replaced.</returns>
    /// <exception cref="ArgumentException">A vote names one item on both sides, has a label other than 1 or -1, or a negative item index.</exception>
    internal static (List<string> Voters, int[] VoterOf, Dictionary<(int Voter, int Low, int High), int> Standing, int Superseded) StandingVotes(
        IReadOnlyList<PairVote> votes, bool trustUnattributed)
    {
        var voters = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new List<string>();
        var standing = new Dictionary<(int Voter, int Low, int High), int>();
        var pooled = new Dictionary<(int Low, int High), PoolTally>();
        var voterOf = new int[votes.Count];
        var superseded = 0;
        for (var i = 0; i < votes.Count; i++)
        {
            var vote = votes[i];
            if (vote.ItemA == vote.ItemB || vote.ItemA < 0 || vote.ItemB < 0 || vote.Label is not (1 or -1))
            {
                throw new ArgumentException($"Vote {i} compares items {vote.ItemA} and {vote.ItemB} with label {vote.Label}; a vote names two items and a label of 1 or -1.", nameof(votes));
            }

            var key = IsBootstrap(vote) ? SourceVoterPrefix + vote.Source
                : vote.Rater ?? (trustUnattributed ? TrustedVotePrefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture) : UnattributedVoter);
            if (!voters.TryGetValue(key, out var voter))
            {
                voter = names.Count;
                voters.Add(key, voter);
                names.Add(key);
            }

            voterOf[i] = voter;
            var (low, high) = (Math.Min(vote.ItemA, vote.ItemB), Math.Max(vote.ItemA, vote.ItemB));
            if (standing.ContainsKey((voter, low, high)))
            {
                superseded++;
            }

            if (string.Equals(key, UnattributedVoter, StringComparison.Ordinal))
            {
                var tally = pooled.GetValueOrDefault((low, high));
                tally = WinnerIsLow(vote, low) ? tally with { Low = tally.Low + 1, LatestLow = i } : tally with { High = tally.High + 1, LatestHigh = i };
                pooled[(low, high)] = tally;
                standing[(voter, low, high)] = tally.Low == tally.High ? i : tally.Low > tally.High ? tally.LatestLow : tally.LatestHigh;
            }
            else
            {
                standing[(voter, low, high)] = i;
            }
        }

        return (names, voterOf, standing, superseded);
    }

    /// <summary>Whether the winner of <paramref name="vote"/> is the item <paramref name="low"/>.</summary>
    internal static bool WinnerIsLow(in PairVote vote, int low) => (vote.Label == 1 ? vote.ItemA : vote.ItemB) == low;

    private static bool IsBootstrap(in PairVote vote) => string.Equals(vote.Source, PairSources.Bootstrap, StringComparison.Ordinal);

    /// <summary>The pooled unattributed votes on one pair of items: how many say each side wins, and the latest of each.</summary>
    private readonly record struct PoolTally(int Low, int High, int LatestLow, int LatestHigh);
}
