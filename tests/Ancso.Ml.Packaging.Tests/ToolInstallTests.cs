using System.Runtime.InteropServices;

namespace Ancso.Ml.Packaging.Tests;

/// <summary>
/// Installs the <c>ancso</c> tool from the packed folder into a tool path (the pointer package, which brings this
/// machine's runtime package) and runs it: with no model, then through bootstrap, export with the default local
/// embeddings, training and scoring, which loads the packed model file, ONNX Runtime and TorchSharp from the install.
/// </summary>
[Platform("Linux")]
public class ToolInstallTests
{
    private string _tools = "";
    private string _work = "";
    private ProcessRun? _install;

    [OneTimeSetUp]
    public async Task InstallAsync()
    {
        Assert.That(RuntimeInformation.OSArchitecture, Is.EqualTo(Architecture.X64),
            "this test installs the packed linux-x64 tool, so it runs on an x64 Linux machine (as CI is); there is no arm64 Linux tool package");
        _tools = Path.Combine(PackedPackages.Root, "tools");
        _work = Path.Combine(PackedPackages.Root, "tool-run");
        Directory.CreateDirectory(_work);
        var config = Path.Combine(_work, "nuget.config");
        var packages = Path.Combine(PackedPackages.Root, "tool-packages");
        await File.WriteAllTextAsync(config, IsolatedRestore.NuGetConfig(packages));
        _install = await DotnetCli.RunAsync(IsolatedRestore.Environment(packages), _work, "tool", "install", PackedPackages.Tool, "--version", PackedPackages.Version,
            "--tool-path", _tools, "--configfile", config);
        _install.EnsureSuccess();
    }

    [Test]
    public void Install_Pointer_BringsTheLinuxX64Package()
    {
        var command = new FileInfo(Path.Combine(_tools, "ancso"));
        var target = command.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? command.FullName;
        var stored = Directory.GetDirectories(Path.Combine(_tools, ".store"), "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToList();
        var runtimePackage = PackedPackages.ToolRuntimePackage("linux-x64").ToLowerInvariant();

        Assert.Multiple(() =>
        {
            Assert.That(target, Does.Contain($"/{runtimePackage}/{PackedPackages.Version}/").And.EndWith("/tools/net10.0/linux-x64/Ancso.Ml.Cli"), _install!.ToString());
            Assert.That(stored, Does.Contain(runtimePackage));
            Assert.That(stored, Has.None.Contains("win-x64").And.None.Contains("osx-arm64"), "only this machine's runtime package is downloaded");
        });
    }

    [Test]
    public async Task Status_NoModel_ExitsZeroAndSaysHeuristic()
    {
        var run = await RunToolAsync(Path.Combine(_work, "empty"), "ranker", "status");
        run.EnsureSuccess();
        Assert.That(run.Output, Does.Contain("heuristic"), run.ToString());
        Assert.That(run.Output, Does.Contain("embedding_generator: local:arctic-embed-xs-int8 (D=384)"), run.ToString());
    }

    [Test]
    public async Task Smoke_NoModel_ExitsZeroWithHeuristicProvenance()
    {
        var run = await RunToolAsync(Path.Combine(_work, "empty"), "ranker", "smoke", "--verbose");
        run.EnsureSuccess();
        Assert.That(run.Output, Does.Contain("provenance: heuristic"), run.ToString());
    }

    [Test]
    public async Task BootstrapExportTrainSmoke_InstalledTool_TrainsWithTheLocalModelAndScoresWithIt()
    {
        var folder = Path.Combine(_work, "trained");

        (await RunToolAsync(folder, "ranker", "bootstrap", "--platform", "github", "--n-pairs", "30")).EnsureSuccess();
        var export = (await RunToolAsync(folder, "ranker", "export")).EnsureSuccess();
        var train = (await RunToolAsync(folder, "ranker", "train", "--epochs", "3")).EnsureSuccess();
        var smoke = (await RunToolAsync(folder, "ranker", "smoke")).EnsureSuccess();

        Assert.Multiple(() =>
        {
            Assert.That(export.Output, Does.Contain("embedding_generator: local:arctic-embed-xs-int8 (D=384)"), export.ToString());
            Assert.That(train.Output, Does.Contain("activated: yes"), train.ToString());
            Assert.That(smoke.Output, Does.Contain("provenance: model"), smoke.ToString());
        });
    }

    private Task<ProcessRun> RunToolAsync(string folder, params string[] arguments) =>
        DotnetCli.RunProgramAsync(Path.Combine(_tools, "ancso"), _work,
            [.. arguments, "--data", Path.Combine(folder, "data"), "--models", Path.Combine(folder, "models")], TimeSpan.FromMinutes(3));
}
