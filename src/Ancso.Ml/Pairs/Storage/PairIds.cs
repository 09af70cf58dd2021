using System.Security.Cryptography;
using System.Text;

namespace Ancso.Ml.Pairs.Storage;

/// <summary>
/// The ids the pair store uses. An item's id is derived from its content, so the same text in the same platform and
/// section is always the same item, in every store and every process.
/// </summary>
internal static class PairIds
{
    /// <summary>The prefix of item ids: <c>i_</c>.</summary>
    public const string ItemPrefix = "i_";

    /// <summary>The prefix of pair ids the library generates: <c>p_</c>.</summary>
    public const string PairPrefix = "p_";

    /// <summary>Gets the content hash of an item: lower-case hex SHA-256 of the UTF-8 bytes of <c>platform|section|text</c>.</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="section">The section.</param>
    /// <param name="text">The text.</param>
    /// <returns>64 lower-case hex digits.</returns>
    public static string ContentHash(string platform, string section, string text)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(text);
        return Sha256Hex(string.Concat(platform, "|", section, "|", text));
    }

    /// <summary>Gets the id of an item: <c>i_</c> and the first 16 hex digits of its <see cref="ContentHash"/>.</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="section">The section.</param>
    /// <param name="text">The text.</param>
    /// <returns>The item id, for example <c>i_3f2a9c01d4e5b677</c>.</returns>
    public static string ForItem(string platform, string section, string text) => ItemIdFromContentHash(ContentHash(platform, section, text));

    internal static string ItemIdFromContentHash(string contentHash) => ItemPrefix + contentHash[..16];

    /// <summary>
    /// Gets the deterministic id of a pair of stored items with a given source and verdict, so that recording the same
    /// judgement again (a retried call, a re-run of bootstrap) stores nothing new.
    /// </summary>
    /// <remarks>Two raters giving the same verdict are two judgements: the rater's pseudonym is part of the id when given.</remarks>
    internal static string ForJudgement(string source, string itemAId, string itemBId, PairSide better, string? rater = null) =>
        PairPrefix + Sha256Hex(rater is null
            ? string.Join('|', source, itemAId, itemBId, better == PairSide.A ? "1" : "-1")
            : string.Join('|', source, itemAId, itemBId, better == PairSide.A ? "1" : "-1", rater))[..24];

    /// <summary>Gets a new unique pair id for an event that may legitimately repeat (another user, another edit).</summary>
    internal static string NewEventId(DateTimeOffset now) => PairPrefix + Guid.CreateVersion7(now).ToString("N");

    private static string Sha256Hex(string value)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(value), hash);
        return Convert.ToHexStringLower(hash);
    }
}
