namespace Ancso.Ml.IO;

/// <summary>
/// Resolves a path the way the operating system does when it opens it: every symbolic link, in any component, is
/// followed (relative targets from the link's folder, <c>..</c> after resolving), so two paths can be compared by
/// where they really lead. Needs no native code.
/// </summary>
internal static class RealPath
{
    /// <summary>The most links followed before giving up, as the Linux kernel does (ELOOP).</summary>
    private const int MaxLinks = 40;

    private static readonly char[] Separators = [Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar];

    /// <summary>Gets the path <paramref name="path"/> leads to, with every symbolic link resolved.</summary>
    /// <exception cref="IOException">The path goes through more than 40 links (a loop).</exception>
    public static string Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full) ?? "";
        var pending = new Stack<string>();
        Push(pending, full[root.Length..]);
        var current = root;
        var links = 0;
        while (pending.TryPop(out var part))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var next = Path.Join(current, part);
            var target = LinkTarget(next);
            if (target is null)
            {
                current = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                throw new IOException($"More than {MaxLinks} symbolic links were followed (a loop?).");
            }

            if (Path.IsPathRooted(target))
            {
                var targetRoot = Path.GetPathRoot(target) ?? "";
                current = targetRoot;
                Push(pending, target[targetRoot.Length..]);
            }
            else
            {
                Push(pending, target);
            }
        }

        return current;
    }

    /// <summary>Returns whether <paramref name="resolvedPath"/> is a file directly inside <paramref name="resolvedFolder"/>, both resolved.</summary>
    public static bool IsDirectlyInside(string resolvedPath, string resolvedFolder) =>
        string.Equals(Path.GetDirectoryName(resolvedPath), Path.TrimEndingDirectorySeparator(resolvedFolder), Comparison);

    private static StringComparison Comparison =>
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void Push(Stack<string> pending, string relative)
    {
        var parts = relative.Split(Separators, StringSplitOptions.RemoveEmptyEntries);
        for (var i = parts.Length - 1; i >= 0; i--)
        {
            pending.Push(parts[i]);
        }
    }
}
