namespace Ancso.Ml.IO;

/// <summary>Keeps absolute server paths out of text that reaches callers (provenance details, HTTP responses).</summary>
internal static class PathText
{
    /// <summary>
    /// Rewrites <paramref name="text"/> so it names files by their name within <paramref name="folder"/>: a path inside
    /// the folder loses the folder's prefix, and the folder itself reads "the models folder".
    /// </summary>
    public static string Redact(string text, string folder)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = Path.TrimEndingDirectorySeparator(folder);
        if (trimmed.Length == 0 || Path.GetPathRoot(trimmed) == trimmed)
        {
            return text;
        }

        return text
            .Replace(trimmed + Path.DirectorySeparatorChar, "", StringComparison.Ordinal)
            .Replace(trimmed, "the models folder", StringComparison.Ordinal);
    }
}
