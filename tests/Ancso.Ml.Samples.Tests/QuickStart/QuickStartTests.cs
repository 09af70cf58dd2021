using System.Diagnostics;

namespace Ancso.Ml.Samples.Tests.QuickStart;

/// <summary>Runs the built QuickStart app end to end in a temporary data folder.</summary>
public class QuickStartTests
{
    [Test]
    public async Task Run_EmptyDataFolder_TrainsActivatesAndRanksWithTheModel()
    {
        using var folder = new TempFolder();
        var dll = (await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "quickstart.path"))).Trim();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder.Path };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add(folder.Combine("data"));
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"QuickStart did not finish within 3 minutes.\n{await stdout}");
        }

        var output = await stdout + await stderr;


        Assert.That(process.ExitCode, Is.Zero, output);
        Assert.That(output, Does.Contain("bootstrap github: ").And.Contain("bootstrap linkedin: ").And.Contain("provenance: model ("), output);
    }
}
