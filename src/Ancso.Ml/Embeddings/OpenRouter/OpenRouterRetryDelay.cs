namespace Ancso.Ml.Embeddings.OpenRouter;

/// <summary>The wait before a retry: the service's <c>Retry-After</c> when it gave one, else exponential backoff with jitter.</summary>
internal static class OpenRouterRetryDelay
{
    /// <summary>Computes the wait before retry number <paramref name="retry"/> (0 for the first).</summary>
    /// <param name="retry">The number of retries made so far.</param>
    /// <param name="retryAfter">The wait the service asked for, if any.</param>
    /// <param name="baseDelay">The first backoff delay.</param>
    /// <param name="maxDelay">The cap on backoff delays.</param>
    /// <param name="jitter">A random number in [0, 1).</param>
    /// <returns>
    /// <paramref name="retryAfter"/> (never negative) when given; otherwise <c>d/2 + jitter·d/2</c> with
    /// <c>d = min(maxDelay, baseDelay·2^retry)</c>.
    /// </returns>
    public static TimeSpan Compute(int retry, TimeSpan? retryAfter, TimeSpan baseDelay, TimeSpan maxDelay, double jitter)
    {
        if (retryAfter is { } asked)
        {
            return asked < TimeSpan.Zero ? TimeSpan.Zero : asked;
        }

        var exponential = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry, 30));
        var capped = Math.Min(exponential, maxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((capped / 2) + (jitter * capped / 2));
    }

    /// <summary>Reads the <c>Retry-After</c> header: a number of seconds or an HTTP date.</summary>
    /// <param name="response">The response.</param>
    /// <param name="now">The current time, for a date.</param>
    /// <returns>The wait asked for, or <see langword="null"/> when the header is absent.</returns>
    public static TimeSpan? ReadRetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? date - now : null;
    }
}
