using System.Collections.ObjectModel;
using System.Reflection;
using System.Text.Json;

namespace Ancso.Ml.Learning.Bootstrap;

/// <summary>
/// The benchmark profiles shipped inside the package, used to bootstrap a first training dataset: fictional people
/// with good, varied texts for every section of their platform. Read-only: platform → profiles → sections → texts.
/// </summary>
internal sealed class BenchmarkProfiles
{
    private const int SchemaVersion = 1;
    private const string ResourcePrefix = "Ancso.Ml.Learning.Bootstrap.Data.";

    private static readonly Lazy<BenchmarkProfiles> EmbeddedCorpus = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, IReadOnlyList<BenchmarkProfile>> _byPlatform;

    private BenchmarkProfiles(Dictionary<string, IReadOnlyList<BenchmarkProfile>> byPlatform)
    {
        _byPlatform = byPlatform;
        Platforms = byPlatform.Keys.Order(StringComparer.Ordinal).ToList().AsReadOnly();
    }

    /// <summary>Gets the corpus embedded in the package (<c>github.json</c> and <c>linkedin.json</c>), loaded once.</summary>
    /// <exception cref="InvalidDataException">An embedded corpus file is missing or malformed (the message names the file, profile and field).</exception>
    public static BenchmarkProfiles Embedded => EmbeddedCorpus.Value;

    /// <summary>Gets the platforms that have profiles, in ordinal order.</summary>
    public IReadOnlyList<string> Platforms { get; }

    /// <summary>Gets the profiles of a platform.</summary>
    /// <param name="platform">The platform, for example <see cref="ContentPlatforms.GitHub"/>.</param>
    /// <returns>The profiles, in corpus order.</returns>
    /// <exception cref="ArgumentException">The corpus has no profiles for <paramref name="platform"/>.</exception>
    public IReadOnlyList<BenchmarkProfile> GetProfiles(string platform)
    {
        ArgumentNullException.ThrowIfNull(platform);
        return _byPlatform.TryGetValue(platform, out var profiles)
            ? profiles
            : throw new ArgumentException($"The benchmark corpus has no profiles for platform '{platform}'. Known platforms: {string.Join(", ", Platforms)}.", nameof(platform));
    }

    /// <summary>Gets every text of one section across a platform's profiles, in corpus order.</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="section">The section, for example <see cref="ContentSections.Bio"/>.</param>
    /// <returns>The texts.</returns>
    /// <exception cref="ArgumentException">The corpus has no profiles for <paramref name="platform"/>.</exception>
    public IReadOnlyList<string> GetTexts(string platform, string section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return GetProfiles(platform).SelectMany(p => p.GetTexts(section)).ToList().AsReadOnly();
    }

    /// <summary>
    /// Parses corpus documents. Each document holds one platform:
    /// <c>{"schema_version":1,"platform":"github","profiles":[{"id":…,"role":…,"seniority":…,"industry":…,"sections":{"bio":["…"],…}}]}</c>.
    /// </summary>
    /// <param name="documents">Pairs of a source name (used in error messages) and the document's JSON text.</param>
    /// <returns>The corpus.</returns>
    /// <exception cref="InvalidDataException">A document is malformed; the message names the source, the profile, the field and what to do.</exception>
    internal static BenchmarkProfiles Parse(IEnumerable<(string Source, string Json)> documents)
    {
        var byPlatform = new Dictionary<string, IReadOnlyList<BenchmarkProfile>>(StringComparer.Ordinal);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (source, json) in documents)
        {
            var (platform, profiles) = ParseDocument(source, json, ids, texts);
            if (byPlatform.ContainsKey(platform))
            {
                throw new InvalidDataException($"Benchmark corpus '{source}': platform '{platform}' is already defined by another document. Put each platform's profiles in one document.");
            }

            byPlatform[platform] = profiles;
        }

        return new BenchmarkProfiles(byPlatform);
    }

    private static BenchmarkProfiles LoadEmbedded()
    {
        var assembly = typeof(BenchmarkProfiles).Assembly;
        var documents = new List<(string, string)>();
        foreach (var platform in ContentPlatforms.All)
        {
            var name = ResourcePrefix + platform + ".json";
            documents.Add((platform + ".json", ReadResource(assembly, name)));
        }

        return Parse(documents);
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidDataException($"The benchmark corpus resource '{name}' is missing from {assembly.GetName().Name}. Rebuild the package with the files under Pairs/Bootstrap/Data embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static (string Platform, IReadOnlyList<BenchmarkProfile> Profiles) ParseDocument(
        string source, string json, Dictionary<string, string> ids, Dictionary<string, string> texts)
    {
        using var document = ParseJson(source, json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Error(source, "the document must be a JSON object with 'schema_version', 'platform' and 'profiles'");
        }

        var version = RequireProperty(source, "the document", root, "schema_version", JsonValueKind.Number);
        if (!version.TryGetInt32(out var v) || v != SchemaVersion)
        {
            throw Error(source, $"'schema_version' is {version.GetRawText()}; this library reads version {SchemaVersion}");
        }

        var platform = RequireString(source, "the document", root, "platform");
        var sections = ContentSections.ForPlatform(platform);
        if (sections.Count == 0)
        {
            throw Error(source, $"'platform' is '{platform}'; expected one of {string.Join(", ", ContentPlatforms.All)}");
        }

        var profiles = new List<BenchmarkProfile>();
        var index = 0;
        foreach (var element in RequireProperty(source, "the document", root, "profiles", JsonValueKind.Array).EnumerateArray())
        {
            profiles.Add(ParseProfile(source, platform, sections, element, index++, ids, texts));
        }

        if (profiles.Count == 0)
        {
            throw Error(source, "'profiles' is empty; add at least one profile");
        }

        return (platform, profiles.AsReadOnly());
    }

    private static BenchmarkProfile ParseProfile(
        string source, string platform, IReadOnlyList<string> known, JsonElement element, int index,
        Dictionary<string, string> ids, Dictionary<string, string> texts)
    {
        var where = $"profiles[{index}]";
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Error(source, $"{where} must be an object");
        }

        var id = RequireString(source, where, element, "id");
        where = $"profiles[{index}] ('{id}')";
        if (!ids.TryAdd(id, source))
        {
            throw Error(source, $"{where}: the id is already used in '{ids[id]}'; give every profile a unique id");
        }

        var role = RequireString(source, where, element, "role");
        var seniority = RequireString(source, where, element, "seniority");
        var industry = RequireString(source, where, element, "industry");
        var sectionsElement = RequireProperty(source, where, element, "sections", JsonValueKind.Object);
        var sections = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var property in sectionsElement.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                throw Error(source, $"{where}: unknown section '{property.Name}'; {platform} profiles have {string.Join(", ", known)}");
            }

            if (property.Value.ValueKind != JsonValueKind.Array || property.Value.GetArrayLength() == 0)
            {
                throw Error(source, $"{where}: section '{property.Name}' must be a non-empty array of texts");
            }

            var list = new List<string>();
            var textIndex = 0;
            foreach (var item in property.Value.EnumerateArray())
            {
                var at = $"{where}.sections.{property.Name}[{textIndex++}]";
                if (item.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(item.GetString()))
                {
                    throw Error(source, $"{at} must be a non-empty string");
                }

                var text = item.GetString()!;
                if (!texts.TryAdd(text, at))
                {
                    throw Error(source, $"{at} repeats the text of {texts[text]}; every benchmark text must be unique");
                }

                list.Add(text);
            }

            sections[property.Name] = list.AsReadOnly();
        }

        var missing = known.Where(s => !sections.ContainsKey(s)).ToList();
        if (missing.Count > 0)
        {
            throw Error(source, $"{where} has no '{string.Join("', '", missing)}' section; every {platform} profile needs {string.Join(", ", known)}");
        }

        return new BenchmarkProfile(id, platform, role, seniority, industry, new ReadOnlyDictionary<string, IReadOnlyList<string>>(sections));
    }

    private static JsonDocument ParseJson(string source, string json)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException(
                $"Benchmark corpus '{source}' is not valid JSON at line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}: {ex.Message} Fix the JSON syntax there.",
                ex);
        }
    }

    private static JsonElement RequireProperty(string source, string where, JsonElement element, string name, JsonValueKind kind)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            throw Error(source, $"{where} has no '{name}' field");
        }

        return value.ValueKind == kind ? value : throw Error(source, $"{where}: '{name}' must be a JSON {kind.ToString().ToLowerInvariant()}, not {value.ValueKind.ToString().ToLowerInvariant()}");
    }

    private static string RequireString(string source, string where, JsonElement element, string name)
    {
        var value = RequireProperty(source, where, element, name, JsonValueKind.String).GetString();
        return string.IsNullOrWhiteSpace(value) ? throw Error(source, $"{where}: '{name}' must not be empty") : value;
    }

    private static InvalidDataException Error(string source, string problem) => new($"Benchmark corpus '{source}': {problem}.");
}
