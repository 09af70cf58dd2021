namespace Ancso.Ml.Cli.Tests;

public class CliErrorTests
{
    [Test]
    public async Task Evaluate_MissingFile_OneLineErrorAndNonZeroExit()
    {
        using var cli = new CliRunner();
        var run = await cli.RunAsync("ranker", "evaluate", "--pairs", Path.Combine(cli.Root, "nope.jsonl"));
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Not.Zero, run.ToString());
            Assert.That(run.Error.Trim().Split('\n'), Has.Length.EqualTo(1), run.ToString());
            Assert.That(run.Error, Does.Contain("nope.jsonl").And.Contain("does not exist"));
        });
    }

    [Test]
    public async Task Evaluate_MalformedLine_ReportsLineNumber()
    {
        using var cli = new CliRunner();
        var file = Path.Combine(cli.Root, "pairs.jsonl");
        await File.WriteAllLinesAsync(file,
        [
            """{"platform":"github","section":"bio","a":"Builds PostgreSQL tooling.","b":"coder","label":1}""",
            """{"platform":"github","section":"bio","a":"x","b":"y","label":3}""",
        ]);
        var run = await cli.RunAsync("ranker", "evaluate", "--pairs", file);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Not.Zero, run.ToString());
            Assert.That(run.Error, Does.Contain("pairs.jsonl:2").And.Contain("label"));
        });
    }

    [Test]
    public async Task UnknownOption_UsageErrorExitCode2()
    {
        using var cli = new CliRunner();
        var run = await cli.RunAsync("ranker", "status", "--frobnicate");
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
            Assert.That(run.Error.Trim().Split('\n'), Has.Length.EqualTo(1), run.ToString());
        });
    }

    [Test]
    public async Task Activate_UnknownVersion_OneLineError()
    {
        using var cli = new CliRunner();
        var run = await cli.RunAsync("ranker", "activate", "does-not-exist");
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
            Assert.That(run.Error, Does.StartWith("error: ").And.Contain("does-not-exist"));
            Assert.That(run.Error.Trim().Split('\n'), Has.Length.EqualTo(1), run.ToString());
        });
    }

    [Test]
    public async Task Versions_EmptyModelsFolder_SaysNone()
    {
        using var cli = new CliRunner();
        var run = await cli.RunAsync("ranker", "versions");
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Out, Does.Contain("versions: none"));
        });
    }

    [Test]
    public async Task Help_EveryCommand_Explains()
    {
        using var cli = new CliRunner();
        foreach (var command in new[] { "status", "smoke", "compare", "evaluate", "versions", "activate" })
        {
            var run = await cli.RunAsync("ranker", command, "--help");
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Out, Does.Contain("Usage:").And.Contain(command), run.ToString());
        }
    }
}
