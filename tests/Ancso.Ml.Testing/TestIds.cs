using System.Security.Cryptography;
using System.Text;

namespace Ancso.Ml.Testing;

/// <summary>
/// The ids and hashes every pair store uses, computed independently of the library (the documented formats, with the
/// SHA256 class): a store that derived them any other way would fail the contract.
/// </summary>
public static class TestIds
{
    /// <summary>An item's content hash: lower-case hex SHA-256 of the UTF-8 bytes of <c>platform|section|text</c>.</summary>
    public static string ContentHash(string platform, string section, string text) => Sha256Hex($"{platform}|{section}|{text}");

    /// <summary>An item's id: <c>i_</c> and the first 16 hex digits of its <see cref="ContentHash"/>.</summary>
    public static string ForItem(string platform, string section, string text) => "i_" + ContentHash(platform, section, text)[..16];

    /// <summary>The hash that keys a text in embedding caches: lower-case hex SHA-256 of its UTF-8 bytes.</summary>
    public static string TextHash(string text) => Sha256Hex(text);

    private static string Sha256Hex(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
