using System.Diagnostics;
using Ancso.Ml.IO;
using Ancso.Ml.Tests.Inference;

namespace Ancso.Ml.Tests.IO;

/// <summary>The one way input files are opened: regular files only, never blocking, never read past their size.</summary>
public class InputFileTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private string _folder = null!;

    [SetUp]
    public void SetUp() => _folder = Directory.CreateTempSubdirectory("ancso-input-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Open_Fifo_RefusedWithoutWaitingForAWriter()
    {
        var fifo = Path.Combine(_folder, "dataset.bin");
        HostileModels.MakeFifo(fifo);

        var error = Assert.ThrowsAsync<InputFileException>(() => Task.Run(() => InputFile.Open(fifo, 1 << 20).Dispose()).WaitAsync(Bound));

        Assert.That(error!.Problem, Is.EqualTo(InputFileProblem.NotRegular));
        Assert.That(error.Message, Does.StartWith(fifo).And.Contain("FIFO"));
    }

    [TestCase("/dev/zero")]
    [TestCase("/dev/urandom")]
    public void Open_Device_RefusedAsNotARegularFile(string device)
    {
        var error = Assert.Throws<InputFileException>(() => InputFile.Open(device, 1 << 20).Dispose());

        Assert.That(error!.Problem, Is.EqualTo(InputFileProblem.NotRegular));
        Assert.That(error.Message, Does.Contain("device"));
    }

    [Test]
    public async Task ReadAllBytesAsync_DevNull_ReadsAsEmpty()
    {
        var bytes = await InputFile.ReadAllBytesAsync("/dev/null", 1 << 20, CancellationToken.None).WaitAsync(Bound);

        Assert.That(bytes, Is.Empty);
    }

    [Test]
    public void Open_Folder_RefusedNamingIt()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder, "dataset.bin")).FullName;

        var error = Assert.Throws<InputFileException>(() => InputFile.Open(folder, 1 << 20).Dispose());

        Assert.That(error!.Problem, Is.EqualTo(InputFileProblem.Folder));
        Assert.That(error.Message, Is.EqualTo($"{folder} is a folder, not a file."));
    }

    [Test]
    public void Open_Missing_FileNotFoundNamingThePath()
    {
        var missing = Path.Combine(_folder, "nope.json");

        var error = Assert.Throws<FileNotFoundException>(() => InputFile.Open(missing, 1 << 20).Dispose());

        Assert.That(error!.Message, Does.Contain(missing));
    }

    [Test]
    public async Task Open_OverTheLimit_RefusedBeforeReading()
    {
        var path = Path.Combine(_folder, "big.json");
        await File.WriteAllBytesAsync(path, new byte[1001]);

        var error = Assert.Throws<InputFileException>(() => InputFile.Open(path, 1000).Dispose());

        Assert.That(error!.Problem, Is.EqualTo(InputFileProblem.TooLarge));
        Assert.That(error.Message, Does.Contain("1001 bytes, more than the 1000 bytes"));
    }

    [Test]
    public async Task ReadAsync_FileGrewAfterOpening_NothingPastTheSizeItHadIsRead()
    {
        var path = Path.Combine(_folder, "growing.jsonl");
        await File.WriteAllBytesAsync(path, "abc"u8.ToArray());
        using var file = InputFile.Open(path, 1 << 20);
        await File.AppendAllTextAsync(path, "defgh");

        var buffer = new byte[16];
        var read = await file.ReadAsync(buffer, 0, CancellationToken.None);

        Assert.That((read, file.Length), Is.EqualTo((3, 3L)));
        Assert.That(await file.ReadAsync(buffer, 3, CancellationToken.None), Is.Zero);
        var error = Assert.ThrowsAsync<InputFileException>(() => file.ReadAllAsync(CancellationToken.None));
        Assert.That(error!.Message, Does.Contain("grew while it was read"));
    }

    [Test]
    public async Task ReadAll_RegularFile_ReadsEveryByte()
    {
        var path = Path.Combine(_folder, "ancso.json");
        var content = Enumerable.Range(0, 200_000).Select(i => (byte)i).ToArray();
        await File.WriteAllBytesAsync(path, content);

        using var file = InputFile.Open(path, 1 << 20);

        Assert.That(file.ReadAll(), Is.EqualTo(content));
        Assert.That(await InputFile.ReadAllBytesAsync(path, 1 << 20, CancellationToken.None), Is.EqualTo(content));
    }

    [Test]
    public void Open_FifoTakesNoTime_EvenUnderRepeatedUse()
    {
        var fifo = Path.Combine(_folder, "metadata.json");
        HostileModels.MakeFifo(fifo);
        var clock = Stopwatch.StartNew();

        for (var i = 0; i < 20; i++)
        {
            Assert.Throws<InputFileException>(() => InputFile.Open(fifo, 1 << 20).Dispose());
        }

        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }
}
