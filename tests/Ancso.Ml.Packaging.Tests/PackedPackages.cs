using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Ancso.Ml.Packaging.Tests;

/// <summary>
/// Packs every packable project under <c>src/</c> once, in Release with a CI build (deterministic paths, SourceLink),
/// into a temporary folder that every test of this assembly reads: each library on its own, as the README says (no
/// earlier build, no <c>--no-build</c>), then the <c>ancso</c> tool (its pointer package and one package per runtime).
/// The projects are found, not listed: a project whose file says <c>&lt;IsPackable&gt;true&lt;/IsPackable&gt;</c> is a
/// library package, or the tool when it also says <c>&lt;PackAsTool&gt;true&lt;/PackAsTool&gt;</c>.
/// </summary>
[SetUpFixture]
public sealed partial class PackedPackages
{
    public const string Library = "Ancso.Ml";
    public const string Training = "Ancso.Ml.Training";
    public const string Learning = "Ancso.Ml.Learning";
    public const string Tool = "Ancso.Ml.Cli";
    public const string Local = "Ancso.Ml.Embeddings.Local";
    public const string Sqlite = "Ancso.Ml.Sqlite";
    public const string PostgreSql = "Ancso.Ml.PostgreSql";

    /// <summary>The runtimes the tool is packed for, each in its own package <c>Ancso.Ml.Cli.&lt;rid&gt;</c>.</summary>
    public static readonly string[] ToolRuntimes = ["linux-x64", "win-x64", "osx-arm64"];

    private static readonly Lazy<(string[] Libraries, string[] Tools)> Projects = new(FindPackableProjects);

    private static string? _root;

    /// <summary>The library packages: every packable project under <c>src/</c> that is not a dotnet tool, by name.</summary>
    public static string[] Libraries => Projects.Value.Libraries;

    /// <summary>Every package the pack makes: the libraries, the tool's pointer package and its runtime packages.</summary>
    public static string[] AllPackages => [.. Libraries, Tool, .. ToolRuntimes.Select(ToolRuntimePackage)];

    /// <summary>Gets the temporary folder of this test run; the packages are in its <c>packages</c> subfolder.</summary>
    public static string Root => _root ?? throw new InvalidOperationException("The packages have not been packed.");

    public static string PackagesFolder => Path.Combine(Root, "packages");

    /// <summary>
    /// The machine's package cache without any <c>Ancso.Ml*</c> package: one symbolic link per package folder, for the
    /// consumer apps' fallback folder. Null where links cannot be made (the apps then restore everything from the feed).
    /// </summary>
    public static string? CacheWithoutOurPackages { get; private set; }

    public static string RepositoryRoot => Metadata("RepositoryRoot");

    public static string NuGetPackageRoot => Metadata("NuGetPackageRoot");

    public static string Version { get; private set; } = "";

    /// <summary>What a pack without an explicit version makes (Directory.Build.props): 0.1.0-local.&lt;stamp&gt;.h&lt;hash&gt;.</summary>
    [GeneratedRegex(@"^0\.1\.0-local\.\d{14}\.h[0-9a-f]{8}$")]
    public static partial Regex LocalVersion();

    public static string PackagePath(string id) => Path.Combine(PackagesFolder, $"{id}.{Version}.nupkg");

    public static string SymbolPackagePath(string id) => Path.Combine(PackagesFolder, $"{id}.{Version}.snupkg");

    public static string ToolRuntimePackage(string rid) => $"{Tool}.{rid}";

    [OneTimeSetUp]
    public static async Task PackAsync()
    {
        _root = Path.Combine(Path.GetTempPath(), "ancso-packaging-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(PackagesFolder);

        string[] common = ["-c", "Release", "-o", PackagesFolder, "-p:ContinuousIntegrationBuild=true", "-nodeReuse:false"];
        Assert.That(Projects.Value.Tools, Is.EqualTo(new[] { Tool }), "one dotnet tool under src/");

        // Each library alone, as a user packs it: it builds what it needs (no --no-build, no tool pack first).
        foreach (var id in Libraries)
        {
            var library = await DotnetCli.RunAsync(RepositoryRoot, ["pack", Project(id), .. common]);
            library.EnsureSuccess();
            TestContext.Progress.WriteLine($"packed {id} alone in {library.Elapsed.TotalSeconds:0} s");
        }

        // The tool packs once per runtime, then its pointer package; its libraries are built by then. Four builds and
        // 600 MB of natives to compress: give it time.
        var tool = await DotnetCli.RunAsync(TimeSpan.FromMinutes(15), RepositoryRoot, ["pack", Project(Tool), .. common]);
        tool.EnsureSuccess();
        TestContext.Progress.WriteLine($"packed the tool in {tool.Elapsed.TotalSeconds:0} s");

        var packed = Directory.GetFiles(PackagesFolder, $"{Library}.*.nupkg")
            .Select(p => Path.GetFileNameWithoutExtension(p)[(Library.Length + 1)..])
            .Where(rest => rest.Length > 0 && char.IsAsciiDigit(rest[0]))
            .ToList();
        Assert.That(packed, Has.Count.EqualTo(1), $"one {Library} package in {PackagesFolder}");
        Version = packed[0];
        foreach (var package in Directory.GetFiles(PackagesFolder))
        {
            var bytes = new FileInfo(package).Length;
            TestContext.Progress.WriteLine($"packed {Path.GetFileName(package)}: {bytes:N0} bytes ({bytes / 1e6:0.0} MB, {bytes / 1024.0 / 1024.0:0.0} MiB)");
        }

        CacheWithoutOurPackages = LinkCacheWithoutOurPackages(Path.Combine(Root, "cache-without-ancso"));
    }

    [OneTimeTearDown]
    public static void DeleteFolder()
    {
        if (_root is not null && Directory.Exists(_root))
        {
            // The cache view holds links: deleting the folder removes the links, never what they point at.
            Directory.Delete(_root, recursive: true);
        }
    }

    private static string Project(string id) => Path.Combine(RepositoryRoot, "src", id, id + ".csproj");

    private static (string[] Libraries, string[] Tools) FindPackableProjects()
    {
        var packable = Directory.GetDirectories(Path.Combine(RepositoryRoot, "src"))
            .Select(folder => Path.Combine(folder, Path.GetFileName(folder) + ".csproj"))
            .Where(File.Exists)
            .Select(path => (Id: Path.GetFileNameWithoutExtension(path), Properties: XDocument.Load(path).Root!.Elements("PropertyGroup").Elements().ToList()))
            .Where(p => IsTrue(p.Properties, "IsPackable"))
            .ToList();
        return (
            [.. packable.Where(p => !IsTrue(p.Properties, "PackAsTool")).Select(p => p.Id).Order(StringComparer.Ordinal)],
            [.. packable.Where(p => IsTrue(p.Properties, "PackAsTool")).Select(p => p.Id).Order(StringComparer.Ordinal)]);

        static bool IsTrue(List<XElement> properties, string name) =>
            properties.Any(e => e.Name.LocalName == name && e.Attribute("Condition") is null && string.Equals(e.Value.Trim(), "true", StringComparison.OrdinalIgnoreCase));
    }

    private static string? LinkCacheWithoutOurPackages(string view)
    {
        if (!Directory.Exists(NuGetPackageRoot))
        {
            return null;
        }

        Directory.CreateDirectory(view);
        try
        {
            foreach (var package in Directory.GetDirectories(NuGetPackageRoot))
            {
                var id = Path.GetFileName(package);
                if (!id.StartsWith("ancso.ml", StringComparison.OrdinalIgnoreCase))
                {
                    Directory.CreateSymbolicLink(Path.Combine(view, id), package);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TestContext.Progress.WriteLine($"no cache view ({e.Message}): the consumer apps restore every package from the feed");
            Directory.Delete(view, recursive: true);
            return null;
        }

        return view;
    }

    private static string Metadata(string key) =>
        typeof(PackedPackages).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
