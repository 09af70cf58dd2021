using System.Collections.Concurrent;

namespace Ancso.Ml.Tests.Embeddings.OpenRouter;

/// <summary>
/// A clock frozen at <see cref="Now"/> whose short timers (under a minute: retry waits) fire at once and are recorded,
/// while longer timers (request timeouts, configured at minutes in these tests) run in real time.
/// </summary>
internal sealed class RetryTimeProvider : TimeProvider
{
    public static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan ShortTimer = TimeSpan.FromMinutes(1);
    private readonly ConcurrentQueue<TimeSpan> _waits = new();

    /// <summary>Gets the due times of the short timers created so far.</summary>
    public IReadOnlyList<TimeSpan> Waits => [.. _waits];

    public override DateTimeOffset GetUtcNow() => Now;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan && dueTime < ShortTimer)
        {
            _waits.Enqueue(dueTime);
            dueTime = TimeSpan.Zero;
        }

        return System.CreateTimer(callback, state, dueTime, period);
    }
}
