using System.CommandLine;
using Ancso.Ml.Cli.Commands;
using Ancso.Ml.Cli.Infrastructure;

namespace Ancso.Ml.Cli;

/// <summary>The <c>ancso</c> tool: <c>ancso ranker &lt;command&gt;</c>.</summary>
internal static class CliApplication
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, bool? interactive = null)
    {
        var environment = new CliEnvironment(stdout, stderr, interactive ?? (!Console.IsOutputRedirected && !Console.IsErrorRedirected));
        var root = BuildRoot(environment);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            await stderr.WriteLineAsync($"error: {OneLine(parse.Errors[0].Message)} (see '{CommandPath(parse)} --help')").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var configuration = new InvocationConfiguration { Output = stdout, Error = stderr };
        return await parse.InvokeAsync(configuration).ConfigureAwait(false);
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
