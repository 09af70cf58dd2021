using Ancso.Ml.Inference;
using Ancso.Ml.Pairs.Storage;

namespace Ancso.Ml.Pairs.Signals;

/// <summary>Records training signals as pairs in the pair store.</summary>
internal sealed class TrainingSignalRecorder : ITrainingSignalRecorder
{
    private readonly IPairStore _store;
    private readonly TimeProvider _time;
    private readonly IRaterPseudonymizer? _raters;

    public TrainingSignalRecorder(IPairStore store, TimeProvider timeProvider, IRaterPseudonymizer? raters = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _store = store;
        _time = timeProvider;
        _raters = raters;
    }

    public Task<RecordedPair> RecordUserChoiceAsync(UserChoice choice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(choice);
        var pair = new NewPair(choice.Platform, choice.Section, choice.VariantA, choice.VariantB, choice.Chosen, PairSources.UserChoice)
        {
            Id = choice.PairId ?? PairIds.NewEventId(_time.GetUtcNow()),
            Tags = TagsOf(choice),
            Note = choice.Note,
            MetricsA = choice.MetricsA,
            MetricsB = choice.MetricsB,
            Rater = Pseudonym(choice.RaterId, "The choice's rater id"),
        };
        return AddPairAsync(pair, cancellationToken);
    }

    /// <summary>
    /// The tags of a choice: the host's, then the first two reasons of the comparison the person saw, when they chose the
    /// text it preferred (the reasons say why that text wins; against the comparison they explain the other's win).
    /// </summary>
    private static IReadOnlyList<string> TagsOf(UserChoice choice)
    {
        const int ReasonsKept = 2;
        if (choice.Comparison is not { Reasons.Count: > 0 } comparison
            || (comparison.Preference, choice.Chosen) is not ((Preference.A, PairSide.A) or (Preference.B, PairSide.B)))
        {
            return choice.ReasonTags;
        }

        var tags = new List<string>(choice.ReasonTags ?? []);
        foreach (var reason in comparison.Reasons.Take(ReasonsKept))
        {
            if (reason is not null && !tags.Contains(reason.Tag, StringComparer.Ordinal))
            {
                tags.Add(reason.Tag);
            }
        }

        return tags;
    }

    public Task<RecordedPair> RecordEditAsync(ContentEdit edit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var better = edit.Outcome switch
        {
            EditOutcome.Improved => PairSide.B,
            EditOutcome.Worsened => PairSide.A,
            _ => throw new ArgumentException($"The edit's outcome {(int)edit.Outcome} is neither Improved nor Worsened.", nameof(edit)),
        };
        var pair = new NewPair(edit.Platform, edit.Section, edit.Before, edit.After, better, PairSources.BeforeAfter)
        {
            Id = edit.PairId ?? PairIds.NewEventId(_time.GetUtcNow()),
            Tags = edit.Tags,
            Note = edit.Note,
            MetricsA = edit.MetricsBefore,
            MetricsB = edit.MetricsAfter,
            Rater = Pseudonym(edit.RaterId, "The edit's rater id"),
        };
        return AddPairAsync(pair, cancellationToken);
    }

    public async Task<RecordedPair> RecordManualLabelAsync(ManualLabel label, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (string.Equals(label.ItemAId, label.ItemBId, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"The label names item '{label.ItemAId}' on both sides; a pair compares two different items. Nothing was stored.", nameof(label));
        }

        _ = PairValidation.NormalizeTags(label.Tags, "The label");
        var rater = Pseudonym(label.RaterId, "The label's rater id");
        var a = await GetExistingAsync(label.ItemAId, "A", cancellationToken).ConfigureAwait(false);
        var b = await GetExistingAsync(label.ItemBId, "B", cancellationToken).ConfigureAwait(false);
        if (a.Platform != b.Platform || a.Section != b.Section)
        {
            throw new ArgumentException(
                $"Item '{a.Id}' is {a.Platform}/{a.Section} but item '{b.Id}' is {b.Platform}/{b.Section}; a pair compares two texts of one platform and section. Nothing was stored.",
                nameof(label));
        }

        var pair = new NewPair(a.Platform, a.Section, a.Text, b.Text, label.Better, PairSources.Manual)
        {
            Id = label.PairId,
            Tags = label.Tags,
            Note = label.Note,
            Rater = rater,
        };
        return await AddPairAsync(pair, cancellationToken).ConfigureAwait(false);
    }

    public async Task<RecordedPair> AddPairAsync(NewPair pair, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pair);
        var validated = PairValidation.Validate(pair, 0, 1);
        var inserted = await _store.AddPairsAsync([pair], cancellationToken).ConfigureAwait(false);
        return new RecordedPair(validated.Id, validated.A.Id, validated.B.Id, validated.Better, validated.Source, inserted == 1) { Rater = validated.Rater };
    }

    public Task<int> AddPairsAsync(IReadOnlyList<NewPair> pairs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        return _store.AddPairsAsync(pairs, cancellationToken);
    }

    private string? Pseudonym(string? raterId, string where)
    {
        if (raterId is null)
        {
            return null;
        }

        RaterPseudonyms.CheckRaterId(raterId, where);
        return (_raters ?? throw new InvalidOperationException(
                "A choice names its rater, but no IRaterPseudonymizer is registered, so it cannot be stored pseudonymously. Register the recorder with " +
                ".AddSignals() and set Ranker:Signals:RaterKey. Nothing was stored."))
            .Pseudonymize(raterId);
    }

    private async Task<StoredItem> GetExistingAsync(string itemId, string side, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(itemId))
        {
            throw new ArgumentException($"The label's item {side} id is empty; give the id of a stored item (for example 'i_3f2a9c01d4e5b677'). Nothing was stored.", nameof(itemId));
        }

        return await _store.GetItemAsync(itemId, cancellationToken).ConfigureAwait(false)
            ?? throw new ArgumentException(
                $"Item '{itemId}' (side {side}) is not in the pair store; list stored items with IPairStore.ListItemsAsync to find its id. Nothing was stored.",
                nameof(itemId));
    }
}
