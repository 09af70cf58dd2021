namespace Ancso.Ml.Cli.Infrastructure;

/// <summary>A failure the user can fix; printed as one line, exit code <see cref="ExitCode"/>.</summary>
internal sealed class CliException : Exception
{
    public CliException(string message, int exitCode = ExitCodes.Failure)
        : base(message)
    {
        ExitCode = exitCode;
    }

    public CliException(string message, Exception innerException, int exitCode = ExitCodes.Failure)
        : base(message, innerException)
    {
        ExitCode = exitCode;
    }

    public int ExitCode { get; }
}

/// <summary>The tool's exit codes.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;
    public const int Cancelled = 130;
}
