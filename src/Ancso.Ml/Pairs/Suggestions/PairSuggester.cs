using Ancso.Ml.Inference;

namespace Ancso.Ml.Pairs.Suggestions;

/// <summary>
/// Scores the stored items of each section with the inference service, takes as candidates the pairs of items close in
/// score (each item with its nearest neighbours in score order), and picks the least certain first, greedily: every
/// item at most once, no pair already labelled, no two texts that are near-duplicates (word overlap of 80% or more,
/// which a person would find trivial or meaningless). Without a section filter, sections take turns.
/// </summary>
internal sealed class PairSuggester(IPairStore store, IRankerInferenceService ranker) : IPairSuggester
{
    private const int Neighbours = 4;
    private const double NearDuplicateOverlap = 0.8;
    private const int PageSize = 500;

    public async Task<IReadOnlyList<PairSuggestion>> SuggestAsync(PairSuggestionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Count, 1, nameof(request));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.Count, 1000, nameof(request));
        ArgumentOutOfRangeException.ThrowIfLessThan(request.MaxItemsPerSection, 2, nameof(request));
        if (request.Platform is not null && !ContentPlatforms.All.Contains(request.Platform))
        {
            throw new ArgumentException($"Unknown platform '{request.Platform}'; use one of {string.Join(", ", ContentPlatforms.All)}.", nameof(request));
        }

        var platforms = request.Platform is null ? ContentPlatforms.All.ToArray() : [request.Platform];
        if (request.Section is not null && !platforms.Any(p => ContentSections.ForPlatform(p).Contains(request.Section)))
        {
            throw new ArgumentException($"Unknown section '{request.Section}' for {string.Join(" or ", platforms)}.", nameof(request));
        }

        var labelled = new HashSet<(string, string)>();
        await foreach (var pair in store.StreamPairsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            labelled.Add(Key(pair.ItemA.Id, pair.ItemB.Id));
        }

        var perSection = new List<Queue<Candidate>>();
        ScoreProvenance? provenance = null;
        foreach (var platform in platforms)
        {
            foreach (var section in ContentSections.ForPlatform(platform).Where(s => request.Section is null || s == request.Section))
            {
                var items = await ReadItemsAsync(platform, section, request.MaxItemsPerSection, cancellationToken).ConfigureAwait(false);
                if (items.Count < 2)
                {
                    continue;
                }

                var ranking = await ranker.RankAsync([.. items.Select(i => new ContentItem(i.Id, i.Platform, i.Section, i.Text))], cancellationToken).ConfigureAwait(false);
                provenance ??= ranking.Provenance;
                var byId = items.ToDictionary(i => i.Id, StringComparer.Ordinal);
                var ordered = ranking.Items.Select(r => (Item: byId[r.Item.Id], r.Score)).ToArray();
                var candidates = new List<Candidate>();
                for (var i = 0; i < ordered.Length; i++)
                {
                    for (var j = i + 1; j < Math.Min(ordered.Length, i + 1 + Neighbours); j++)
                    {
                        if (!labelled.Contains(Key(ordered[i].Item.Id, ordered[j].Item.Id)))
                        {
                            candidates.Add(new Candidate(ordered[i].Item, ordered[j].Item, ordered[i].Score, ordered[j].Score));
                        }
                    }
                }

                perSection.Add(new Queue<Candidate>(candidates.OrderBy(c => Math.Abs(c.AScore - c.BScore)).ThenBy(c => c.A.Id, StringComparer.Ordinal)));
            }
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        var chosen = new List<Candidate>();
        while (chosen.Count < request.Count && perSection.Any(q => q.Count > 0))
        {
            foreach (var queue in perSection)
            {
                while (queue.TryDequeue(out var candidate))
                {
                    if (used.Contains(candidate.A.Id) || used.Contains(candidate.B.Id) || NearDuplicates(candidate.A.Text, candidate.B.Text))
                    {
                        continue;
                    }

                    used.Add(candidate.A.Id);
                    used.Add(candidate.B.Id);
                    chosen.Add(candidate);
                    break;
                }

                if (chosen.Count == request.Count)
                {
                    break;
                }
            }
        }

        var suggestions = new List<PairSuggestion>(chosen.Count);
        foreach (var c in chosen.OrderBy(c => Math.Abs(c.AScore - c.BScore)))
        {
            var comparison = await ranker.CompareAsync(
                new ContentItem(c.A.Id, c.A.Platform, c.A.Section, c.A.Text), new ContentItem(c.B.Id, c.B.Platform, c.B.Section, c.B.Text), cancellationToken).ConfigureAwait(false);
            suggestions.Add(new PairSuggestion(c.A, c.B, comparison.AScore, comparison.BScore, comparison.Confidence, comparison.Provenance));
        }

        return suggestions;
    }

    internal static bool NearDuplicates(string a, string b)
    {
        var wa = Words(a);
        var wb = Words(b);
        if (wa.Count == 0 || wb.Count == 0)
        {
            return wa.Count == wb.Count;
        }

        var shared = wa.Count(wb.Contains);
        return (double)shared / (wa.Count + wb.Count - shared) >= NearDuplicateOverlap;
    }

    private static HashSet<string> Words(string text) =>
        [.. text.ToLowerInvariant().Split((char[])[' ', '\n', '\r', '\t', ',', '.', ';', ':', '!', '?', '|', '(', ')'], StringSplitOptions.RemoveEmptyEntries)];

    private async Task<List<StoredItem>> ReadItemsAsync(string platform, string section, int max, CancellationToken cancellationToken)
    {
        var items = new List<StoredItem>();
        while (items.Count < max)
        {
            var take = Math.Min(PageSize, max - items.Count);
            var page = await store.ListItemsAsync(new ItemQuery { Platform = platform, Section = section, Skip = items.Count, Take = take }, cancellationToken).ConfigureAwait(false);
            items.AddRange(page);
            if (page.Count < take)
            {
                break;
            }
        }

        return items;
    }

    private static (string, string) Key(string a, string b) => string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a);

    private sealed record Candidate(StoredItem A, StoredItem B, float AScore, float BScore);
}
