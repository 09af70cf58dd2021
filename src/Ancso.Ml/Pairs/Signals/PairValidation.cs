using System.Globalization;
using Ancso.Ml.Embeddings;
using Ancso.Ml.Metrics;
using Ancso.Ml.Pairs.Storage;

namespace Ancso.Ml.Pairs.Signals;

/// <summary>An item of a validated pair, with its derived ids and hashes.</summary>
/// <param name="Id">The item's id (derived from its platform, section and text).</param>
/// <param name="ContentHash">The hash of its platform, section and text.</param>
/// <param name="TextHash">The hash of its text alone (the embedding cache's key).</param>
/// <param name="Text">The text.</param>
/// <param name="Metrics">The metrics the caller supplied, or <see langword="null"/>.</param>
public sealed record ValidatedItem(string Id, string ContentHash, string TextHash, string Text, ContentMetrics? Metrics);

/// <summary>
/// A pair that passed validation, ready to store as is: what an <see cref="IPairStore"/> writes for each
/// <see cref="NewPair"/> of <see cref="IPairStore.AddPairsAsync"/>. <see cref="From"/> validates and derives the ids, with
/// the same rules and messages in every store.
/// </summary>
/// <param name="Id">The pair's id, given or derived.</param>
/// <param name="Platform">The platform.</param>
/// <param name="Section">The section.</param>
/// <param name="A">Item A.</param>
/// <param name="B">Item B.</param>
/// <param name="Better">The better side.</param>
/// <param name="Source">The source.</param>
/// <param name="Tags">The tags, trimmed, distinct, in order.</param>
/// <param name="Note">The note, if any.</param>
/// <param name="Rater">The rater's pseudonym, or <see langword="null"/>.</param>
public sealed record ValidatedPair(
    string Id,
    string Platform,
    string Section,
    ValidatedItem A,
    ValidatedItem B,
    PairSide Better,
    string Source,
    IReadOnlyList<string> Tags,
    string? Note,
    string? Rater)
{
    /// <summary>Gets the label: 1 when A is better, -1 when B is.</summary>
    public int Label => Better == PairSide.A ? 1 : -1;

    /// <summary>Validates pair <paramref name="index"/> of a batch of <paramref name="count"/> and derives its ids.</summary>
    /// <param name="pair">The pair.</param>
    /// <param name="index">Its position in the batch, for messages.</param>
    /// <param name="count">The batch's size.</param>
    /// <returns>The validated pair.</returns>
    /// <exception cref="ArgumentException">The pair is invalid; the message names the field and what to do.</exception>
    public static ValidatedPair From(NewPair pair, int index, int count) => PairValidation.Validate(pair, index, count);
}

/// <summary>Checks pairs, names, ids and tags before anything is written, with messages that name the culprit.</summary>
internal static class PairValidation
{
    public const int MaxNameLength = 64;
    public const int MaxTagLength = 64;
    public const int MaxPairIdLength = 128;

    public static ValidatedPair Validate(NewPair pair, int index, int count)
    {
        ArgumentNullException.ThrowIfNull(pair);
        var where = count == 1 ? "The pair" : $"Pair {index.ToString(CultureInfo.InvariantCulture)} of the batch";
        if (pair.Id is not null)
        {
            CheckPairId(pair.Id, where);
        }

        CheckName(pair.Platform, "platform", where);
        CheckName(pair.Section, "section", where);
        if (!PairSources.IsKnown(pair.Source))
        {
            throw new ArgumentException(
                $"{where} has source '{pair.Source}'; use one of {string.Join(", ", PairSources.All)}.", nameof(pair));
        }

        if (pair.Better is not (PairSide.A or PairSide.B))
        {
            throw new ArgumentException($"{where} names side {(int)pair.Better} as better; use PairSide.A or PairSide.B.", nameof(pair));
        }

        var a = Item(pair.Platform, pair.Section, pair.TextA, pair.MetricsA);
        var b = Item(pair.Platform, pair.Section, pair.TextB, pair.MetricsB);
        CheckMetrics(a, where, nameof(pair.MetricsA));
        CheckMetrics(b, where, nameof(pair.MetricsB));
        if (a.Id == b.Id)
        {
            throw new ArgumentException(
                $"{where} has the same item '{a.Id}' on both sides (identical text); a pair compares two different texts.", nameof(pair));
        }

        var tags = NormalizeTags(pair.Tags, where);
        if (pair.Rater is not null && !RaterPseudonyms.IsValid(pair.Rater))
        {
            // The value is not repeated: a person's id passed here by mistake is personal data.
            throw new ArgumentException(
                $"{where} has a rater that is not a pseudonym ('r_' and 32 lower-case hex digits). Pass IRaterPseudonymizer.Pseudonymize(id), never a person's id; " +
                "ITrainingSignalRecorder does this for UserChoice.RaterId, ContentEdit.RaterId and ManualLabel.RaterId.", nameof(pair));
        }

        if (pair.Rater is not null && pair.Source == PairSources.Bootstrap)
        {
            throw new ArgumentException($"{where} is a bootstrap pair with a rater; bootstrap pairs are generated, not judged by a person.", nameof(pair));
        }

        var id = pair.Id ?? PairIds.ForJudgement(pair.Source, a.Id, b.Id, pair.Better, pair.Rater);
        return new ValidatedPair(id, pair.Platform, pair.Section, a, b, pair.Better, pair.Source, tags, pair.Note, pair.Rater);
    }

    public static void CheckName(string? value, string field, string where)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxNameLength || !value.All(IsNameChar))
        {
            throw new ArgumentException(
                $"{where} has {field} '{value}'; a {field} is 1 to {MaxNameLength} lower-case letters, digits, '_' or '-' (for example '{(field == "platform" ? "linkedin" : "headline")}').",
                field);
        }
    }

    public static void CheckPairId(string id, string where)
    {
        if (id.Length is 0 or > MaxPairIdLength || !id.All(static c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ':'))
        {
            throw new ArgumentException(
                $"{where} has id '{id}'; a pair id is 1 to {MaxPairIdLength} letters, digits, '_', '-', '.' or ':'.", nameof(id));
        }
    }

    public static IReadOnlyList<string> NormalizeTags(IReadOnlyList<string>? tags, string where)
    {
        if (tags is null || tags.Count == 0)
        {
            return [];
        }

        var result = new List<string>(tags.Count);
        for (var i = 0; i < tags.Count; i++)
        {
            var tag = tags[i]?.Trim();
            if (string.IsNullOrEmpty(tag))
            {
                throw new ArgumentException(
                    $"{where} has an empty tag at position {i.ToString(CultureInfo.InvariantCulture)} (tags: [{string.Join(", ", tags.Select(static t => $"'{t}'"))}]); remove it or give it a name.",
                    nameof(tags));
            }

            if (tag.Length > MaxTagLength || tag.Any(char.IsControl))
            {
                throw new ArgumentException(
                    $"{where} has tag '{tag}'; a tag is at most {MaxTagLength} characters without control characters.", nameof(tags));
            }

            if (!result.Contains(tag, StringComparer.Ordinal))
            {
                result.Add(tag);
            }
        }

        return result;
    }

    private static void CheckMetrics(ValidatedItem item, string where, string field)
    {
        if (item.Metrics is not { } metrics)
        {
            return;
        }

        foreach (var name in MetricNames.All)
        {
            var value = metrics[name];
            if (!float.IsFinite(value) || value is < 0f or > 1f)
            {
                throw new ArgumentException(
                    $"{where} gives metric '{name}' of item '{item.Id}' as {value.ToString(CultureInfo.InvariantCulture)}; metrics are numbers in [0, 1].", field);
            }
        }
    }

    private static ValidatedItem Item(string platform, string section, string text, ContentMetrics? metrics)
    {
        var contentHash = PairIds.ContentHash(platform, section, text);
        return new ValidatedItem(PairIds.ItemIdFromContentHash(contentHash), contentHash, EmbeddingTextHash.Compute(text), text, metrics);
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-';
}
