using Ancso.Ml.Inference;

namespace Ancso.Ml.Learning.Influence;

/// <summary>
/// Computes <see cref="RaterReportResult"/> in two streaming passes over the pair store: the first keeps, per standing
/// vote, only small integers (voter, items, verdict) and the pair id; the second fetches the texts of the few sampled
/// votes of the heaviest raters, which the inference service scores in one batch.
/// </summary>
internal sealed class RaterReport(IPairStore store, IRankerInferenceService ranker) : IRaterReport
{
    public async Task<RaterReportResult> GetAsync(RaterReportRequest? request = null, CancellationToken cancellationToken = default)
    {
        request ??= new RaterReportRequest();
        ArgumentOutOfRangeException.ThrowIfLessThan(request.TopRaters, 1, nameof(request));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.TopRaters, 100, nameof(request));
        ArgumentOutOfRangeException.ThrowIfNegative(request.ModelSample, nameof(request));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.ModelSample, 10_000, nameof(request));

        // Pass 1: every human vote, as small integers, per source.
        var items = new Dictionary<string, int>(StringComparer.Ordinal);
        var sources = new SortedDictionary<string, (List<PairVote> Votes, List<string> PairIds)>(StringComparer.Ordinal);
        await foreach (var pair in store.StreamPairsAsync(request.Filter, cancellationToken).ConfigureAwait(false))
        {
            if (pair.Source == PairSources.Bootstrap)
            {
                continue;
            }

            if (!sources.TryGetValue(pair.Source, out var list))
            {
                sources[pair.Source] = list = ([], []);
            }

            list.Votes.Add(new PairVote(Index(items, pair.ItemA.Id), Index(items, pair.ItemB.Id), pair.Label, pair.Source, pair.Rater));
            list.PairIds.Add(pair.Id);
        }

        // The standing votes of each source, by the limits' own rule (one per rater per pair of items).
        var perSource = new List<(string Source, List<Standing> Votes)>();
        foreach (var (source, (votes, pairIds)) in sources)
        {
            var (names, _, standing, _) = InfluenceLimiter.StandingVotes(votes, request.TrustUnattributed);
            perSource.Add((source, [.. standing.Select(s => new Standing(
                DisplayName(names[s.Key.Voter], pairIds[s.Value]), s.Key.Low, s.Key.High,
                InfluenceLimiter.WinnerIsLow(votes[s.Value], s.Key.Low), pairIds[s.Value], s.Value, votes[s.Value].Rater is null))]));
        }

        // Every human source's votes on each pair of items, for peer agreement.
        var onPair = new Dictionary<(int Low, int High), List<Standing>>();
        foreach (var vote in perSource.SelectMany(s => s.Votes))
        {
            if (!onPair.TryGetValue((vote.Low, vote.High), out var list))
            {
                onPair[(vote.Low, vote.High)] = list = [];
            }

            list.Add(vote);
        }

        var tops = new List<(string Source, int Votes, int Raters, int Unattributed, List<TopRater> Top)>();
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (source, votes) in perSource)
        {
            var byVoter = votes.GroupBy(v => v.Voter, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToArray();
            var top = new List<TopRater>();
            foreach (var mine in byVoter.Take(request.TopRaters))
            {
                double agree = 0;
                var shared = 0;
                foreach (var vote in mine)
                {
                    // Each other rater once, even when they voted on the pair in two sources.
                    var others = onPair[(vote.Low, vote.High)].Where(o => !string.Equals(o.Voter, vote.Voter, StringComparison.Ordinal))
                        .DistinctBy(o => o.Voter, StringComparer.Ordinal).ToArray();
                    if (others.Length == 0)
                    {
                        continue;
                    }

                    shared++;
                    var lowVotes = others.Count(o => o.LowWins);
                    agree += lowVotes * 2 == others.Length ? 0.5 : (lowVotes * 2 > others.Length) == vote.LowWins ? 1 : 0;
                }

                var sample = mine.OrderByDescending(v => v.Ordinal).Take(request.ModelSample).ToList();
                wanted.UnionWith(sample.Select(v => v.PairId));
                top.Add(new TopRater(mine.Key, mine.Count(), shared > 0 ? agree / shared : null, shared, sample));
            }

            tops.Add((source, votes.Count, byVoter.Length, votes.Count(v => v.Unattributed), top));
        }

        // Pass 2: the sampled votes' texts, scored together.
        var status = await ranker.GetStatusAsync(cancellationToken).ConfigureAwait(false);
        var modelVersion = status.Provenance.Kind == ProvenanceKind.Model ? status.Provenance.ModelVersion : null;
        var scores = new Dictionary<int, float>();
        if (modelVersion is not null && wanted.Count > 0)
        {
            var texts = new Dictionary<int, ContentItem>();
            await foreach (var pair in store.StreamPairsAsync(request.Filter, cancellationToken).ConfigureAwait(false))
            {
                if (wanted.Contains(pair.Id))
                {
                    foreach (var item in (ReadOnlySpan<StoredItem>)[pair.ItemA, pair.ItemB])
                    {
                        texts.TryAdd(items[item.Id], new ContentItem(item.Id, item.Platform, item.Section, item.Text));
                    }
                }
            }

            var ranked = await ranker.RankAsync([.. texts.Values], cancellationToken).ConfigureAwait(false);
            if (ranked.Provenance.Kind == ProvenanceKind.Model)
            {
                foreach (var r in ranked.Items)
                {
                    scores[items[r.Item.Id]] = r.Score;
                }
            }
            else
            {
                modelVersion = null;
            }
        }

        var result = new List<SourceRaters>(tops.Count);
        foreach (var (source, votes, raters, unattributed, top) in tops)
        {
            var heaviest = top.Select(t =>
            {
                double agree = 0;
                var scored = 0;
                foreach (var vote in t.Sample)
                {
                    if (scores.TryGetValue(vote.Low, out var lowScore) && scores.TryGetValue(vote.High, out var highScore))
                    {
                        scored++;
                        agree += lowScore == highScore ? 0.5 : (lowScore > highScore) == vote.LowWins ? 1 : 0;
                    }
                }

                return new RaterFigures(t.Rater, t.Votes, votes > 0 ? (double)t.Votes / votes : 0,
                    scored > 0 ? agree / scored : null, scored, t.Peer, t.Shared);
            }).ToList();
            result.Add(new SourceRaters(source, votes, raters, unattributed, heaviest));
        }

        return new RaterReportResult(result, modelVersion);
    }

    private static int Index(Dictionary<string, int> index, string key)
    {
        if (!index.TryGetValue(key, out var value))
        {
            value = index.Count;
            index.Add(key, value);
        }

        return value;
    }

    /// <summary>How the report names a voter: the pseudonym, <c>unattributed</c> for the pool, <c>unattributed:&lt;pair id&gt;</c> for a trusted one.</summary>
    private static string DisplayName(string voter, string pairId) =>
        string.Equals(voter, InfluenceLimiter.UnattributedVoter, StringComparison.Ordinal) ? RaterFigures.Unattributed
        : voter.StartsWith(InfluenceLimiter.TrustedVotePrefix, StringComparison.Ordinal) ? RaterFigures.Unattributed + ":" + pairId
        : voter;

    /// <summary>A standing vote: its voter, its pair of items, which wins, the pair's id and its position in the store.</summary>
    private readonly record struct Standing(string Voter, int Low, int High, bool LowWins, string PairId, int Ordinal, bool Unattributed);

    /// <summary>One of a source's heaviest raters, with the votes sampled for model agreement.</summary>
    private sealed record TopRater(string Rater, int Votes, double? Peer, int Shared, List<Standing> Sample);
}
