namespace Ancso.Ml.Cli.Tests;

/// <summary>Runs the tool in-process against a temporary folder and captures what it prints.</summary>
internal sealed class CliRunner : IDisposable
{
    /// <summary>Creates a runner; <paramref name="extraArguments"/> go on every command (for example <c>--embeddings hashing</c>).</summary>
    public CliRunner(params string[] extraArguments)
    {
        ExtraArguments = extraArguments;
        Root = Path.Combine(Path.GetTempPath(), "ancso-cli-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public IReadOnlyList<string> ExtraArguments { get; }

    public string DataDirectory => Path.Combine(Root, "data", "ranker");

    public string ModelsDirectory => Path.Combine(Root, "models");

    /// <summary>Gets or sets a config file passed as <c>--config</c> on every command; <see langword="null"/> for none.</summary>
    public string? ConfigFile { get; set; }

    /// <summary>Writes <paramref name="json"/> as a config file in the temporary folder and passes it on every later command.</summary>
    public string UseConfig(string json)
    {
        var path = Path.Combine(Root, "config-" + Guid.NewGuid().ToString("N")[..8] + ".json");
        File.WriteAllText(path, json);
        ConfigFile = path;
        return path;
    }

    public async Task<CliRun> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        string[] config = ConfigFile is null ? [] : ["--config", ConfigFile];
        string[] full = [.. args, .. ExtraArguments, .. config, "--data", DataDirectory, "--models", ModelsDirectory];
        var exitCode = await CliApplication.RunAsync(full, stdout, stderr, interactive: false);
        return new CliRun(exitCode, stdout.ToString(), stderr.ToString());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Out}\n--- stderr ---\n{Error}";
}
