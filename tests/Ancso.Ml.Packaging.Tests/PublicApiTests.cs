namespace Ancso.Ml.Packaging.Tests;

/// <summary>
/// The public surface of every library package is tracked: a public member that PublicAPI.*.txt does not record fails
/// the build, and so does a recorded one that is gone.
/// </summary>
public class PublicApiTests
{
    [TestCaseSource(typeof(PackedPackages), nameof(PackedPackages.Libraries))]
    public void Library_HasBothApiFiles(string library)
    {
        var folder = Path.Combine(PackedPackages.RepositoryRoot, "src", library);
        Assert.That(File.ReadAllText(Path.Combine(folder, "PublicAPI.Shipped.txt")), Does.StartWith("#nullable enable"));
        Assert.That(File.ReadAllText(Path.Combine(folder, "PublicAPI.Unshipped.txt")), Does.StartWith("#nullable enable"));
    }

    [Test]
    public async Task Build_UnrecordedPublicMember_FailsNamingIt()
    {
        var probe = Path.Combine(PackedPackages.Root, "api-probe");
        Directory.CreateDirectory(probe);
        var source = Path.Combine(probe, "Probe.cs");
        await File.WriteAllTextAsync(source, "namespace Ancso.Ml;\n\n/// <summary>Not recorded.</summary>\npublic static class UnrecordedProbe\n{\n}\n");
        var targets = Path.Combine(probe, "probe.targets");
        await File.WriteAllTextAsync(targets, $"""
            <Project>
              <ItemGroup>
                <Compile Include="{source}" />
              </ItemGroup>
            </Project>
            """);

        var build = await DotnetCli.RunAsync(PackedPackages.RepositoryRoot, "build", Path.Combine("src", "Ancso.Ml", "Ancso.Ml.csproj"), "-nodeReuse:false",
            $"-p:CustomAfterMicrosoftCommonTargets={targets}", $"-p:OutDir={Path.Combine(probe, "bin")}/", $"-p:IntermediateOutputPath={Path.Combine(probe, "obj")}/");

        Assert.That(build.ExitCode, Is.Not.Zero, build.ToString());
        Assert.That(build.Output, Does.Contain("RS0016").And.Contain("UnrecordedProbe"), build.ToString());
    }
}
