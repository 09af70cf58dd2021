using Microsoft.Extensions.Options;

namespace Ancso.Ml.Samples.WebApi;

/// <summary>How many choices one user may record (section <c>ChoiceRateLimit</c>): a token bucket per user.</summary>
public sealed class ChoiceRateLimitOptions
{
    /// <summary>The configuration section: <c>ChoiceRateLimit</c>.</summary>
    public const string SectionName = "ChoiceRateLimit";

    /// <summary>Gets or sets how many choices a user may record in a burst, and per <see cref="Window"/> on average.</summary>
    /// <value>Default: 30.</value>
    public int PermitLimit { get; set; } = 30;

    /// <summary>Gets or sets the period over which <see cref="PermitLimit"/> choices come back, one at a time (every <c>Window / PermitLimit</c>).</summary>
    /// <value>Default: one minute.</value>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Limits <c>POST /choices</c> per user with ASP.NET Core's rate limiter (<see cref="PerUserRateLimit"/>): one token
/// bucket per user id holding <see cref="ChoiceRateLimitOptions.PermitLimit"/>; past it 429 with problem details and
/// <c>Retry-After</c>. <see cref="ErasureRateLimit"/> limits <c>DELETE /me/data</c> with buckets of its own.
/// </summary>
internal static class ChoiceRateLimit
{
    public const string PolicyName = "choices-per-user";

    public static IServiceCollection AddChoiceRateLimit(this IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<ChoiceRateLimitOptions>()
            .Bind(section)
            .Validate(o => o.PermitLimit is >= 1 and <= 1_000_000, "ChoiceRateLimit:PermitLimit must be from 1 to 1000000.")
            .Validate(o => o.Window >= TimeSpan.FromSeconds(1), "ChoiceRateLimit:Window must be at least one second (a TimeSpan such as '00:01:00').")
            .ValidateOnStart();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(PolicyName, new PerUserRateLimit(Limits, "Too many choices.", "record", "choices"));
        });
        return services;
    }

    private static (int, TimeSpan) Limits(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<ChoiceRateLimitOptions>>().Value;
        return (options.PermitLimit, options.Window);
    }
}
