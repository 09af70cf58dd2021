using Ancso.Ml.Training.Build;
using Ancso.Ml.Training.Engine;

namespace Ancso.Ml.Training.Tests.Engine;

public class TorchRuntimeTests
{
    [Test]
    public void EnsureAvailable_OnThisMachine_LoadsTorchSharp()
    {
        // Fails with the loader's message (never passes silently) when TorchSharp cannot load here.
        Assert.That(TorchRuntime.EnsureAvailable, Throws.Nothing);
    }

    [Test]
    public void Describe_LoaderFailure_NamesLoaderMessageAndThatScoringIsUnaffected()
    {
        var failure = new NotSupportedException("This application uses TorchSharp but could not load libtorch.",
            new DllNotFoundException("libLibTorchSharp.so: cannot open shared object file"));

        var message = TorchRuntime.Describe(failure);

        Assert.That(message, Does.Contain("could not load libtorch."));
        Assert.That(message, Does.Contain("libLibTorchSharp.so: cannot open shared object file"));
        Assert.That(message, Does.Contain("scoring with Ancso.Ml is not affected"));
    }

    [Test]
    [Platform("Linux")]
    public void Diagnose_UnpatchedCopyOnSystemLackingVersion_SaysHowToTurnOnThePatch()
    {
        using var folder = new TempFolder();
        var copy = Path.Combine(folder.Path, "libLibTorchSharp.so");
        var source = Build.LibTorchSharpPatchTests.OutputCopy;
        var bytes = File.ReadAllBytes(source);
        var need = ElfVersions.ReadVersionNeeds(bytes, source).Single(n => n.Version == ElfVersions.MissingVersion);
        bytes[need.FlagsOffset] &= unchecked((byte)~ElfVersions.WeakFlag);
        File.WriteAllBytes(copy, bytes);
        var library = ElfVersions.FindSystemLibStdCxx();
        var lacks = library is null || !ElfVersions.LibraryProvides(library, ElfVersions.MissingVersion);

        var advice = TorchRuntime.Diagnose(folder.Path);

        if (lacks)
        {
            Assert.That(advice, Does.Contain("AncsoPatchLibTorchSharp").And.Contain(copy));
        }
        else
        {
            Assert.That(advice, Does.Not.Contain("AncsoPatchLibTorchSharp"));
        }
    }

    [Test]
    public void Diagnose_NoCopyDeployed_SaysToReferenceTorchSharp()
    {
        using var folder = new TempFolder();

        Assert.That(TorchRuntime.Diagnose(folder.Path), Does.Contain("TorchSharp-cpu"));
    }
}
