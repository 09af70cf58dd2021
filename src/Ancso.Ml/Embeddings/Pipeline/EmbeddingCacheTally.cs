namespace Ancso.Ml.Embeddings.Pipeline;

/// <summary>
/// Counts, for one logical operation (an export), how many texts the caching generator answered from a cache and how
/// many it had generated. Installed with <see cref="Begin"/>; flows with the async context, so concurrent operations
/// each see their own counts.
/// </summary>
internal sealed class EmbeddingCacheTally
{
    private static readonly AsyncLocal<EmbeddingCacheTally?> CurrentTally = new();
    private int _fromCache;
    private int _generated;

    public static EmbeddingCacheTally? Current => CurrentTally.Value;

    public int FromCache => Volatile.Read(ref _fromCache);

    public int Generated => Volatile.Read(ref _generated);

    /// <summary>Starts counting for the current async context; the returned scope restores the previous tally.</summary>
    public static Scope Begin(out EmbeddingCacheTally tally)
    {
        var previous = CurrentTally.Value;
        tally = new EmbeddingCacheTally();
        CurrentTally.Value = tally;
        return new Scope(previous);
    }

    public void AddFromCache(int count) => Interlocked.Add(ref _fromCache, count);

    public void AddGenerated(int count) => Interlocked.Add(ref _generated, count);

    internal readonly struct Scope(EmbeddingCacheTally? previous) : IDisposable
    {
        public void Dispose() => CurrentTally.Value = previous;
    }
}
