using System.Security.Cryptography;
using System.Text;

namespace Ancso.Ml.Testing;

/// <summary>Rater keys for tests, and the pseudonym computed independently of the library (the HMACSHA256 class, not the library's code).</summary>
public static class TestRaterKeys
{
    /// <summary>32 bytes 0x00, 0x01, … 0x1f.</summary>
    public static byte[] Key { get; } = [.. Enumerable.Range(0, 32).Select(i => (byte)i)];

    /// <summary>32 other bytes.</summary>
    public static byte[] OtherKey { get; } = [.. Enumerable.Range(0, 32).Select(i => (byte)(255 - i))];

    public static string KeyBase64 => Convert.ToBase64String(Key);

    public static string OtherKeyBase64 => Convert.ToBase64String(OtherKey);

    /// <summary>"r_" and the first 16 bytes of HMAC-SHA-256(key, UTF-8 of the id), in lower-case hex.</summary>
    public static string Expected(byte[] key, string raterId)
    {
        using var hmac = new HMACSHA256(key);
        var mac = hmac.ComputeHash(Encoding.UTF8.GetBytes(raterId));
        var hex = new StringBuilder("r_");
        foreach (var b in mac.AsSpan(0, 16))
        {
            hex.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return hex.ToString();
    }

    public static string Expected(string raterId) => Expected(Key, raterId);
}
