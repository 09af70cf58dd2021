using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ancso.Ml.Embeddings;
using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Pairs.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Ancso.Ml.Cli.Tests;

/// <summary>
/// What the erasure tests share: people's data written into the CLI's pair store through the SDK (the CLI cannot record
/// new texts), the store read back through the SDK, and scans of every byte of the data folder.
/// </summary>
internal static partial class ErasureTestData
{
    /// <summary>The person whose data is erased; distinctive, so finding it anywhere means it leaked.</summary>
    public const string RaterX = "xavier.erased+91c2@example.org";

    /// <summary>Another person, whose data stays.</summary>
    public const string RaterY = "yvonne.kept+4d7a@example.org";

    /// <summary>Every text only <see cref="RaterX"/> uses holds this, repeated, so that any fragment of one is found.</summary>
    public const string XMarker = "XSECRETQZ";

    /// <summary>Every text only <see cref="RaterY"/> uses holds this.</summary>
    public const string YMarker = "YKEEPWQ";

    private const string CachedGenerator = "test:seeded";
    private const int CachedDimension = 8;

    /// <summary>A config file's text: the rater key, small hashing embeddings and short trainings (and, optionally, a retention period).</summary>
    public static string Config(string? retention = null) =>
        "{\"Ranker\":{\"Signals\":{\"RaterKey\":" + JsonSerializer.Serialize(RaterTestData.KeyBase64)
        + (retention is null ? "" : ",\"Retention\":" + JsonSerializer.Serialize(retention))
        + "},\"EmbeddingDimension\":64,\"Training\":{\"Epochs\":2}}}";

    /// <summary>A GitHub bio only one person uses: <paramref name="marker"/> and <paramref name="tag"/> throughout, about <paramref name="length"/> characters.</summary>
    public static string Text(string marker, string tag, int length = 160)
    {
        var text = new StringBuilder($"Engineer {marker}-{tag} who shipped the {marker}{tag} billing service and cut costs by 30 percent.");
        while (text.Length < length)
        {
            text.Append(" Led ").Append(marker).Append('-').Append(tag).Append(" migrations for 12 teams.");
        }

        return text.ToString();
    }

    /// <summary>The store's item id of a GitHub bio.</summary>
    public static string ItemId(string text) => PairIds.ForItem("github", "bio", text);

    /// <summary>
    /// Records pairs into the CLI's pair store through the SDK, <paramref name="time"/> dating them (default: now), and
    /// caches an embedding of each of their texts.
    /// </summary>
    public static async Task SeedAsync(CliRunner cli, IReadOnlyList<NewPair> pairs, TimeProvider? time = null)
    {
        var services = new ServiceCollection();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddRanker(o =>
        {
            o.ModelsDirectory = cli.ModelsDirectory;
            o.HotReload = false;
        })
            .AddSqlitePairStore(o => o.DatabasePath = Path.Combine(cli.DataDirectory, "pairs.db"))
            .AddSignals(o => o.RaterKey = RaterTestData.KeyBase64);
        await using var provider = services.BuildServiceProvider();
        var stored = await provider.GetRequiredService<ITrainingSignalRecorder>().AddPairsAsync(pairs);
        Assert.That(stored, Is.EqualTo(pairs.Count), "every seeded pair is new");

        // The hashing generator caches nothing, so each text gets a cached vector of another generator, as a host's would.
        var vectors = pairs.SelectMany(p => new[] { p.TextA, p.TextB }).Distinct(StringComparer.Ordinal)
            .ToDictionary(EmbeddingTextHash.Compute, t => Enumerable.Repeat((float)t.Length, CachedDimension).ToArray(), StringComparer.Ordinal);
        await provider.GetRequiredService<IEmbeddingCache>().SetManyAsync(CachedGenerator, CachedDimension, vectors);
    }

    /// <summary>A user choice of <paramref name="rater"/> (raw id; <see langword="null"/> for none) between two GitHub bios.</summary>
    public static NewPair Choice(string? rater, string textA, string textB, string source = PairSources.UserChoice) =>
        new("github", "bio", textA, textB, PairSide.A, source) { Rater = rater is null ? null : RaterTestData.Pseudonym(rater) };

    /// <summary>Reads every stored pair and item through the SDK.</summary>
    public static async Task<StoreSnapshot> ReadStoreAsync(CliRunner cli) => await ReadStoreAsync(cli.DataDirectory, cli.ModelsDirectory);

    /// <summary>Reads every stored pair and item of the pair store in <paramref name="dataDirectory"/> through the SDK.</summary>
    public static async Task<StoreSnapshot> ReadStoreAsync(string dataDirectory, string modelsDirectory)
    {
        var services = new ServiceCollection();
        services.AddRanker(o =>
        {
            o.ModelsDirectory = modelsDirectory;
            o.HotReload = false;
        }).AddSqlitePairStore(o => o.DatabasePath = Path.Combine(dataDirectory, "pairs.db"));
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IPairStore>();
        var pairs = new List<StoredPair>();
        await foreach (var pair in store.StreamPairsAsync())
        {
            pairs.Add(pair);
        }

        var items = new List<StoredItem>();
        for (IReadOnlyList<StoredItem> page; (page = await store.ListItemsAsync(new ItemQuery { Skip = items.Count, Take = 10_000 })).Count > 0;)
        {
            items.AddRange(page);
        }

        var embeddings = await store.ListCachedEmbeddingsAsync();
        return new StoreSnapshot(pairs, items, embeddings.Sum(e => e.Count));
    }

    /// <summary>Runs <c>versions --json</c>: each version's activity and whether it learned from erased data.</summary>
    public static async Task<Dictionary<string, (bool Active, bool? Marked)>> VersionsAsync(CliRunner cli)
    {
        var run = await cli.RunAsync("ranker", "versions", "--json");
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        using var json = JsonDocument.Parse(run.Out);
        Assert.That(json.RootElement.GetProperty("erasure_check_problem").ValueKind, Is.EqualTo(JsonValueKind.Null), run.Out);
        return json.RootElement.GetProperty("versions").EnumerateArray().ToDictionary(
            v => v.GetProperty("version").GetString()!,
            v => (v.GetProperty("active").GetBoolean(), v.GetProperty("trained_on_erased_data").ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => (bool?)false,
                _ => null,
            }),
            StringComparer.Ordinal);
    }

    /// <summary>Runs a command that must succeed with <c>--json</c> and returns its parsed output.</summary>
    public static async Task<JsonElement> JsonAsync(CliRunner cli, params string[] args)
    {
        var run = await cli.RunAsync([.. args, "--json"]);
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        using var json = JsonDocument.Parse(run.Out);
        return json.RootElement.Clone();
    }

    /// <summary>Gets every file under <paramref name="directory"/> (the database, its WAL and shared memory, datasets), with its bytes.</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> FolderBytes(string directory) =>
        [.. Directory.GetFiles(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(path =>
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return (Path.GetRelativePath(directory, path), copy.ToArray());
        })];

    /// <summary>Gets the files of <paramref name="files"/> that hold <paramref name="text"/> in UTF-8 or UTF-16.</summary>
    public static IReadOnlyList<string> FilesHolding(IReadOnlyList<(string Name, byte[] Bytes)> files, string text) =>
        [.. files.Where(f => RaterTestData.Holds(f.Bytes, text)).Select(f => f.Name)];

    /// <summary>
    /// Gets the item ids (<c>i_</c> and 16 hex digits) found in <paramref name="files"/>, in UTF-8, UTF-16LE or UTF-16BE
    /// at either byte alignment: one pass over the bytes, however many ids are looked for.
    /// </summary>
    public static HashSet<string> ItemIdsIn(IReadOnlyList<(string Name, byte[] Bytes)> files)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, bytes) in files)
        {
            foreach (var text in Decodings(bytes))
            {
                foreach (Match match in ItemIdPattern().Matches(text))
                {
                    found.Add(match.Value);
                }
            }
        }

        return found;
    }

    /// <summary>Runs <c>PRAGMA integrity_check</c> on the pair store in <paramref name="dataDirectory"/>.</summary>
    public static string IntegrityCheck(string dataDirectory)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, "pairs.db"),
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join("; ", lines);
    }

    private static IEnumerable<string> Decodings(byte[] bytes)
    {
        yield return Encoding.Latin1.GetString(bytes);
        foreach (var encoding in new[] { Encoding.Unicode, Encoding.BigEndianUnicode })
        {
            yield return encoding.GetString(bytes);
            if (bytes.Length > 1)
            {
                yield return encoding.GetString(bytes, 1, bytes.Length - 1);
            }
        }
    }

    [GeneratedRegex("i_[0-9a-f]{16}", RegexOptions.CultureInvariant)]
    private static partial Regex ItemIdPattern();
}

/// <summary>The pair store's content, read through the SDK.</summary>
internal sealed record StoreSnapshot(IReadOnlyList<StoredPair> Pairs, IReadOnlyList<StoredItem> Items, int Embeddings)
{
    public IReadOnlyList<StoredPair> PairsOf(string rater) => [.. Pairs.Where(p => p.Rater == RaterTestData.Pseudonym(rater))];

    public ISet<string> PairIds => Pairs.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);

    public ISet<string> ItemIds => Items.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
}
