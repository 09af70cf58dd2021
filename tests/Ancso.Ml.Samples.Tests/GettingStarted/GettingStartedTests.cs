using System.Diagnostics;

namespace Ancso.Ml.Samples.Tests.GettingStarted;

/// <summary>
/// The README's first C# block under "Using the SDK" is samples/GettingStarted/Program.cs, and that program, run against
/// the model the sample carries, scores with the model.
/// </summary>
public class GettingStartedTests
{
    private const string Regenerate =
        "Regenerate the sample's model as samples/GettingStarted/README.md says (ancso ranker quickstart --models samples/GettingStarted/models).";

    private static string SampleFolder => RepositoryFolder.Combine("samples", "GettingStarted");

    [Test]
    public async Task Readme_FirstCSharpBlockOfUsingTheSdk_IsTheSamplesProgramByteForByte()
    {
        var readme = await File.ReadAllTextAsync(RepositoryFolder.Combine("README.md"));
        var program = await File.ReadAllTextAsync(Path.Combine(SampleFolder, "Program.cs"));

        var block = FirstCSharpBlock(readme, "## Using the SDK");

        // Line endings aside (a checkout may turn them into CRLF in both files), every byte matches.
        Assert.That(block, Is.EqualTo(program.ReplaceLineEndings("\n")),
            "README.md's first C# block under 'Using the SDK' must be samples/GettingStarted/Program.cs exactly: change both together.");
    }

    [Test]
    public async Task Run_TheModelItCarries_ComparesWithTheModel()
    {
        // The sample reads ./models; run it in a copy, so nothing it might write lands in the repository.
        using var folder = new TempFolder();
        var models = Path.Combine(SampleFolder, "models");
        Assert.That(File.Exists(Path.Combine(models, "active_model.json")), Is.True, $"{models} has no active_model.json. {Regenerate}");
        Directory.CreateDirectory(folder.Combine("models"));
        foreach (var file in Directory.GetFiles(models))
        {
            File.Copy(file, folder.Combine("models", Path.GetFileName(file)));
        }

        var dll = (await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "gettingstarted.path"))).Trim();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder.Path };
        start.ArgumentList.Add(dll);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"GettingStarted did not finish within 2 minutes.\n{await stdout}");
        }

        var output = (await stdout + await stderr).ReplaceLineEndings("\n");

        Assert.That(process.ExitCode, Is.Zero, output);
        Assert.That(output, Does.Contain("provenance: model\n").And.Contain("model_version: "), $"{output}\n{Regenerate}");
        Assert.That(output, Does.Contain("winner: A\n"), output);
    }

    /// <summary>The content of the first <c>```csharp</c> block after <paramref name="heading"/>, each line ending in <c>\n</c>.</summary>
    private static string FirstCSharpBlock(string markdown, string heading)
    {
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var start = Array.IndexOf(lines, heading);
        Assert.That(start, Is.Not.Negative, $"README.md has no line '{heading}'.");
        var open = Array.FindIndex(lines, start + 1, l => l.StartsWith("```csharp", StringComparison.Ordinal) || l.StartsWith("## ", StringComparison.Ordinal));
        Assert.That(open >= 0 && lines[open].StartsWith("```", StringComparison.Ordinal), Is.True, $"README.md has no C# block under '{heading}'.");
        var close = Array.FindIndex(lines, open + 1, l => l.StartsWith("```", StringComparison.Ordinal));
        Assert.That(close, Is.Not.Negative, $"The C# block under '{heading}' is not closed.");
        return string.Concat(lines[(open + 1)..close].Select(l => l + "\n"));
    }
}
