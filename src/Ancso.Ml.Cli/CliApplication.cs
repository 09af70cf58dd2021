using Ancso.Ml.Cli.Commands;

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
            var message = CommandMissingOrUnknown(parse) ?? $"{OneLine(parse.Errors[0].Message)} (see '{CommandPath(parse)} --help')";
            await stderr.WriteLineAsync("error: " + message).ConfigureAwait(false);
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

    /// <summary>The tool's name, as help, usage and errors print it (the root command's name).</summary>
    public const string ToolName = "ancso";

    /// <summary>
    /// The command tree. The root is a plain command named <see cref="ToolName"/>: a <see cref="RootCommand"/> takes the
    /// running executable's name, which for the installed tool is the assembly's (<c>Ancso.Ml.Cli</c>), and would print it in
    /// every usage line.
    /// </summary>
    public static Command BuildRoot(CliEnvironment environment)
    {
        var ranker = new Command("ranker", "Train, activate and use the profile-content ranker.");
        GlobalOptions.AddTo(ranker);
        foreach (var command in Commands(environment))
        {
            ranker.Add(command.Build());
        }

        var root = new Command(ToolName, "ancso: the Ancso.Ml command-line tool.")
        {
            new System.CommandLine.Help.HelpOption(),
            new VersionOption(),
        };
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

        return string.Join(' ', names);
    }

    /// <summary>
    /// The error for a command line that stops at a command that only groups others (<c>ancso ranker</c>, or
    /// <c>ancso ranker comapre</c>): which word is not a command, the closest command, and the commands there are; or
    /// <see langword="null"/> when the command line has another error. System.CommandLine says only "Required command was
    /// not provided" for both.
    /// </summary>
    internal static string? CommandMissingOrUnknown(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        if (command.Action is not null || command.Subcommands.Count == 0)
        {
            return null;
        }

        var path = CommandPath(parse);
        var names = command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToList();
        var list = $"Commands: {string.Join(", ", names)} (see '{path} --help')";
        var typed = FirstUnmatchedWord(parse);
        if (typed is null)
        {
            return $"'{path}' needs a command. {list}";
        }

        var closest = Closest(typed, names);
        return $"'{OneLine(typed)}' is not a command of '{path}'{(closest is null ? "." : $"; did you mean '{closest}'?")} {list}";
    }

    /// <summary>The first word the parser matched to nothing, not an option nor, as far as it can tell, an unknown option's value.</summary>
    private static string? FirstUnmatchedWord(ParseResult parse)
    {
        var unmatched = parse.UnmatchedTokens.ToHashSet(StringComparer.Ordinal);
        string? previous = null;
        foreach (var token in parse.Tokens.Select(t => t.Value))
        {
            var afterUnknownOption = previous is not null && unmatched.Contains(previous) && previous.StartsWith('-') && !previous.Contains('=', StringComparison.Ordinal);
            if (unmatched.Contains(token) && !token.StartsWith('-') && !afterUnknownOption)
            {
                return token;
            }

            previous = token;
        }

        return null;
    }

    /// <summary>The name closest to <paramref name="typed"/>: the one it starts (or that starts it), else the one fewest edits away (at most a third of its length, and at least 1).</summary>
    internal static string? Closest(string typed, IReadOnlyList<string> names)
    {
        var lower = typed.ToLowerInvariant();
        var prefixed = names.Where(n => lower.Length >= 3 && (n.StartsWith(lower, StringComparison.Ordinal) || lower.StartsWith(n, StringComparison.Ordinal))).ToList();
        if (prefixed.Count == 1)
        {
            return prefixed[0];
        }

        var best = names.Select(n => (Name: n, Distance: EditDistance(lower, n))).OrderBy(c => c.Distance).FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(1, Math.Max(lower.Length, best.Name.Length) / 3) ? best.Name : null;
    }

    /// <summary>Edits (insert, delete, replace, swap two neighbours) that turn <paramref name="a"/> into <paramref name="b"/>.</summary>
    private static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
