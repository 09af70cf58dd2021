namespace Ancso.Ml.Pairs.Storage;

/// <summary>
/// The wait before a store retries a transaction (compiled into each store package): it doubles with each attempt up to
/// a ceiling, times a random factor in [0.5, 1.5) so that writers that collided do not retry in step, and is never below
/// a floor. Safe to use from several threads.
/// </summary>
/// <param name="seed">The seed of the random factor.</param>
/// <param name="stepMilliseconds">The wait before jitter is this times 2 to the attempt (at most the 8th power).</param>
/// <param name="ceilingMilliseconds">The longest wait before jitter.</param>
/// <param name="floorMilliseconds">The shortest wait.</param>
internal sealed class RetryBackoff(int seed, double stepMilliseconds, double ceilingMilliseconds, double floorMilliseconds)
{
    private readonly Random _jitter = new(seed);

    /// <summary>Gets the wait before retry <paramref name="attempt"/>.</summary>
    public TimeSpan Delay(int attempt)
    {
        var ceiling = Math.Min(ceilingMilliseconds, stepMilliseconds * Math.Pow(2, Math.Min(attempt, 8)));
        double factor;
        lock (_jitter)
        {
            factor = 0.5 + _jitter.NextDouble();
        }

        return TimeSpan.FromMilliseconds(Math.Max(floorMilliseconds, ceiling * factor));
    }
}
