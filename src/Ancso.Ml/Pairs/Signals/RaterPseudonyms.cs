using System.Security.Cryptography;
using System.Text;

namespace Ancso.Ml.Pairs.Signals;

/// <summary>
/// Rater pseudonyms as the pair store keeps them: <c>r_</c> and the first 32 lower-case hex digits (128 bits) of
/// <c>HMAC-SHA-256(key, UTF-8 of the rater id)</c>.
/// </summary>
public static class RaterPseudonyms
{
    /// <summary>The prefix of every pseudonym: <c>r_</c>.</summary>
    public const string Prefix = "r_";

    /// <summary>The length of a pseudonym: 34 characters.</summary>
    public const int Length = 34;

    /// <summary>The longest rater id accepted: 256 characters.</summary>
    public const int MaxRaterIdLength = 256;

    /// <summary>Returns whether <paramref name="value"/> has the form of a pseudonym: <c>r_</c> and 32 lower-case hex digits.</summary>
    /// <param name="value">The value.</param>
    /// <returns><see langword="true"/> for a well-formed pseudonym.</returns>
    public static bool IsValid(string? value)
    {
        if (value is null || value.Length != Length || !value.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in value.AsSpan(Prefix.Length))
        {
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Computes the pseudonym of <paramref name="raterId"/> under <paramref name="key"/>.</summary>
    /// <param name="key">The key: at least <see cref="SignalOptions.MinRaterKeyBytes"/> bytes.</param>
    /// <param name="raterId">The host's id for the person.</param>
    /// <returns>The pseudonym.</returns>
    /// <exception cref="ArgumentException">The key is too short, or the id is empty, too long or holds a control character.</exception>
    public static string Compute(ReadOnlySpan<byte> key, string raterId)
    {
        if (key.Length < SignalOptions.MinRaterKeyBytes)
        {
            throw new ArgumentException($"A rater key holds at least {SignalOptions.MinRaterKeyBytes} bytes; this one holds {key.Length}.", nameof(key));
        }

        CheckRaterId(raterId);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(raterId), mac);
        return Prefix + Convert.ToHexStringLower(mac[..16]);
    }

    /// <summary>
    /// Returns whether <paramref name="raterId"/> is a rater id the recorder takes: 1 to 256 characters, not only
    /// whitespace, no control character and no lone surrogate. A host can check an id (a token's subject, say) with
    /// this before recording, to answer its own caller.
    /// </summary>
    /// <param name="raterId">The host's id for the person.</param>
    /// <returns><see langword="true"/> when the id is usable.</returns>
    public static bool IsValidRaterId([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? raterId) =>
        !string.IsNullOrWhiteSpace(raterId) && raterId.Length <= MaxRaterIdLength && !raterId.Any(char.IsControl) && !HasLoneSurrogate(raterId);

    /// <summary>Checks a rater id; the message never repeats the id, which is personal data.</summary>
    internal static void CheckRaterId(string? raterId, string where = "The rater id")
    {
        if (string.IsNullOrWhiteSpace(raterId))
        {
            throw new ArgumentException($"{where} is empty; give the host's id for the person, or leave it null for an unattributed choice.", nameof(raterId));
        }

        if (raterId.Length > MaxRaterIdLength)
        {
            throw new ArgumentException($"{where} is {raterId.Length} characters long; a rater id is at most {MaxRaterIdLength}.", nameof(raterId));
        }

        if (raterId.Any(char.IsControl) || HasLoneSurrogate(raterId))
        {
            throw new ArgumentException($"{where} holds a control character or a lone surrogate; a rater id is printable text.", nameof(raterId));
        }
    }

    /// <summary>Decodes a base64 key of at least <see cref="SignalOptions.MinRaterKeyBytes"/> bytes, or returns <see langword="null"/>.</summary>
    internal static byte[]? DecodeKey(string? key)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return null;
        }

        var buffer = new byte[((key.Length * 3) / 4) + 3];
        return Convert.TryFromBase64String(key.Trim(), buffer, out var written) && written >= SignalOptions.MinRaterKeyBytes
            ? buffer[..written]
            : null;
    }

    private static bool HasLoneSurrogate(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return true;
            }
        }

        return false;
    }
}
