using System.Reflection;

namespace Ancso.Ml.Packaging.Tests;

/// <summary>
/// Packs <c>Ancso.Ml</c>, <c>Ancso.Ml.Training</c>, <c>Ancso.Ml.Embeddings.Local</c> and the <c>ancso</c> tool (its pointer
/// package and one package per runtime) once, in Release with a CI build (deterministic paths, SourceLink), into a
/// temporary folder that every test of this assembly reads.
/// </summary>
[SetUpFixture]
public sealed class PackedPackages
{
    public const string Library = "Ancso.Ml";
    public const string Training = "Ancso.Ml.Training";
    public const string Tool = "Ancso.Ml.Cli";
    public const string Local = "Ancso.Ml.Embeddings.Local";
    public const string Sqlite = "Ancso.Ml.Sqlite";
    public const string PostgreSql = "Ancso.Ml.PostgreSql";

    /// <summary>The runtimes the tool is packed for, each in its own package <c>Ancso.Ml.Cli.&lt;rid&gt;</c>.</summary>
    public static readonly string[] ToolRuntimes = ["linux-x64", "win-x64", "osx-arm64"];

    /// <summary>Every package the pack makes: the libraries, the tool's pointer package and its runtime packages.</summary>
    public static readonly string[] AllPackages = [Library, Training, Local, Sqlite, PostgreSql, Tool, .. ToolRuntimes.Select(ToolRuntimePackage)];

    private static string? _root;

    /// <summary>Gets the temporary folder of this test run; the packages are in its <c>packages</c> subfolder.</summary>
    public static string Root => _root ?? throw new InvalidOperationException("The packages have not been packed.");

    public static string PackagesFolder => Path.Combine(Root, "packages");

    public static string RepositoryRoot => Metadata("RepositoryRoot");

    public static string NuGetPackageRoot => Metadata("NuGetPackageRoot");

    public static string Version { get; private set; } = "";

    public static string PackagePath(string id) => Path.Combine(PackagesFolder, $"{id}.{Version}.nupkg");

    public static string SymbolPackagePath(string id) => Path.Combine(PackagesFolder, $"{id}.{Version}.snupkg");

    public static string ToolRuntimePackage(string rid) => $"{Tool}.{rid}";

    [OneTimeSetUp]
    public static async Task PackAsync()
    {
        _root = Path.Combine(Path.GetTempPath(), "ancso-packaging-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(PackagesFolder);

        // The tool's pack builds the libraries in Release too (their packs then reuse that build) and packs the tool once
        // per runtime, then its pointer package.
        string[] common = ["-c", "Release", "-o", PackagesFolder, "-p:ContinuousIntegrationBuild=true", "-nodeReuse:false"];
        // Four builds (the libraries, then the tool for each runtime) and 600 MB of natives to compress: give it time.
        var tool = await DotnetCli.RunAsync(TimeSpan.FromMinutes(15), RepositoryRoot, ["pack", Project(Tool), .. common]);
        tool.EnsureSuccess();
        TestContext.Progress.WriteLine($"packed the tool in {tool.Elapsed.TotalSeconds:0} s");
        foreach (var id in new[] { Library, Training, Local, Sqlite, PostgreSql })
        {
            (await DotnetCli.RunAsync(RepositoryRoot, ["pack", Project(id), "--no-build", .. common])).EnsureSuccess();
        }

        var library = Directory.GetFiles(PackagesFolder, $"{Library}.*.nupkg")
            .Single(p => new[] { Training, Tool, Local, Sqlite, PostgreSql }.All(other => !Path.GetFileName(p).StartsWith(other + ".", StringComparison.Ordinal)));
        Version = Path.GetFileNameWithoutExtension(library)[(Library.Length + 1)..];
        foreach (var package in Directory.GetFiles(PackagesFolder))
        {
            var bytes = new FileInfo(package).Length;
            TestContext.Progress.WriteLine($"packed {Path.GetFileName(package)}: {bytes:N0} bytes ({bytes / 1e6:0.0} MB, {bytes / 1024.0 / 1024.0:0.0} MiB)");
        }
    }

    [OneTimeTearDown]
    public static void DeleteFolder()
    {
        if (_root is not null && Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static string Project(string id) => Path.Combine(RepositoryRoot, "src", id, id + ".csproj");

    private static string Metadata(string key) =>
        typeof(PackedPackages).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
