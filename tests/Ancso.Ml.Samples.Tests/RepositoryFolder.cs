using System.Reflection;

namespace Ancso.Ml.Samples.Tests;

/// <summary>The repository's root folder, recorded at build time (the project's RepositoryRoot assembly metadata).</summary>
internal static class RepositoryFolder
{
    public static string Root { get; } = typeof(RepositoryFolder).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);
}
