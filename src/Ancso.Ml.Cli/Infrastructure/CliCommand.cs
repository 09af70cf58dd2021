using Microsoft.Extensions.DependencyInjection;

namespace Ancso.Ml.Cli.Infrastructure;

/// <summary>One <c>ancso ranker</c> command: builds its <see cref="Command"/> and runs it with the tool's error handling.</summary>
internal abstract class CliCommand
{
    private readonly CliEnvironment _environment;

    protected CliCommand(CliEnvironment environment) => _environment = environment;

    public abstract Command Build();

    /// <summary>Runs the command; returns the exit code. Throw <see cref="CliException"/> for a failure the user can fix.</summary>
    protected abstract Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken cancellationToken);

    /// <summary>Changes the SDK's services for this command, after the tool registered them from the settings; nothing by default.</summary>
    protected virtual void ConfigureServices(IServiceCollection services, CliSettings settings)
    {
    }

    protected Command WithAction(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var verbose = parse.GetValue(GlobalOptions.Verbose);
        try
        {
            var settings = CliSettings.Resolve(parse);
            await using var services = CliServices.Build(settings, collection => ConfigureServices(collection, settings));
            var output = new CliOutput(_environment.Out, _environment.Error, settings.Json, _environment.Interactive);
            var context = new CliContext(settings, services, output);
            return await ExecuteAsync(context, parse, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await _environment.Error.WriteLineAsync("error: cancelled").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
        catch (Exception ex)
        {
            // A setting the library refuses (Microsoft.Extensions.Options validation) is the user's to fix: a usage error.
            var exitCode = ex is CliException cli ? cli.ExitCode : ex is Microsoft.Extensions.Options.OptionsValidationException ? ExitCodes.Usage : ExitCodes.Failure;
            await _environment.Error.WriteLineAsync("error: " + OneLine(ex)).ConfigureAwait(false);
            if (verbose)
            {
                await _environment.Error.WriteLineAsync(ex.ToString()).ConfigureAwait(false);
            }

            return exitCode;
        }
    }

    private static string OneLine(Exception ex)
    {
        var inner = ex;
        while (inner is TypeInitializationException or AggregateException or System.Reflection.TargetInvocationException && inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        var message = inner is ArgumentException argument ? WithoutParameter(argument) : inner.Message;
        return ForTheTool(message.ReplaceLineEndings(" ").Trim());
    }

    /// <summary>
    /// A library message as the tool's user reads it: an environment variable the library names as an ASP.NET Core host
    /// spells it (<c>Ranker__Signals__RaterKey</c>) is spelled as the tool reads it (<c>ANCSO_Ranker__Signals__RaterKey</c>).
    /// </summary>
    internal static string ForTheTool(string message) =>
        System.Text.RegularExpressions.Regex.Replace(message, @"(?<![A-Za-z_])Ranker__", "ANCSO_Ranker__", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));

    /// <summary>An argument exception's message without the " (Parameter 'x')" that .NET appends: the name means nothing to a user of the tool.</summary>
    internal static string WithoutParameter(ArgumentException ex) =>
        ex.ParamName is { } name ? ex.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : ex.Message;
}

/// <summary>What a running command has: settings, services and output.</summary>
internal sealed record CliContext(CliSettings Settings, ServiceProvider Services, CliOutput Output)
{
    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();
}

/// <summary>The process's console: where output goes and whether it is a terminal.</summary>
internal sealed record CliEnvironment(TextWriter Out, TextWriter Error, bool Interactive);
