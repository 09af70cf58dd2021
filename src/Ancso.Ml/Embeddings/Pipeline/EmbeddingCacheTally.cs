namespace Ancso.Ml.Embeddings.Pipeline;

/// <summary>
/// Counts, for one logical operation (an export), how many texts the caching generator answered from a cache and how
/// many it had generated. Installed with <see cref="Begin"/>; flows with the async context, so concurrent operations
/// each see their own counts.
/// </summary>
public sealed class EmbeddingCacheTally
{
    private static readonly AsyncLocal<EmbeddingCacheTally?> CurrentTally = new();
    private int _fromCache;
    private int _generated;

    /// <summary>Gets the tally of the current async context, or <see langword="null"/> when none was begun.</summary>
    public static EmbeddingCacheTally? Current => CurrentTally.Value;

    /// <summary>Gets how many texts were answered from a cache.</summary>
    public int FromCache => Volatile.Read(ref _fromCache);

    /// <summary>Gets how many texts the provider had to generate.</summary>
    public int Generated => Volatile.Read(ref _generated);

    /// <summary>Starts counting for the current async context; the returned scope restores the previous tally.</summary>
    /// <param name="tally">The new tally.</param>
    /// <returns>The scope to dispose when the operation ends.</returns>
    public static Scope Begin(out EmbeddingCacheTally tally)
    {
        var previous = CurrentTally.Value;
        tally = new EmbeddingCacheTally();
        CurrentTally.Value = tally;
        return new Scope(previous);
    }

    /// <summary>Counts texts answered from a cache.</summary>
    /// <param name="count">How many.</param>
    public void AddFromCache(int count) => Interlocked.Add(ref _fromCache, count);

    /// <summary>Counts texts generated.</summary>
    /// <param name="count">How many.</param>
    public void AddGenerated(int count) => Interlocked.Add(ref _generated, count);

    /// <summary>The scope of a tally; disposing it restores the tally before it.</summary>
    public readonly struct Scope : IDisposable, IEquatable<Scope>
    {
        private readonly EmbeddingCacheTally? _previous;

        internal Scope(EmbeddingCacheTally? previous) => _previous = previous;

        /// <summary>Restores the previous tally.</summary>
        public void Dispose() => CurrentTally.Value = _previous;

        /// <inheritdoc/>
        public bool Equals(Scope other) => ReferenceEquals(_previous, other._previous);

        /// <inheritdoc/>
        public override bool Equals(object? obj) => obj is Scope other && Equals(other);

        /// <inheritdoc/>
        public override int GetHashCode() => _previous?.GetHashCode() ?? 0;

        /// <summary>Compares two scopes.</summary>
        /// <param name="left">One.</param>
        /// <param name="right">The other.</param>
        /// <returns>Whether they restore the same tally.</returns>
        public static bool operator ==(Scope left, Scope right) => left.Equals(right);

        /// <summary>Compares two scopes.</summary>
        /// <param name="left">One.</param>
        /// <param name="right">The other.</param>
        /// <returns>Whether they restore different tallies.</returns>
        public static bool operator !=(Scope left, Scope right) => !left.Equals(right);
    }
}
