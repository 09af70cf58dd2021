using System.Security.Cryptography;
using System.Text;

namespace Ancso.Ml.Embeddings;

/// <summary>The hash that keys a text in caches and the pair store: lower-case hex SHA-256 of its UTF-8 bytes.</summary>
internal static class EmbeddingTextHash
{
    /// <summary>Hashes a text.</summary>
    /// <param name="text">The text, exactly as embedded.</param>
    /// <returns>64 lower-case hex digits.</returns>
    public static string Compute(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return Convert.ToHexStringLower(hash);
    }
}
