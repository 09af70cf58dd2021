using Ancso.Ml.PostgreSql.Tests.Server;

/// <summary>Stops the assembly's PostgreSQL cluster, if a test started it, when all tests are done.</summary>
[SetUpFixture]
#pragma warning disable CA1050 // An assembly-wide set-up fixture lives outside any namespace.
public sealed class AssemblyCleanup
#pragma warning restore CA1050
{
    [OneTimeTearDown]
    public void StopServer()
    {
        PostgreSqlServer.StopIfStarted();
        try
        {
            Directory.Delete(RankerInstance.Root, recursive: true);
        }
        catch (IOException)
        {
            // Missing (no instance ran) or busy: left for the OS to clean.
        }
    }
}
