using System.Text.RegularExpressions;

namespace Ancso.Ml.Models;

/// <summary>
/// The sweep on first use: a process killed while it wrote the folder leaves temporary files
/// (<c>.ranker-&lt;version&gt;.onnx.&lt;id&gt;.tmp</c>) and metadata files whose model was never renamed into place. Nothing
/// reads them, so once they are older than <see cref="StaleAfter"/> (no write in progress takes that long) they are
/// deleted. The active version's files are never touched. The sweep never fails an operation.
/// </summary>
public sealed partial class FileModelRegistry
{
    /// <summary>How old a leftover must be before the sweep deletes it: 1 hour.</summary>
    internal static readonly TimeSpan StaleAfter = TimeSpan.FromHours(1);

    private int _swept;

    /// <summary>Deletes stale leftovers now; returns how many files were deleted.</summary>
    internal async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(ModelsDirectory))
        {
            return 0;
        }

        string? activeVersion = null;
        try
        {
            activeVersion = (await ReadPointerAsync(cancellationToken).ConfigureAwait(false))?.Version;
        }
        catch (ModelRegistryException)
        {
            // A broken pointer protects nothing; stale leftovers are still leftovers.
        }

        var cutoff = _time.GetUtcNow().UtcDateTime - StaleAfter;
        var removed = 0;
        foreach (var path in Directory.EnumerateFiles(ModelsDirectory))
        {
            var name = Path.GetFileName(path);
            var what = Leftover(name, activeVersion);
            if (what is null)
            {
                continue;
            }

            try
            {
                var info = new FileInfo(path);
                if (info.LastWriteTimeUtc > cutoff)
                {
                    continue;
                }

                info.Delete();
                removed++;
                RegistryLog.LeftoverRemoved(_logger, path, what, info.LastWriteTimeUtc);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                RegistryLog.LeftoverNotRemoved(_logger, path, ex.Message);
            }
        }

        return removed;
    }

    private async Task SweepOnceAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _swept, 1) != 0)
        {
            return;
        }

        try
        {
            await SweepAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            RegistryLog.LeftoverNotRemoved(_logger, ModelsDirectory, ex.Message);
        }
    }

    /// <summary>Says what kind of leftover <paramref name="name"/> is, or <see langword="null"/> when it is not one.</summary>
    private string? Leftover(string name, string? activeVersion)
    {
        if (TempFileName().IsMatch(name))
        {
            return "temporary file of an interrupted write";
        }

        if (name.StartsWith("ranker-", StringComparison.Ordinal) && name.EndsWith(".metadata.json", StringComparison.Ordinal))
        {
            var version = name["ranker-".Length..^".metadata.json".Length];
            if (ModelFileNames.IsValidVersion(version)
                && !string.Equals(version, activeVersion, StringComparison.Ordinal)
                && !File.Exists(Path.Combine(ModelsDirectory, ModelFileNames.Model(version))))
            {
                return "metadata without its model file";
            }
        }

        return null;
    }

    /// <summary>The temporary names <see cref="IO.AtomicFile"/> writes to: <c>.&lt;name&gt;.&lt;12 hex digits&gt;.tmp</c>.</summary>
    [GeneratedRegex(@"^\..+\.[0-9a-f]{12}\.tmp$", RegexOptions.CultureInvariant)]
    private static partial Regex TempFileName();
}
