namespace Ancso.Ml.Packaging.Tests;

/// <summary>Installs the <c>ancso</c> tool from the packed folder into a tool path and runs it with no model.</summary>
public class ToolInstallTests
{
    private string _tools = "";
    private string _work = "";

    [OneTimeSetUp]
    public async Task InstallAsync()
    {
        _tools = Path.Combine(PackedPackages.Root, "tools");
        _work = Path.Combine(PackedPackages.Root, "tool-run");
        Directory.CreateDirectory(_work);
        var config = Path.Combine(_work, "nuget.config");
        await File.WriteAllTextAsync(config, ConsumerAppTests.NuGetConfig(Path.Combine(PackedPackages.Root, "tool-packages")));
        (await DotnetCli.RunAsync(_work, "tool", "install", PackedPackages.Tool, "--version", PackedPackages.Version,
            "--tool-path", _tools, "--configfile", config)).EnsureSuccess();
    }

    [Test]
    public async Task Status_NoModel_ExitsZeroAndSaysHeuristic()
    {
        var run = await RunToolAsync("ranker", "status");
        run.EnsureSuccess();
        Assert.That(run.Output, Does.Contain("heuristic"), run.ToString());
    }

    [Test]
    public async Task Smoke_NoModel_ExitsZeroWithHeuristicProvenance()
    {
        var run = await RunToolAsync("ranker", "smoke", "--verbose");
        run.EnsureSuccess();
        Assert.That(run.Output, Does.Contain("provenance: heuristic"), run.ToString());
    }

    private Task<ProcessRun> RunToolAsync(params string[] arguments) =>
        DotnetCli.RunProgramAsync(Path.Combine(_tools, "ancso"), _work,
            [.. arguments, "--data", Path.Combine(_work, "data"), "--models", Path.Combine(_work, "models")], TimeSpan.FromMinutes(2));
}
