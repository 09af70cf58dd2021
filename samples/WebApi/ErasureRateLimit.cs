using Microsoft.Extensions.Options;

namespace Ancso.Ml.Samples.WebApi;

/// <summary>How many erasure requests one user may make (section <c>ErasureRateLimit</c>): a token bucket per user.</summary>
public sealed class ErasureRateLimitOptions
{
    /// <summary>The configuration section: <c>ErasureRateLimit</c>.</summary>
    public const string SectionName = "ErasureRateLimit";

    /// <summary>Gets or sets how many times a user may call <c>DELETE /me/data</c> in a burst, and per <see cref="Window"/> on average.</summary>
    /// <value>Default: 5.</value>
    public int PermitLimit { get; set; } = 5;

    /// <summary>Gets or sets the period over which <see cref="PermitLimit"/> requests come back, one at a time (every <c>Window / PermitLimit</c>).</summary>
    /// <value>Default: one hour.</value>
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// Limits <c>DELETE /me/data</c> per user, with buckets of its own (<see cref="PerUserRateLimit"/>): an erasure is
/// expensive for the store (a secure delete, a checkpoint of the SQLite write-ahead log or a VACUUM in PostgreSQL) and a
/// second one finds nothing, so a few an hour are plenty. Recording choices does not use them up.
/// </summary>
internal static class ErasureRateLimit
{
    public const string PolicyName = "erasures-per-user";

    public static IServiceCollection AddErasureRateLimit(this IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<ErasureRateLimitOptions>()
            .Bind(section)
            .Validate(o => o.PermitLimit is >= 1 and <= 1_000, "ErasureRateLimit:PermitLimit must be from 1 to 1000.")
            .Validate(o => o.Window >= TimeSpan.FromSeconds(1), "ErasureRateLimit:Window must be at least one second (a TimeSpan such as '01:00:00').")
            .ValidateOnStart();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(PolicyName, new PerUserRateLimit(Limits, "Too many erasure requests.", "request", "erasures"));
        });
        return services;
    }

    private static (int, TimeSpan) Limits(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<ErasureRateLimitOptions>>().Value;
        return (options.PermitLimit, options.Window);
    }
}
