namespace Ancso.Ml.Packaging.Tests;

/// <summary>NuGet refuses a package over 250 MB: every package the pack makes must stay under it.</summary>
public class PackageSizeTests
{
    /// <summary>NuGet's limit, counted in decimal megabytes so that the test errs on the safe side.</summary>
    private const long NuGetLimitBytes = 250_000_000;

    [Test]
    public void Projects_FoundUnderSrc_IncludeTheKnownLibrariesButNotTheTool() =>
        Assert.That(PackedPackages.Libraries, Is.SupersetOf(new[] { PackedPackages.Library, PackedPackages.Training, PackedPackages.Local, PackedPackages.Sqlite, PackedPackages.PostgreSql })
            .And.No.EqualTo(PackedPackages.Tool));

    [Test]
    public void Pack_MakesExactlyTheExpectedPackages()
    {
        var made = Directory.GetFiles(PackedPackages.PackagesFolder, "*.nupkg").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        var expected = PackedPackages.AllPackages.Select(id => Path.GetFileName(PackedPackages.PackagePath(id))).Order(StringComparer.Ordinal);

        Assert.That(made, Is.EqualTo(expected));
    }

    [Test]
    public void EveryPackage_IsUnderNuGetsLimit()
    {
        var sizes = Directory.GetFiles(PackedPackages.PackagesFolder)
            .Where(p => p.EndsWith(".nupkg", StringComparison.Ordinal) || p.EndsWith(".snupkg", StringComparison.Ordinal))
            .Select(p => (Name: Path.GetFileName(p), Bytes: new FileInfo(p).Length))
            .OrderByDescending(p => p.Bytes)
            .ToList();
        foreach (var (name, bytes) in sizes)
        {
            TestContext.Out.WriteLine($"{name}: {bytes / 1e6:0.0} MB ({bytes:N0} bytes)");
        }

        var tooLarge = sizes.Where(p => p.Bytes >= NuGetLimitBytes).Select(p => $"{p.Name} is {p.Bytes / 1e6:0.0} MB ({p.Bytes:N0} bytes)").ToList();
        Assert.That(sizes, Is.Not.Empty);
        Assert.That(tooLarge, Is.Empty, $"over NuGet's limit of {NuGetLimitBytes / 1e6:0} MB: {string.Join("; ", tooLarge)}");
    }
}
