using System.Diagnostics;
using System.Text;

namespace Ancso.Ml.Cli.Tests;

/// <summary>
/// Input files named on the command line that are not what a user meant (a device, a FIFO, a huge line, a folder,
/// bytes that are not UTF-8) end in a one-line error naming the file (and line) within seconds, in bounded memory.
/// </summary>
public class CliInputFileTests
{
    private const string Pair = """{"platform":"github","section":"bio","a":"Builds PostgreSQL tooling used by 40 teams.","b":"coder","label":1}""";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Test]
    public async Task Evaluate_DevZero_RefusedAtOnce()
    {
        using var cli = new CliRunner("--embeddings", "hashing");

        var run = await RunBoundedAsync(cli, "ranker", "evaluate", "--pairs", "/dev/zero");

        Assert.That(run.Error, Does.Contain("/dev/zero").And.Contain("not a regular file"));
    }

    [Test]
    public async Task Evaluate_Fifo_RefusedWithoutWaitingForAWriter()
    {
        using var cli = new CliRunner("--embeddings", "hashing");
        var fifo = Path.Combine(cli.Root, "pairs.jsonl");
        MakeFifo(fifo);

        var run = await RunBoundedAsync(cli, "ranker", "evaluate", "--pairs", fifo);

        Assert.That(run.Error, Does.Contain(fifo).And.Contain("FIFO"));
    }

    [Test]
    public async Task Evaluate_FolderHoldingAFifo_RefusedWithoutWaiting()
    {
        using var cli = new CliRunner("--embeddings", "hashing");
        var folder = Directory.CreateDirectory(Path.Combine(cli.Root, "judged")).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "a.jsonl"), Pair + "\n");
        MakeFifo(Path.Combine(folder, "b.jsonl"));

        var run = await RunBoundedAsync(cli, "ranker", "evaluate", "--pairs", folder);

        Assert.That(run.Error, Does.Contain("b.jsonl").And.Contain("FIFO"));
    }

    [Test]
    public async Task Evaluate_LineOverTheCap_RefusedNamingTheLineWithoutReadingOn()
    {
        using var cli = new CliRunner("--embeddings", "hashing");
        var file = Path.Combine(cli.Root, "pairs.jsonl");
        await using (var writer = new StreamWriter(file))
        {
            await writer.WriteLineAsync(Pair);
            await writer.WriteAsync(new string('x', 3 << 20));
        }

        var run = await RunBoundedAsync(cli, "ranker", "evaluate", "--pairs", file);

        Assert.That(run.Error, Does.Contain(file + ", line 2").And.Contain("longer than 1048576 bytes"));
    }

    [Test]
    public async Task Evaluate_FileOverTheSizeCap_RefusedBeforeReading()
    {
        using var cli = new CliRunner("--embeddings", "hashing");
        var file = Path.Combine(cli.Root, "pairs.jsonl");
        await using (var stream = File.Create(file))
        {
            stream.SetLength((256L << 20) + 1);
        }

        var run = await RunBoundedAsync(cli, "ranker", "evaluate", "--pairs", file);

        Assert.That(run.Error, Does.Contain(file).And.Contain("more than the 268435456 bytes"));
    }

    [Test]
    public async Task Evaluate_LineNotUtf8_NamesFileAndLine()
    {
        using var cli = new CliRunner("--embeddings", "hashing");
        var file = Path.Combine(cli.Root, "pairs.jsonl");
        var bad = Encoding.UTF8.GetBytes(Pair.Replace("coder", "co\u00e9der", StringComparison.Ordinal));
        bad[Array.IndexOf(bad, (byte)0xC3)] = 0xFF;
        await File.WriteAllBytesAsync(file, [.. Encoding.UTF8.GetBytes(Pair + "\n"), .. bad, (byte)'\n']);

        var run = await RunBoundedAsync(cli, "ranker", "evaluate", "--pairs", file);

        Assert.That(run.Error, Does.Contain("pairs.jsonl:2").And.Contain("not valid UTF-8"));
    }

    [Test]
    public async Task Evaluate_LastLineWithoutNewlineAndCrLf_AreRead()
    {
        using var cli = new CliRunner("--embeddings", "hashing");
        var file = Path.Combine(cli.Root, "pairs.jsonl");
        await File.WriteAllTextAsync(file, Pair + "\r\n\r\n" + Pair.Replace("\"label\":1", "\"label\":-1", StringComparison.Ordinal));

        var run = await cli.RunAsync("ranker", "evaluate", "--pairs", file, "--json");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Out, Does.Contain("\"pairs\": 2").Or.Contain("\"pairs\":2"));
    }

    [Test]
    public async Task ConfigFileIsAFifo_RefusedWithoutWaiting()
    {
        using var cli = new CliRunner("--embeddings", "hashing");
        var fifo = Path.Combine(cli.Root, "ancso.json");
        MakeFifo(fifo);

        var run = await RunBoundedAsync(cli, "ranker", "status", "--config", fifo);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error, Does.Contain(fifo).And.Contain("not a regular file"));
    }

    [Test]
    public async Task ConfigFileNotJson_NamesFileAndLine()
    {
        using var cli = new CliRunner("--embeddings", "hashing");
        var config = Path.Combine(cli.Root, "bad.json");
        await File.WriteAllTextAsync(config, "{\n  \"Ranker\": {\n    \"Store\": oops\n  }\n}\n");

        var run = await RunBoundedAsync(cli, "ranker", "status", "--config", config);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error, Does.Contain(config + "', line 3").And.Contain("not valid JSON"));
    }

    private static async Task<CliRun> RunBoundedAsync(CliRunner cli, params string[] args)
    {
        var clock = Stopwatch.StartNew();
        var run = await cli.RunAsync(args).WaitAsync(Bound);
        Assert.Multiple(() =>
        {
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(20)), run.ToString());
            Assert.That(run.ExitCode, Is.Not.Zero, run.ToString());
            var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.That(lines, Is.Not.Empty, run.ToString());
            Assert.That(lines[^1], Does.StartWith("error: "), run.ToString());
            Assert.That(lines.Any(l => l.StartsWith("at ", StringComparison.Ordinal)), Is.False, run.ToString());
        });
        return run;
    }

    private static void MakeFifo(string path)
    {
        Assert.That(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), Is.True, "FIFOs need Linux or macOS (mkfifo)");
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { RedirectStandardError = true })!;
        mkfifo.WaitForExit();
        Assert.That(mkfifo.ExitCode, Is.Zero, $"mkfifo {path}: {mkfifo.StandardError.ReadToEnd()}");
    }
}
