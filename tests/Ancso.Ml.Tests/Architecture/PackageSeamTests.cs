using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Ancso.Ml.Tests.Architecture;

/// <summary>
/// Shipped packages reach each other through public API only, so each can be upgraded on its own: a package grants its
/// internals to test and benchmark assemblies alone. A grant between shipped packages fails the test; should one ever
/// be unavoidable for a while, it is listed in <see cref="RemainingGrants"/> by name (and the list only shrinks).
/// </summary>
public partial class PackageSeamTests
{
    /// <summary>Grants between shipped packages not yet replaced by public API (package → the package that reads its internals): none.</summary>
    private static readonly string[] RemainingGrants = [];

    [Test]
    public void ShippedPackages_GrantInternalsToTestsAndBenchmarksOnly()
    {
        var shipped = ShippedPackages();
        var grants = new List<string>();
        foreach (var (name, folder) in shipped)
        {
            var project = XDocument.Load(Path.Combine(folder, name + ".csproj"));
            var granted = project.Descendants("InternalsVisibleTo").Select(e => (string?)e.Attribute("Include"))
                .Concat(Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
                    .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                    .SelectMany(f => AttributeGrant().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value)));
            grants.AddRange(granted.OfType<string>().Where(g => shipped.ContainsKey(g)).Select(g => $"{name} -> {g}"));
        }

        Assert.Multiple(() =>
        {
            Assert.That(grants.Except(RemainingGrants), Is.Empty, "a shipped package grants its internals to another shipped package; make what it needs public API (documented, tracked) or share the source at build time");
            Assert.That(RemainingGrants.Except(grants), Is.Empty, "a listed grant is gone: take it off RemainingGrants");
            Assert.That(shipped.Keys, Does.Contain("Ancso.Ml.Learning").And.Contain("Ancso.Ml.Sqlite"), "the shipped packages were found");
        });
    }

    [TestCase("Ancso.Ml.Learning")]
    [TestCase("Ancso.Ml.Sqlite")]
    [TestCase("Ancso.Ml.Embeddings.Local")]
    [TestCase("Ancso.Ml.Training")]
    [TestCase("Ancso.Ml.Cli")]
    [TestCase("Ancso.Ml.PostgreSql")]
    public void Package_ReadsNoOtherPackagesInternals(string package)
    {
        var granting = ShippedPackages().Keys.Where(p => RemainingGrants.Contains($"{p} -> {package}"));

        Assert.That(granting, Is.Empty);
    }

    [Test]
    public void LearningSide_LivesOutsideTheScoringPackage()
    {
        var scoring = ShippedPackages()["Ancso.Ml"];

        Assert.Multiple(() =>
        {
            foreach (var folder in new[] { "Bootstrap", "Dataset", "Export", "Influence" })
            {
                Assert.That(Directory.Exists(Path.Combine(scoring, "Pairs", folder)), Is.False, $"Ancso.Ml/Pairs/{folder} belongs to Ancso.Ml.Learning");
            }

            Assert.That(typeof(Ml.Learning.Bootstrap.IPairBootstrapper).Assembly.GetName().Name, Is.EqualTo("Ancso.Ml.Learning"));
            Assert.That(typeof(Ml.Learning.Export.IPairDatasetExporter).Assembly.GetName().Name, Is.EqualTo("Ancso.Ml.Learning"));
        });
    }

    /// <summary>The projects under src/ that pack (IsPackable true), by name, with their folders.</summary>
    private static Dictionary<string, string> ShippedPackages()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        return Directory.EnumerateDirectories(src)
            .Select(folder => (Folder: folder, Project: Path.Combine(folder, Path.GetFileName(folder) + ".csproj")))
            .Where(p => File.Exists(p.Project) && XDocument.Load(p.Project).Descendants("IsPackable").Any(e => string.Equals(e.Value.Trim(), "true", StringComparison.OrdinalIgnoreCase)))
            .ToDictionary(p => Path.GetFileName(p.Folder), p => p.Folder, StringComparer.Ordinal);
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Ancso.Ml.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Ancso.Ml.sln above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex("""InternalsVisibleTo\(\s*"([^"]+)"\s*\)""")]
    private static partial Regex AttributeGrant();
}
