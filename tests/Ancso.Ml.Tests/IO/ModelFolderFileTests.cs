using Ancso.Ml.IO;
using Ancso.Ml.Tests.Inference;

namespace Ancso.Ml.Tests.IO;

public class ModelFolderFileTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [TestCase("/dev/zero", "Refused")]
    [TestCase("/dev/null", "Empty")]
    [TestCase("/dev/urandom", "Refused")]
    public void ReadAsync_Device_RefusedWithoutReading(string device, string problem)
    {
        var expected = Enum.Parse<ModelFolderFileProblem>(problem);
        var error = Assert.ThrowsAsync<ModelFolderFileException>(() => ModelFolderFile.ReadAsync("/dev", device, 1 << 20, CancellationToken.None).WaitAsync(Bound));

        Assert.That(error!.Problem, Is.EqualTo(expected));
        if (expected == ModelFolderFileProblem.Refused)
        {
            Assert.That(error.Message, Does.Contain("device"));
        }
    }

    [Test]
    public void ReadAsync_Fifo_RefusedWithoutBlocking()
    {
        using var folder = new TestModelFolder();
        var fifo = folder.PathOf("pipe");
        HostileModels.MakeFifo(fifo);

        var error = Assert.ThrowsAsync<ModelFolderFileException>(() => ModelFolderFile.ReadAsync(folder.ModelsDirectory, fifo, 1 << 20, CancellationToken.None).WaitAsync(Bound));

        Assert.That(error!.Problem, Is.EqualTo(ModelFolderFileProblem.Refused));
        Assert.That(error.Message, Does.Contain("not a regular file"));
    }

    [Test]
    public void ReadAsync_LinkLoop_Refused()
    {
        using var folder = new TestModelFolder();
        File.CreateSymbolicLink(folder.PathOf("a"), "b");
        File.CreateSymbolicLink(folder.PathOf("b"), "a");

        var error = Assert.ThrowsAsync<ModelFolderFileException>(() => ModelFolderFile.ReadAsync(folder.ModelsDirectory, folder.PathOf("a"), 1 << 20, CancellationToken.None));

        Assert.That(error!.Problem, Is.EqualTo(ModelFolderFileProblem.Refused));
    }

    [Test]
    public async Task ReadAsync_LinkThroughAFolderLinkBackInside_Read()
    {
        using var folder = new TestModelFolder();
        await File.WriteAllBytesAsync(folder.PathOf("real.bin"), [1, 2, 3]);
        Directory.CreateSymbolicLink(Path.Combine(folder.Root, "elsewhere"), folder.ModelsDirectory);
        File.CreateSymbolicLink(folder.PathOf("alias.bin"), Path.Combine(folder.Root, "elsewhere", "..", "models", "real.bin"));

        var bytes = await ModelFolderFile.ReadAsync(folder.ModelsDirectory, folder.PathOf("alias.bin"), 1 << 20, CancellationToken.None);

        Assert.That(bytes, Is.EqualTo(new byte[] { 1, 2, 3 }));
    }

    [Test]
    public async Task ReadAsync_LinkWhoseDotDotLeavesThroughAFolderLink_Refused()
    {
        using var folder = new TestModelFolder();
        var outside = Directory.CreateDirectory(Path.Combine(folder.Root, "outside", "deep")).FullName;
        await File.WriteAllBytesAsync(Path.Combine(folder.Root, "outside", "secret.bin"), [9]);
        Directory.CreateSymbolicLink(folder.PathOf("door"), outside);
        File.CreateSymbolicLink(folder.PathOf("alias.bin"), "door/../secret.bin");

        var error = Assert.ThrowsAsync<ModelFolderFileException>(() => ModelFolderFile.ReadAsync(folder.ModelsDirectory, folder.PathOf("alias.bin"), 1 << 20, CancellationToken.None));

        Assert.That(error!.Problem, Is.EqualTo(ModelFolderFileProblem.Refused));
        Assert.That(error.ResolvedPath, Is.EqualTo(Path.Combine(folder.Root, "outside", "secret.bin")));
    }

    [Test]
    public void ReadAsync_Missing_Missing()
    {
        using var folder = new TestModelFolder();

        var error = Assert.ThrowsAsync<ModelFolderFileException>(() => ModelFolderFile.ReadAsync(folder.ModelsDirectory, folder.PathOf("absent"), 1 << 20, CancellationToken.None));

        Assert.That(error!.Problem, Is.EqualTo(ModelFolderFileProblem.Missing));
    }

    [Test]
    public async Task ReadAsync_OverTheLimit_TooLarge()
    {
        using var folder = new TestModelFolder();
        await File.WriteAllBytesAsync(folder.PathOf("big"), new byte[1025]);

        var error = Assert.ThrowsAsync<ModelFolderFileException>(() => ModelFolderFile.ReadAsync(folder.ModelsDirectory, folder.PathOf("big"), 1024, CancellationToken.None));

        Assert.That(error!.Problem, Is.EqualTo(ModelFolderFileProblem.TooLarge));
    }
}
