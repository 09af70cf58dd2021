using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Ancso.Ml.Cli.Tests;

/// <summary>What the rater tests share: a rater key, the pseudonym it gives (computed here, not by the SDK), and small stores to label.</summary>
internal static class RaterTestData
{
    /// <summary>Gets a fixed 32-byte rater key.</summary>
    public static byte[] Key { get; } = [.. Enumerable.Range(0, 32).Select(i => (byte)((i * 37) + 11))];

    /// <summary>Gets <see cref="Key"/> as base64, as Ranker:Signals:RaterKey holds it.</summary>
    public static string KeyBase64 => Convert.ToBase64String(Key);

    /// <summary>Gets a config file's text that sets the rater key (and, optionally, more of the <c>Ranker</c> section).</summary>
    public static string Config(string? key = null, string rankerExtra = "") =>
        "{\"Ranker\":{\"Signals\":{\"RaterKey\":" + JsonSerializer.Serialize(key ?? KeyBase64) + "}" + rankerExtra + "}}";

    /// <summary>The pseudonym of <paramref name="raterId"/> under <see cref="Key"/>: "r_" and the first 16 bytes of HMAC-SHA-256 in lower-case hex.</summary>
    public static string Pseudonym(string raterId) =>
        "r_" + Convert.ToHexStringLower(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes(raterId))[..16]);

    /// <summary>Bootstraps GitHub pairs and returns the ids of <paramref name="count"/> stored bio items.</summary>
    public static async Task<string[]> BootstrapBioItemsAsync(CliRunner cli, int count)
    {
        var bootstrap = await cli.RunAsync("ranker", "bootstrap", "--platform", "github", "--n-pairs", "30");
        Assert.That(bootstrap.ExitCode, Is.Zero, bootstrap.ToString());
        var items = await cli.RunAsync("ranker", "items", "--platform", "github", "--section", "bio", "--limit", count.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json");
        Assert.That(items.ExitCode, Is.Zero, items.ToString());
        using var json = JsonDocument.Parse(items.Out);
        string[] ids = [.. json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];
        Assert.That(ids, Has.Length.EqualTo(count), items.ToString());
        return ids;
    }

    /// <summary>
    /// Returns <paramref name="count"/> distinct pairs of <paramref name="ids"/> that no bootstrap pair compares (read from a
    /// JSON Lines export), so that a person's vote on them is the only vote besides other people's.
    /// </summary>
    public static async Task<(string A, string B)[]> PairsWithoutBootstrapAsync(CliRunner cli, string[] ids, int count)
    {
        var folder = Path.Combine(cli.Root, "bootstrap-export");
        var export = await cli.RunAsync("ranker", "export", "--format", "jsonl", "--source", "bootstrap", "--out", folder);
        Assert.That(export.ExitCode, Is.Zero, export.ToString());
        var bootstrap = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(folder, "dataset.jsonl")).Where(l => l.Trim().Length > 0))
        {
            using var pair = JsonDocument.Parse(line);
            var a = pair.RootElement.GetProperty("a_id").GetString()!;
            var b = pair.RootElement.GetProperty("b_id").GetString()!;
            bootstrap.Add(Key(a, b));
        }

        var pairs = ids.SelectMany((a, i) => ids.Skip(i + 1).Select(b => (A: a, B: b)))
            .Where(p => !bootstrap.Contains(Key(p.A, p.B)))
            .Take(count)
            .ToArray();
        Assert.That(pairs, Has.Length.EqualTo(count), "enough pairs of items that bootstrap does not compare");
        return pairs;

        static string Key(string a, string b) => string.CompareOrdinal(a, b) < 0 ? a + "|" + b : b + "|" + a;
    }

    /// <summary>Records a manual label through the CLI and checks that it was stored.</summary>
    public static async Task LabelAsync(CliRunner cli, string a, string b, string better, string? rater)
    {
        string[] args = rater is null
            ? ["ranker", "label", "--a", a, "--b", b, "--better", better]
            : ["ranker", "label", "--a", a, "--b", b, "--better", better, "--rater", rater];
        var run = await cli.RunAsync(args);
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Out, Does.Contain("stored: new"), run.ToString());
    }

    /// <summary>Gets the pair store's pair count, as <c>status --json</c> reports it.</summary>
    public static async Task<int> PairCountAsync(CliRunner cli)
    {
        var status = await cli.RunAsync("ranker", "status", "--model-sample", "0", "--json");
        Assert.That(status.ExitCode, Is.Zero, status.ToString());
        using var json = JsonDocument.Parse(status.Out);
        return json.RootElement.GetProperty("pairs").GetInt32();
    }

    /// <summary>Gets the bytes of the SQLite pair store: the database file and its write-ahead log, when there is one.</summary>
    public static byte[] PairStoreBytes(CliRunner cli)
    {
        var database = Path.Combine(cli.DataDirectory, "pairs.db");
        Assert.That(File.Exists(database), Is.True, database);
        using var all = new MemoryStream();
        foreach (var file in new[] { database, database + "-wal" }.Where(File.Exists))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            stream.CopyTo(all);
        }

        return all.ToArray();
    }

    /// <summary>Returns whether <paramref name="haystack"/> holds <paramref name="text"/> as UTF-8 or UTF-16.</summary>
    public static bool Holds(byte[] haystack, string text) =>
        haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0
        || haystack.AsSpan().IndexOf(Encoding.Unicode.GetBytes(text)) >= 0
        || haystack.AsSpan().IndexOf(Encoding.BigEndianUnicode.GetBytes(text)) >= 0;

    /// <summary>Writes the first <paramref name="count"/> judged GitHub bio pairs of the test data as a pairs file; returns its path.</summary>
    public static string WriteJudgedFile(CliRunner cli, int count)
    {
        var source = Path.Combine(AppContext.BaseDirectory, "data", "judged", "github-bio.jsonl");
        var lines = File.ReadLines(source).Where(l => l.Trim().Length > 0).Take(count).ToArray();
        Assert.That(lines, Has.Length.EqualTo(count), source);
        var path = Path.Combine(cli.Root, "judged.jsonl");
        File.WriteAllLines(path, lines);
        return path;
    }
}
