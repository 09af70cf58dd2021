using System.Xml.Linq;

namespace Ancso.Ml.Packaging.Tests;

/// <summary>
/// A new console app that references <c>Ancso.Ml</c> from the packed folder only, restored into a packages folder of its
/// own (<see cref="IsolatedRestore"/>: never the machine's cache for an <c>Ancso.Ml*</c> package), registers
/// <c>services.AddRanker()</c> and scores an item.
/// </summary>
public class ConsumerAppTests
{
    private const string ProgramSource = """
        using Ancso.Ml.Content;
        using Ancso.Ml.Inference;
        using Microsoft.Extensions.DependencyInjection;

        var services = new ServiceCollection();
        services.AddRanker(options => options.ModelsDirectory = Path.Combine(args[0], "models"));
        await using var provider = services.BuildServiceProvider();
        var ranker = provider.GetRequiredService<IRankerInferenceService>();
        await ranker.InitializeAsync();
        var status = await ranker.GetStatusAsync();
        Console.WriteLine($"status: {status.Provenance.Name} ({status.Provenance.Reason})");
        var item = new ContentItem("bio-1", ContentPlatforms.GitHub, ContentSections.Bio,
            "Maintainer of pgpool-lite, a PostgreSQL connection pooler that cut p99 latency by 40% at 30 companies.");
        var score = await ranker.ScoreItemAsync(item);
        Console.WriteLine($"score: {score.Score:0.0000} provenance: {score.Provenance.Name}");
        """;

    private string _app = "";
    private ProcessRun? _run;

    private static string PackagesFolder => Path.Combine(PackedPackages.Root, "consumer-packages");

    [OneTimeSetUp]
    public async Task BuildAndRunAsync()
    {
        _app = Path.Combine(PackedPackages.Root, "consumer");
        Directory.CreateDirectory(_app);
        await File.WriteAllTextAsync(Path.Combine(_app, "Directory.Build.props"), "<Project />");
        await File.WriteAllTextAsync(Path.Combine(_app, "Directory.Build.targets"), "<Project />");
        await File.WriteAllTextAsync(Path.Combine(_app, "Directory.Packages.props"), "<Project />");
        await File.WriteAllTextAsync(Path.Combine(_app, "nuget.config"), IsolatedRestore.NuGetConfig(PackagesFolder));
        await File.WriteAllTextAsync(Path.Combine(_app, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <RestorePackagesPath>{PackagesFolder}</RestorePackagesPath>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Ancso.Ml" Version="{PackedPackages.Version}" />
                <PackageReference Include="Microsoft.Extensions.DependencyInjection" Version="{RepositoryPackageVersion("Microsoft.Extensions.DependencyInjection")}" />
              </ItemGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(_app, "Program.cs"), ProgramSource);

        (await DotnetCli.RunAsync(IsolatedRestore.Environment(PackagesFolder), _app, "build", "-c", "Release", "-nodeReuse:false")).EnsureSuccess();
        var dll = Path.Combine(_app, "bin", "Release", "net10.0", "Consumer.dll");
        _run = await DotnetCli.RunAsync(_app, dll, Path.Combine(_app, "run"));
    }

    [Test]
    public void Restore_Library_CameFromThePackedFolder()
    {
        var restored = Path.Combine(PackagesFolder, "ancso.ml", PackedPackages.Version, $"ancso.ml.{PackedPackages.Version}.nupkg");
        Assert.That(File.Exists(restored), Is.True, $"{restored} was not restored: the package came from somewhere else");
        Assert.That(File.ReadAllBytes(restored), Is.EqualTo(File.ReadAllBytes(PackedPackages.PackagePath(PackedPackages.Library))));
    }

    [Test]
    public void Restore_EveryAncsoPackage_IsTheFreshlyPackedOneInTheAppsOwnFolder() =>
        Assert.That(IsolatedRestore.AssertOurPackagesAreTheFreshlyPackedOnes(Path.Combine(_app, "obj", "project.assets.json"), PackagesFolder),
            Does.Contain(PackedPackages.Library));

    [Test]
    public void Build_LibraryInTheOutput_CarriesThePackedVersion()
    {
        var dll = Path.Combine(_app, "bin", "Release", "net10.0", "Ancso.Ml.dll");
        var version = System.Diagnostics.FileVersionInfo.GetVersionInfo(dll).ProductVersion;
        Assert.That(version, Does.StartWith(PackedPackages.Version + "+"), $"{dll} is not the build this run packed");
    }

    [Test]
    public void Build_ScoringOnlyApp_ShipsNeitherTorchSharpNorSqlite()
    {
        var output = Path.Combine(_app, "bin", "Release", "net10.0");
        var files = Directory.GetFiles(output, "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToList();

        Assert.That(files, Has.Some.EqualTo("Ancso.Ml.dll").And.Some.StartsWith("Microsoft.ML.OnnxRuntime"));
        Assert.That(files.Where(f => f!.Contains("torch", StringComparison.OrdinalIgnoreCase) || f.Contains("sqlite", StringComparison.OrdinalIgnoreCase)), Is.Empty);
    }

    [Test]
    public void Run_AddRankerWithoutModel_ReportsHeuristicStatus() =>
        Assert.That(_run!.Output, Does.Contain("status: heuristic (NoModel)"), _run.ToString());

    [Test]
    public void Run_ScoreItem_PrintsHeuristicScore()
    {
        _run!.EnsureSuccess();
        Assert.That(_run.Output, Does.Match(@"score: 0\.\d{4} provenance: heuristic"), _run.ToString());
    }

    private static string RepositoryPackageVersion(string id) =>
        XDocument.Load(Path.Combine(PackedPackages.RepositoryRoot, "Directory.Packages.props"))
            .Descendants("PackageVersion").Single(e => e.Attribute("Include")?.Value == id).Attribute("Version")!.Value;
}
