using System.Text.Json;
using System.Xml.Linq;

namespace Ancso.Ml.Packaging.Tests;

/// <summary>
/// How the consumer apps and the tool install restore: never from the machine's package cache for an <c>Ancso.Ml*</c>
/// package. Each restores into its own packages folder under the test run's folder; the packed folder is the only source
/// of <c>Ancso.Ml*</c>; everything else comes from the repository's feeds, with the machine's cache minus every
/// <c>Ancso.Ml*</c> package as a read-only fallback folder so the large natives are not fetched again.
/// </summary>
internal static class IsolatedRestore
{
    /// <summary>A nuget.config for a consumer that restores into <paramref name="packagesFolder"/>.</summary>
    public static string NuGetConfig(string packagesFolder)
    {
        var feeds = RepositoryFeeds().ToList();
        var config = new XElement("configuration",
            new XElement("config", Add("globalPackagesFolder", packagesFolder)),
            new XElement("fallbackPackageFolders",
                new XElement("clear"),
                PackedPackages.CacheWithoutOurPackages is { } view ? Add("cache-without-ancso", view) : null),
            new XElement("packageSources",
                new XElement("clear"),
                Add("packed", PackedPackages.PackagesFolder),
                feeds.Select(f => Add(f.Key, f.Value))),
            new XElement("packageSourceMapping",
                new XElement("clear"),
                Mapping("packed", "Ancso.Ml*"),
                feeds.Select(f => Mapping(f.Key, "*"))));
        return config.ToString();

        static XElement Add(string key, string value) => new("add", new XAttribute("key", key), new XAttribute("value", value));

        static XElement Mapping(string key, string pattern) =>
            new("packageSource", new XAttribute("key", key), new XElement("package", new XAttribute("pattern", pattern)));
    }

    /// <summary>
    /// The environment of a consumer's restore: the variables that would take precedence over nuget.config's folders
    /// point at the same ones, so a developer's own NUGET_PACKAGES cannot send the restore to their cache.
    /// </summary>
    public static Dictionary<string, string> Environment(string packagesFolder) => new()
    {
        ["NUGET_PACKAGES"] = packagesFolder,
        ["NUGET_FALLBACK_PACKAGES"] = PackedPackages.CacheWithoutOurPackages ?? "",
    };

    /// <summary>
    /// Checks a consumer's restore: every <c>Ancso.Ml*</c> package it resolved is at the packed version, sits in the
    /// consumer's own packages folder (which comes first) and is byte for byte the package this run packed.
    /// </summary>
    /// <returns>The ids of the <c>Ancso.Ml*</c> packages the restore resolved.</returns>
    public static List<string> AssertOurPackagesAreTheFreshlyPackedOnes(string assetsFile, string packagesFolder)
    {
        using var assets = JsonDocument.Parse(File.ReadAllText(assetsFile));
        var folders = assets.RootElement.GetProperty("packageFolders").EnumerateObject().Select(p => p.Name).ToList();
        var ours = assets.RootElement.GetProperty("libraries").EnumerateObject()
            .Where(l => l.Value.GetProperty("type").GetString() == "package" && l.Name.StartsWith(PackedPackages.Library, StringComparison.OrdinalIgnoreCase))
            .Select(l => (Id: l.Name[..l.Name.IndexOf('/', StringComparison.Ordinal)], Version: l.Name[(l.Name.IndexOf('/', StringComparison.Ordinal) + 1)..], Path: l.Value.GetProperty("path").GetString()!))
            .ToList();

        Assert.Multiple(() =>
        {
            Assert.That(Path.TrimEndingDirectorySeparator(folders[0]), Is.EqualTo(Path.TrimEndingDirectorySeparator(packagesFolder)), "the consumer's own packages folder comes first");
            Assert.That(ours, Is.Not.Empty, $"no {PackedPackages.Library}* package in {assetsFile}");
            foreach (var (id, version, path) in ours)
            {
                Assert.That(version, Is.EqualTo(PackedPackages.Version), $"{id} is not at the version this run packed");
                var restored = Path.Combine(packagesFolder, path, $"{id}.{version}.nupkg".ToLowerInvariant());
                Assert.That(File.Exists(restored), Is.True, $"{id} {version} did not land in the consumer's own folder ({restored}): it came from elsewhere");
                if (File.Exists(restored))
                {
                    Assert.That(File.ReadAllBytes(restored), Is.EqualTo(File.ReadAllBytes(PackedPackages.PackagePath(id))), $"{restored} is not the package this run packed");
                }
            }
        });
        return [.. ours.Select(p => p.Id)];
    }

    private static IEnumerable<KeyValuePair<string, string>> RepositoryFeeds()
    {
        var config = XDocument.Load(Path.Combine(PackedPackages.RepositoryRoot, "nuget.config"));
        return config.Descendants("packageSources").Elements("add")
            .Select(e => KeyValuePair.Create(e.Attribute("key")!.Value, e.Attribute("value")!.Value))
            .Where(f => f.Value.StartsWith("https://", StringComparison.OrdinalIgnoreCase));
    }
}
