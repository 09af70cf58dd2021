using Ancso.Ml.Pairs.Signals;

namespace Ancso.Ml.Pairs.Erasure;

/// <summary>
/// Which pairs an erasure removes from the pair store: every criterion given must match (at least one is required).
/// The items those pairs leave unused and the cached embeddings of their texts go with them.
/// </summary>
public sealed class PairErasureQuery
{
    /// <summary>Gets the pseudonym of the rater whose pairs go (see <see cref="IRaterPseudonymizer"/>).</summary>
    /// <value>Default: <see langword="null"/> (any rater).</value>
    public string? Rater { get; init; }

    /// <summary>Gets an item whose pairs go (on either side).</summary>
    /// <value>Default: <see langword="null"/> (any item).</value>
    public string? ItemId { get; init; }

    /// <summary>
    /// Gets the hash of a text (<c>EmbeddingTextHash</c>: lower-case hex SHA-256 of its UTF-8 bytes) whose pairs go: every
    /// item with exactly that text, in any platform and section, on either side. <see cref="ForText"/> computes it.
    /// </summary>
    /// <value>Default: <see langword="null"/> (any text).</value>
    public string? TextHash { get; init; }

    /// <summary>
    /// Gets the time before which people's pairs go (a retention period): pairs of every source but <c>bootstrap</c>
    /// stored before it. Bootstrap pairs come from the corpus shipped in the package, not from people, and never expire.
    /// </summary>
    /// <value>Default: <see langword="null"/> (any time).</value>
    public DateTimeOffset? CreatedBefore { get; init; }

    /// <summary>Gets a query for every pair with <paramref name="text"/> on either side, in any platform and section.</summary>
    /// <param name="text">The text, exactly as recorded.</param>
    /// <returns>The query.</returns>
    public static PairErasureQuery ForText(string text) => new() { TextHash = Embeddings.EmbeddingTextHash.Compute(text) };

    /// <summary>Checks that the query names at least one criterion and that each is well formed.</summary>
    /// <exception cref="ArgumentException">No criterion is given, or one is malformed (the message names it, never its value).</exception>
    public void Validate()
    {
        if (Rater is null && ItemId is null && TextHash is null && CreatedBefore is null)
        {
            throw new ArgumentException(
                "The erasure names no pairs: give a rater, an item, a text or a time before which people's pairs go. An erasure of everything is not offered.",
                "query");
        }

        if (Rater is not null && !RaterPseudonyms.IsValid(Rater))
        {
            throw new ArgumentException("The erasure's rater is not a pseudonym ('r_' and 32 lower-case hex digits); pass IRaterPseudonymizer.Pseudonymize(id).", "query");
        }

        if (ItemId is not null && (ItemId.Length is 0 or > 64 || !ItemId.All(static c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')))
        {
            throw new ArgumentException("The erasure's item id is not an item id (for example 'i_3f2a9c01d4e5b677').", "query");
        }

        if (TextHash is not null && (TextHash.Length != 64 || !TextHash.All(static c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f')))
        {
            throw new ArgumentException("The erasure's text hash is not 64 lower-case hex digits; use PairErasureQuery.ForText(text).", "query");
        }
    }

    /// <inheritdoc/>
    public override string ToString() => string.Join(", ", new[]
    {
        Rater is null ? null : "a rater",
        ItemId is null ? null : "an item",
        TextHash is null ? null : "a text",
        CreatedBefore is { } before ? "people's pairs stored before " + before.ToString("u", CultureInfo.InvariantCulture) : null,
    }.Where(static s => s is not null));
}
