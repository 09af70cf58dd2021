namespace Ancso.Ml.Inference;

/// <summary>What a file looked like when last seen: whether it existed, its length and last-write time.</summary>
internal readonly record struct FileStamp(bool Exists, long Length, DateTime LastWriteUtc)
{
    /// <summary>Looks at a file now.</summary>
    public static FileStamp Of(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return info.Exists ? new FileStamp(true, info.Length, info.LastWriteTimeUtc) : default;
        }
        catch (IOException)
        {
            return default;
        }
        catch (UnauthorizedAccessException)
        {
            return default;
        }
    }
}
