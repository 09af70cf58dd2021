using System.Diagnostics;
using System.Reflection;
using Ancso.Ml.Training.Build;

namespace Ancso.Ml.Training.Tests.Build;

/// <summary>The Debian 12 / Ubuntu 22.04 fix: the build output's libLibTorchSharp.so, the package cache's, and the patcher itself.</summary>
[Platform("Linux")]
public class LibTorchSharpPatchTests
{
    /// <summary>The output's copy: next to the assemblies when the project builds for one runtime, else under runtimes/.</summary>
    internal static string OutputCopy
    {
        get
        {
            var flat = Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so");
            return File.Exists(flat) ? flat : Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        }
    }

    private static string CacheCopy
    {
        get
        {
            var root = typeof(LibTorchSharpPatchTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "NuGetPackageRoot").Value!;
            var version = typeof(TorchSharp.torch).Assembly.GetName().Version!;
            return Path.Combine(root, "torchsharp", $"{version.Major}.{version.Minor}.{version.Build}", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        }
    }

    private static ElfVersionNeed? Need(string path) => ElfVersions.ReadVersionNeeds(File.ReadAllBytes(path), path)
        .SingleOrDefault(n => n.Library == ElfVersions.LibStdCxx && n.Version == ElfVersions.MissingVersion);

    [Test]
    public void BuildOutput_AnyBuildMachine_NeedIsWeak()
    {
        // Weak whatever this machine's libstdc++ provides: an app built on a newer distribution runs on Debian 12 too.
        Assert.That(File.Exists(OutputCopy), Is.True, OutputCopy);
        var need = Need(OutputCopy);
        Assert.That(need, Is.Not.Null, "TorchSharp's shim names GLIBCXX_3.4.32");
        Assert.That(need!.IsWeak, Is.True, $"{OutputCopy} still needs {ElfVersions.MissingVersion} strongly");
    }

    [Test]
    public void PackageCacheCopy_AfterBuild_IsUntouched()
    {
        Assert.That(File.Exists(CacheCopy), Is.True, CacheCopy);
        Assert.That(Need(CacheCopy)!.IsWeak, Is.False);
        Assert.That(FileId(CacheCopy), Is.Not.EqualTo(FileId(OutputCopy)), "the output holds its own file, not a link to the cache");
    }

    [Test]
    public void MakeVersionNeedWeak_HardLinkedCopy_WritesNewFileAndLeavesLinkTargetAlone()
    {
        using var folder = new TempFolder();
        var original = folder.Combine("original.so");
        var output = folder.Combine("libLibTorchSharp.so");
        File.Copy(CacheCopy, original);
        using (var ln = Process.Start("ln", [original, output]))
        {
            ln.WaitForExit();
            Assert.That(ln.ExitCode, Is.Zero);
        }

        var before = File.ReadAllBytes(original);
        var outcome = ElfVersions.MakeVersionNeedWeak(output, ElfVersions.LibStdCxx, ElfVersions.MissingVersion);
        var after = File.ReadAllBytes(output);

        Assert.That(outcome, Is.EqualTo(WeakPatchOutcome.Patched));
        Assert.That(File.ReadAllBytes(original), Is.EqualTo(before), "the hard-linked original keeps its bytes");
        Assert.That(Need(output)!.IsWeak, Is.True);
        var changed = Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).ToArray();
        Assert.That(changed, Has.Length.EqualTo(1), "one flag byte changes");
        Assert.That(changed[0], Is.EqualTo(Need(original)!.FlagsOffset));
        Assert.That(Directory.GetFiles(folder.Path, "*.tmp"), Is.Empty);
    }

    [Test]
    public void MakeVersionNeedWeak_SecondRun_LeavesFileAlone()
    {
        using var folder = new TempFolder();
        var output = folder.Combine("libLibTorchSharp.so");
        File.Copy(CacheCopy, output);
        ElfVersions.MakeVersionNeedWeak(output, ElfVersions.LibStdCxx, ElfVersions.MissingVersion);
        var written = File.GetLastWriteTimeUtc(output);
        var bytes = File.ReadAllBytes(output);

        var outcome = ElfVersions.MakeVersionNeedWeak(output, ElfVersions.LibStdCxx, ElfVersions.MissingVersion);

        Assert.That(outcome, Is.EqualTo(WeakPatchOutcome.AlreadyWeak));
        Assert.That(File.ReadAllBytes(output), Is.EqualTo(bytes));
        Assert.That(File.GetLastWriteTimeUtc(output), Is.EqualTo(written));
    }

    [Test]
    public void MakeVersionNeedWeak_VersionNotNeeded_ReportsNotNeeded()
    {
        using var folder = new TempFolder();
        var output = folder.Combine("libLibTorchSharp.so");
        File.Copy(CacheCopy, output);

        Assert.That(ElfVersions.MakeVersionNeedWeak(output, ElfVersions.LibStdCxx, "GLIBCXX_9.9.99"), Is.EqualTo(WeakPatchOutcome.NotNeeded));
    }

    [Test]
    public void ReadVersionNeeds_NotElf_FailsNamingFile()
    {
        Assert.That(() => ElfVersions.ReadVersionNeeds([1, 2, 3], "/x/lib.so"), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("/x/lib.so"));
    }

    [Test]
    public void ReadVersionNeeds_TruncatedElf_FailsInsteadOfReadingPastTheEnd()
    {
        var bytes = File.ReadAllBytes(CacheCopy)[..4096];

        Assert.That(() => ElfVersions.ReadVersionNeeds(bytes, "cut.so"), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("outside the file"));
    }

    [Test]
    public void ReadVersionDefinitions_SystemLibStdCxx_ListsGlibcxxVersions()
    {
        var library = ElfVersions.FindSystemLibStdCxx();
        Assert.That(library, Is.Not.Null, "a Linux machine running .NET has libstdc++");

        var versions = ElfVersions.ReadVersionDefinitions(File.ReadAllBytes(library!), library!);

        Assert.That(versions, Does.Contain("GLIBCXX_3.4.21"));
        Assert.That(ElfVersions.LibraryProvides(library!, "GLIBCXX_3.4.21"), Is.True);
    }

    private static string FileId(string path)
    {
        using var stat = Process.Start(new ProcessStartInfo("stat", ["-L", "-c", "%d:%i", path]) { RedirectStandardOutput = true })!;
        var id = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit();
        return id;
    }
}
