namespace Ancso.Ml.Learning.Bootstrap;

/// <summary>
/// Makes a first dataset from the benchmark profiles shipped in the package: pairs whose label is true by construction
/// (a benchmark text against a degraded variant of itself, or two texts far apart in quality), stored in the pair store
/// with source <see cref="PairSources.Bootstrap"/>. See <c>docs/bootstrap.md</c>.
/// </summary>
public interface IPairBootstrapper
{
    /// <summary>
    /// Generates the pairs for one platform and stores them. Pair ids are derived from the pair's content, so running the
    /// same request twice stores nothing new.
    /// </summary>
    /// <param name="request">The platform, the number of pairs and the seed.</param>
    /// <param name="progress">Receives the number of pairs written so far; may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops between batches; batches already written stay stored.</param>
    /// <returns>What was generated and how many pairs were newly stored.</returns>
    /// <exception cref="ArgumentException">The platform is not one with benchmark profiles, or the pair count is not positive.</exception>
    /// <exception cref="PairStoreException">The pair store cannot be used.</exception>
    Task<PairBootstrapOutcome> BootstrapAsync(
        PairBootstrapRequest request, IProgress<PairBootstrapProgress>? progress = null, CancellationToken cancellationToken = default);
}

/// <summary>What to bootstrap.</summary>
public sealed class PairBootstrapRequest
{
    /// <summary>The default number of pairs, as in the original system.</summary>
    public const int DefaultPairCount = 200;

    /// <summary>The default seed.</summary>
    public const int DefaultSeed = 42;

    /// <summary>Initializes a request for one platform.</summary>
    /// <param name="platform"><c>github</c> or <c>linkedin</c> (<see cref="ContentPlatforms"/>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="platform"/> is <see langword="null"/>.</exception>
    public PairBootstrapRequest(string platform)
    {
        ArgumentNullException.ThrowIfNull(platform);
        Platform = platform;
    }

    /// <summary>Gets the platform.</summary>
    public string Platform { get; }

    /// <summary>Gets the number of pairs wanted; when the corpus yields fewer, the outcome says so and stores what it can.</summary>
    public int PairCount { get; init; } = DefaultPairCount;

    /// <summary>Gets the seed: the same seed and count give the same pairs.</summary>
    public int Seed { get; init; } = DefaultSeed;

    /// <summary>
    /// Gets the largest share of cross-text pairs: two different benchmark texts of a section labelled by the heuristic
    /// (<c>clarity·0.3 + impact·0.4 + keyword_score·0.3</c>) when its scores differ widely. In [0, 0.5].
    /// </summary>
    /// <value>0: every pair is a benchmark text against a degraded copy of itself, whose label is certain. The heuristic
    /// trusts numbers and keywords, and a model trained on its labels learns that too (docs/bootstrap.md has the measurements).</value>
    public double CrossTextShare { get; init; } = DefaultCrossTextShare;

    /// <summary>The default of <see cref="CrossTextShare"/>: 0, measured best on the judged pairs (docs/bootstrap.md).</summary>
    public const double DefaultCrossTextShare = BootstrapPairGenerator.DefaultCrossTextShare;

    /// <summary>The largest <see cref="CrossTextShare"/> accepted: 0.5.</summary>
    public const double MaximumCrossTextShare = BootstrapPairGenerator.MaximumCrossTextShare;
}

/// <summary>Progress of a bootstrap write.</summary>
/// <param name="Stored">Pairs written so far (including ones already stored).</param>
/// <param name="Total">Pairs to write.</param>
public sealed record PairBootstrapProgress(int Stored, int Total);

/// <summary>The outcome of a bootstrap.</summary>
/// <param name="Generated">The generated pairs with their balance, warnings and, when the corpus yields fewer pairs than asked, the shortfall.</param>
/// <param name="Added">Pairs newly stored.</param>
public sealed record PairBootstrapOutcome(BootstrapResult Generated, int Added)
{
    /// <summary>Gets the generated pairs that were already stored (an earlier run with the same content).</summary>
    public int AlreadyStored => Generated.Produced - Added;
}
