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
            AssertOneLineError(run);
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

    [TestCase("a")]
    [TestCase("b")]
    [TestCase("tags")]
    public async Task Evaluate_LoneSurrogate_ReportsFileLineAndField(string field)
    {
        using var cli = new CliRunner();
        var file = Path.Combine(cli.Root, "pairs.jsonl");
        var line = field switch
        {
            "a" => """{"platform":"github","section":"bio","a":"x\ud800y","b":"coder","label":1}""",
            "b" => """{"platform":"github","section":"bio","a":"Builds tools.","b":"\udc00","label":1}""",
            _ => """{"platform":"github","section":"bio","a":"Builds tools.","b":"coder","label":1,"tags":["ok","\ud800"]}""",
        };
        await File.WriteAllLinesAsync(file, ["""{"platform":"github","section":"bio","a":"Builds PostgreSQL tooling.","b":"coder","label":1}""", line]);
        var run = await cli.RunAsync("ranker", "evaluate", "--pairs", file);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Not.Zero, run.ToString());
            Assert.That(run.Error, Does.Contain("pairs.jsonl:2").And.Contain($"field '{field}'").And.Contain("surrogate"));
            AssertOneLineError(run);
        });
    }

    [TestCase("")]
    [TestCase("   ")]
    public async Task Compare_BlankText_IsAUsageErrorNotAScore(string blank)
    {
        using var cli = new CliRunner("--embeddings", "hashing");
        foreach (var (a, b, name) in new[] { (blank, "Backend engineer", "--a"), ("Backend engineer", blank, "--b") })
        {
            var run = await cli.RunAsync("ranker", "compare", "--platform", "linkedin", "--section", "headline", "--a", a, "--b", b);
            Assert.Multiple(() =>
            {
                Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
                Assert.That(run.Error, Does.Contain($"{name} is blank"));
                Assert.That(run.Out, Does.Not.Contain("confidence"));
            });
        }
    }

    [Test]
    public async Task UnknownOption_UsageErrorExitCode2()
    {
        using var cli = new CliRunner();
        var run = await cli.RunAsync("ranker", "status", "--frobnicate");
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
            AssertOneLineError(run);
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
            AssertOneLineError(run);
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
        foreach (var command in new[] { "quickstart", "bootstrap", "export", "train", "status", "smoke", "compare", "evaluate", "versions", "activate", "label", "items" })
        {
            var run = await cli.RunAsync("ranker", command, "--help");
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Out, Does.Contain("Usage:").And.Contain(command), run.ToString());
        }
    }

    // Usage lines said 'Ancso.Ml.Cli' (the running assembly's name, which a RootCommand takes) instead of the tool's name.
    [TestCase(new[] { "--help" }, "ancso [command] [options]")]
    [TestCase(new[] { "ranker", "--help" }, "ancso ranker [command] [options]")]
    [TestCase(new[] { "ranker", "export", "--help" }, "ancso ranker export [options]")]
    [TestCase(new[] { "ranker", "activate", "--help" }, "ancso ranker activate [<version>] [options]")]
    public async Task Help_UsageLine_NamesTheToolAncso(string[] args, string usage)
    {
        using var cli = new CliRunner();
        var run = await cli.RunAsync(args);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Out, Does.Contain("Usage:" + Environment.NewLine + "  " + usage), run.ToString());
            Assert.That(run.Out, Does.Not.Contain("Ancso.Ml.Cli").And.Not.Contain("testhost"), run.ToString());
        });
    }

    [Test]
    public async Task UsageError_SeeHelp_NamesTheToolAncso()
    {
        using var cli = new CliRunner();
        var run = await cli.RunAsync("ranker", "train", "--epochs", "many");
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
            Assert.That(run.Error, Does.Contain("(see 'ancso ranker train --help')"), run.ToString());
            AssertOneLineError(run);
        });
    }

    // A mistyped command said only "Required command was not provided".
    [TestCase("comapre", "compare")]
    [TestCase("exprot", "export")]
    [TestCase("statsu", "status")]
    [TestCase("evaluat", "evaluate")]
    [TestCase("versoins", "versions")]
    [TestCase("Train", "train")]
    [TestCase("quick", "quickstart")]
    public async Task UnknownCommand_NamesItTheClosestCommandAndTheCommands_UsageError(string typed, string closest)
    {
        using var cli = new CliRunner();
        var run = await cli.RunAsync("ranker", typed);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
            Assert.That(run.Error, Does.StartWith($"error: '{typed}' is not a command of 'ancso ranker'; did you mean '{closest}'? Commands: quickstart, bootstrap, export, train,"), run.ToString());
            Assert.That(run.Error, Does.Contain("activate").And.Contain("erase").And.Contain("(see 'ancso ranker --help')").And.Not.Contain("Required command"), run.ToString());
            AssertOneLineError(run);
            Assert.That(run.Out, Is.Empty, run.ToString());
        });
    }

    [Test]
    public async Task UnknownCommand_NothingClose_NamesItAndListsTheCommandsWithoutAGuess()
    {
        using var cli = new CliRunner();
        var run = await cli.RunAsync("ranker", "frobnicate", "--json");
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
            Assert.That(run.Error, Does.StartWith("error: 'frobnicate' is not a command of 'ancso ranker'. Commands: quickstart, "), run.ToString());
            Assert.That(run.Error, Does.Not.Contain("did you mean"), run.ToString());
            AssertOneLineError(run);
        });
    }

    [Test]
    public async Task UnknownCommand_AtTheTop_SuggestsRanker()
    {
        using var cli = new CliRunner();
        var run = await cli.RunAsync("rankr", "status");
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
            Assert.That(run.Error, Does.StartWith("error: 'rankr' is not a command of 'ancso'; did you mean 'ranker'? Commands: ranker (see 'ancso --help')"), run.ToString());
            AssertOneLineError(run);
        });
    }

    [TestCase(new[] { "ranker" }, "'ancso ranker' needs a command. Commands: quickstart, bootstrap, export, train, ")]
    [TestCase(new[] { "ranker", "--json" }, "'ancso ranker' needs a command. Commands: quickstart, bootstrap, export, train, ")]
    [TestCase(new string[0], "'ancso' needs a command. Commands: ranker (see 'ancso --help')")]
    public async Task MissingCommand_ListsTheCommands_UsageError(string[] args, string message)
    {
        using var cli = new CliRunner();
        var run = await cli.RunAsync(args);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
            Assert.That(run.Error, Does.StartWith("error: " + message), run.ToString());
            Assert.That(run.Error, Does.Not.Contain("Required command"), run.ToString());
            AssertOneLineError(run);
        });
    }

    [TestCase("bootstrap", "--n-pairs", "0")]
    [TestCase("bootstrap", "--platform", "myspace")]
    [TestCase("export", "--source", "rumour")]
    [TestCase("train", "--epochs", "-3")]
    [TestCase("train", "--learning-rate", "0")]
    [TestCase("label", "--a", "x", "--b", "y", "--better", "c")]
    [TestCase("items", "--limit", "0")]
    [TestCase("train", "--seed", "forty-two")]
    [TestCase("train", "--loss", "hinge")]
    public async Task WrongOptionValue_OneLineUsageError(params string[] args)
    {
        using var cli = new CliRunner();
        var run = await cli.RunAsync(["ranker", .. args]);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
            Assert.That(run.Error, Does.StartWith("error: "));
            AssertOneLineError(run);
        });
    }

    // Values that do not parse, or do not fit the option's type: these crashed with exit code 134 and a stack trace,
    // because the range rules read a value that had not parsed.
    [TestCase("--epochs", "ten", "train")]
    [TestCase("--epochs", "2147483648", "train")]
    [TestCase("--epochs", "100001", "train")]
    [TestCase("--epochs", "1.5", "train")]
    [TestCase("--epochs", "", "train")]
    [TestCase("--batch-size", "3000000000", "train")]
    [TestCase("--batch-size", "1000001", "train")]
    [TestCase("--patience", "-1", "train")]
    [TestCase("--patience", "soon", "train")]
    [TestCase("--seed", "99999999999", "train")]
    [TestCase("--learning-rate", "fast", "train")]
    [TestCase("--learning-rate", "NaN", "train")]
    [TestCase("--learning-rate", "Infinity", "train")]
    [TestCase("--learning-rate", "-0.1", "train")]
    [TestCase("--learning-rate", "11", "train")]
    [TestCase("--cross-text-share", "0.6", "bootstrap")]
    [TestCase("--cross-text-share", "-0.1", "bootstrap")]
    [TestCase("--cross-text-share", "NaN", "bootstrap")]
    [TestCase("--cross-text-share", "some", "bootstrap")]
    [TestCase("--n-pairs", "99999999999", "bootstrap")]
    [TestCase("--n-pairs", "many", "bootstrap")]
    [TestCase("--n-pairs", "1000001", "bootstrap")]
    [TestCase("--seed", "0x10", "bootstrap")]
    [TestCase("--n-pairs", "-5", "quickstart")]
    [TestCase("--epochs", "2147483648", "quickstart")]
    [TestCase("--limit", "lots", "items")]
    [TestCase("--limit", "10001", "items")]
    [TestCase("--skip", "-1", "items")]
    [TestCase("--skip", "4294967296", "items")]
    [TestCase("--top-raters", "0", "status")]
    [TestCase("--top-raters", "101", "status")]
    [TestCase("--top-raters", "all", "status")]
    [TestCase("--model-sample", "-1", "status")]
    [TestCase("--model-sample", "10001", "status")]
    public async Task NumberOption_UnparsableOrOutOfRange_OneLineUsageErrorNamingOptionAndValue(string option, string value, string command)
    {
        using var cli = new CliRunner();
        var run = await cli.RunAsync("ranker", command, option, value);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
            Assert.That(run.Error, Does.StartWith("error: " + option).And.Contain($"'{value}'"), run.ToString());
            AssertOneLineError(run);
            Assert.That(run.Out, Is.Empty, run.ToString());
        });
    }

    [TestCase("train", "--epochs", "7", "--batch-size", "1000000", "--patience", "0", "--learning-rate", "10", "--seed", "-2147483648")]
    [TestCase("items", "--limit", "10000", "--skip", "2147483647")]
    [TestCase("train", "--max-rater-share", "1", "--trust-unattributed")]
    public async Task NumberOption_BoundaryValues_Accepted(params string[] args)
    {
        using var cli = new CliRunner();
        var run = await cli.RunAsync(["ranker", .. args]);
        Assert.That(run.Error, Does.Not.Contain("must be"), run.ToString());
    }

    [Test]
    public async Task Train_MissingDataset_SaysToExportFirst()
    {
        using var cli = new CliRunner();
        var run = await cli.RunAsync("ranker", "train", "--input", Path.Combine(cli.Root, "missing.jsonl"));
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
            Assert.That(run.Error, Does.Contain("missing.jsonl").And.Contain("export"));
            AssertOneLineError(run);
        });
    }

    [Test]
    public async Task Export_EmptyStore_SaysToBootstrapAndWritesNothing()
    {
        using var cli = new CliRunner();
        var run = await cli.RunAsync("ranker", "export");
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
            Assert.That(run.Error, Does.Contain("bootstrap"));
            AssertOneLineError(run);
            Assert.That(File.Exists(Path.Combine(cli.DataDirectory, "dataset.jsonl")) || File.Exists(Path.Combine(cli.DataDirectory, "dataset.bin")), Is.False);
        });
    }

    [Test]
    public async Task UnreadableDatabase_OneLineErrorNamingTheFile()
    {
        using var cli = new CliRunner();
        Directory.CreateDirectory(cli.DataDirectory);
        var database = Path.Combine(cli.DataDirectory, "pairs.db");
        await File.WriteAllTextAsync(database, "this is not a SQLite database, it is a text file that happens to be called pairs.db");
        var run = await cli.RunAsync("ranker", "status");
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Not.Zero, run.ToString());
            Assert.That(run.Error, Does.StartWith("error: ").And.Contain("pairs.db"));
            AssertOneLineError(run);
        });
        Assert.That(await File.ReadAllTextAsync(database), Does.StartWith("this is not a SQLite database"), "nothing overwritten");
    }

    [Test]
    public async Task Label_UnknownItemId_OneLineErrorAndNothingStored()
    {
        using var cli = new CliRunner();
        var run = await cli.RunAsync("ranker", "label", "--a", "i_missing", "--b", "i_other", "--better", "a");
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
            Assert.That(run.Error, Does.Contain("Unknown item id 'i_missing'").And.Contain("ancso ranker items"));
            AssertOneLineError(run);
        });
    }

    /// <summary>One error line (progress lines may precede it) and no stack trace.</summary>
    private static void AssertOneLineError(CliRun run)
    {
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.That(lines.Count(l => l.StartsWith("error: ", StringComparison.Ordinal)), Is.EqualTo(1), run.ToString());
        Assert.That(lines[^1], Does.StartWith("error: "), run.ToString());
        Assert.That(lines.Any(l => l.StartsWith("at ", StringComparison.Ordinal)), Is.False, run.ToString());
    }
}
