namespace Ancso.Ml.Tests.Inference;

/// <summary>A clock that moves only when told to.</summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private long _timestamp = 1_000_000;
    private DateTimeOffset _now = new(2026, 11, 25, 9, 15, 0, TimeSpan.Zero);

    public override long TimestampFrequency => 1_000_000;

    public override long GetTimestamp() => Interlocked.Read(ref _timestamp);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by)
    {
        Interlocked.Add(ref _timestamp, (long)(by.TotalSeconds * TimestampFrequency));
        _now += by;
    }
}
