using System.Diagnostics;
using System.Text;

namespace Ancso.Ml.Packaging.Tests;

/// <summary>Runs a program (<c>dotnet</c> from PATH by default) with a time limit and captures what it prints.</summary>
internal static class DotnetCli
{
    /// <summary>A limit for hangs, not a target: on a loaded 2-core machine a restore and build takes minutes.</summary>
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    public static Task<ProcessRun> RunAsync(string workingDirectory, params string[] arguments) =>
        RunProgramAsync("dotnet", workingDirectory, arguments, DefaultTimeout);

    public static Task<ProcessRun> RunAsync(TimeSpan timeout, string workingDirectory, params string[] arguments) =>
        RunProgramAsync("dotnet", workingDirectory, arguments, timeout);

    /// <summary>Runs dotnet with these variables set in its environment.</summary>
    public static Task<ProcessRun> RunAsync(IReadOnlyDictionary<string, string> environment, string workingDirectory, params string[] arguments) =>
        RunProgramAsync("dotnet", workingDirectory, arguments, DefaultTimeout, environment);

    public static async Task<ProcessRun> RunProgramAsync(string program, string workingDirectory, IReadOnlyList<string> arguments, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host runs under MSBuild's environment; a nested build must find its own SDK, and must leave no
        // build servers or reusable nodes behind.
        foreach (var name in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["UseSharedCompilation"] = "false";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        var watch = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            Assert.Fail($"'{program} {string.Join(' ', arguments)}' did not finish within {timeout}.\n{Snapshot(output)}");
        }

        process.WaitForExit(); // drains the asynchronous readers
        return new ProcessRun($"{program} {string.Join(' ', arguments)}", process.ExitCode, Snapshot(output), watch.Elapsed);
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}

internal sealed record ProcessRun(string Command, int ExitCode, string Output, TimeSpan Elapsed)
{
    public ProcessRun EnsureSuccess()
    {
        Assert.That(ExitCode, Is.Zero, ToString());
        return this;
    }

    public override string ToString() => $"'{Command}' exited {ExitCode} after {Elapsed.TotalSeconds:0.0} s\n{Output}";
}
