using Ancso.Ml.Models;
using Ancso.Ml.Tests.Inference;
using Ancso.Ml.Tests.Training;
using Ancso.Ml.Training.Onnx;

namespace Ancso.Ml.Tests.Models;

/// <summary>The file registry's change token: fires on a change of the pointer, by any process, also in a folder created later.</summary>
public class FileModelRegistryChangeTokenTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    [Test]
    public async Task GetChangeToken_FolderMissing_FiresWhenAnotherInstanceActivatesAModelThere()
    {
        using var folder = new TestModelFolder(create: false);
        var token = folder.Registry.GetChangeToken();
        var fired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = token.RegisterChangeCallback(static state => ((TaskCompletionSource)state!).TrySetResult(), fired);

        using (var other = new FileModelRegistry(folder.ModelsDirectory))
        {
            var metadata = folder.Metadata("v1");
            await other.StoreAsync(OnnxModelWriter.Write(OnnxModelWriterTests.RandomNetwork(metadata.InputDimension, 1)), metadata);
            await other.ActivateAsync("v1");
        }

        await fired.Task.WaitAsync(Bound);
        Assert.That(token.HasChanged, Is.True);
        Assert.That(folder.Registry.GetChangeToken().HasChanged, Is.False, "a fresh token waits for the next change");
    }

    [Test]
    public async Task GetChangeToken_PointerDeleted_Fires()
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v1", seed: 2);
        var token = folder.Registry.GetChangeToken();

        File.Delete(folder.PathOf(ModelFileNames.ActivePointer));

        await WaitUntilAsync(() => token.HasChanged);
        Assert.That(token.ActiveChangeCallbacks, Is.True);
    }

    [Test]
    public async Task GetChangeToken_AnotherFileWritten_DoesNotFire()
    {
        using var folder = new TestModelFolder();
        var token = folder.Registry.GetChangeToken();

        await File.WriteAllTextAsync(folder.PathOf("notes.txt"), "unrelated");
        await Task.Delay(300);

        Assert.That(token.HasChanged, Is.False);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.That(condition(), Is.True, $"not within {Bound.TotalSeconds} s");
    }
}
