namespace Ancso.Ml.Samples.Tests;

/// <summary>The bytes of the store's files (the database, its write-ahead log), read while the app has them open.</summary>
internal static class StoreFiles
{
    public static List<byte[]> Read(TempFolder folder)
    {
        var files = Directory.GetFiles(folder.Combine("data"), "pairs.db*").Where(f => !f.EndsWith("-shm", StringComparison.Ordinal)).ToList();
        Assert.That(files.Select(Path.GetFileName), Does.Contain("pairs.db"));
        return [.. files.Select(ReadShared)];
    }

    public static bool Contain(List<byte[]> files, byte[] bytes) => files.Any(f => f.AsSpan().IndexOf(bytes) >= 0);

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
