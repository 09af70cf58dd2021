using Microsoft.Data.Sqlite;

namespace Ancso.Ml.Testing;

/// <summary>A fresh folder under the system temp folder, removed (with its SQLite files: connection pools are cleared first) on dispose.</summary>
public sealed class PairTestDirectory : IDisposable
{
    public PairTestDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ancso-pairs-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}
