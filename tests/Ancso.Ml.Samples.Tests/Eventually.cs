namespace Ancso.Ml.Samples.Tests;

/// <summary>
/// Waits for what a host finishes after the client has its response (ASP.NET Core ends the request's span and records
/// its metrics once the response is sent; an exporter sends on its own thread), flushing between looks.
/// </summary>
internal static class Eventually
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    /// <summary>Returns the first value <paramref name="look"/> accepts, calling <paramref name="flush"/> before each look.</summary>
    public static async Task<T> WaitForAsync<T>(Action flush, Func<T> look, Func<T, bool> accept, string what)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (true)
        {
            flush();
            var value = look();
            if (accept(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Still waiting after {Limit.TotalSeconds} s for {what}; last seen: {value}");
            }

            await Task.Delay(50);
        }
    }
}
