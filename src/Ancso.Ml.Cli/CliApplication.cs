using System.CommandLine;
using Ancso.Ml.Cli.Commands;
using Ancso.Ml.Cli.Infrastructure;

namespace Ancso.Ml.Cli;

/// <summary>The <c>ancso</c> tool: <c>ancso ranker &lt;command&gt;</c>.</summary>
internal static class CliApplication
{
    /// <summary>
    /// Parses and runs a command line. Never throws: a usage error is one line and exit code 2, any other failure one line
    /// and exit code 1 (each command adds the stack trace with <c>--verbose</c>).
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, bool? interactive = null)
    {
        ParseResult parse;
        var environment = new CliEnvironment(stdout, stderr, interactive ?? (!Console.IsOutputRedirected && !Console.IsErrorRedirected));
        try
        {
            parse = BuildRoot(environment).Parse(args);
        }
#pragma warning disable CA1031 // The tool's last line of defence: whatever failed is reported as one line, never as a crash.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await stderr.WriteLineAsync($"error: the command line could not be read: {OneLine(ex.Message)} (see 'ancso ranker --help')").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (parse.Errors.Count > 0)
        {
            await stderr.WriteLineAsync($"error: {OneLine(parse.Errors[0].Message)} (see '{CommandPath(parse)} --help')").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        // Each command reports its own failures (CliCommand); the default handler would print a stack trace.
        var configuration = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        try
        {
            return await parse.InvokeAsync(configuration).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // As above.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await stderr.WriteLineAsync($"error: {OneLine(ex.Message)}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }

    public static RootCommand BuildRoot(CliEnvironment environment)
    {
        var ranker = new Command("ranker", "Train, activate and use the profile-content ranker.");
        GlobalOptions.AddTo(ranker);
        foreach (var command in Commands(environment))
        {
            ranker.Add(command.Build());
        }

        var root = new RootCommand("ancso: the Ancso.Ml command-line tool.");
        root.Add(ranker);
        return root;
    }

    private static IEnumerable<CliCommand> Commands(CliEnvironment environment) =>
    [
        new QuickstartCommand(environment),
        new BootstrapCommand(environment),
        new ExportCommand(environment),
        new TrainCommand(environment),
        new StatusCommand(environment),
        new SmokeCommand(environment),
        new CompareCommand(environment),
        new EvaluateCommand(environment),
        new VersionsCommand(environment),
        new ActivateCommand(environment),
        new LabelCommand(environment),
        new EraseCommand(environment),
        new ItemsCommand(environment),
        new SuggestCommand(environment),
    ];

    private static string OneLine(string message) =>
        string.Join(' ', message.Split((char[])['\r', '\n', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries));

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, result.Command.Name);
        }

        names[0] = "ancso";
        return string.Join(' ', names);
    }
}
