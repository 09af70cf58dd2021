namespace Ancso.Ml.Testing;

/// <summary>
/// The tests' clock: Microsoft.Extensions.TimeProvider.Testing's <see cref="FakeTimeProvider"/>, which moves only when
/// told to (<see cref="FakeTimeProvider.Advance"/>), started at one fixed instant.
/// </summary>
public static class TestClock
{
    /// <summary>Gets the instant every test clock starts at unless told otherwise: 2026-11-25 09:15 UTC.</summary>
    public static DateTimeOffset Start { get; } = new(2026, 11, 25, 9, 15, 0, TimeSpan.Zero);

    /// <summary>A clock at <see cref="Start"/>, or at <paramref name="start"/>.</summary>
    public static FakeTimeProvider Create(DateTimeOffset? start = null) => new(start ?? Start);
}
