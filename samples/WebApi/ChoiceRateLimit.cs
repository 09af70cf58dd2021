using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
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
/// Limits <c>POST /choices</c> per user with ASP.NET Core's rate limiter: one token bucket per user id (the token's
/// <c>sub</c>), holding <see cref="ChoiceRateLimitOptions.PermitLimit"/> and refilling one every
/// <c>Window / PermitLimit</c>. A refused request gets 429 with problem details and <c>Retry-After</c>. The buckets are in
/// this instance's memory: behind a load balancer each instance counts its own.
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
            options.OnRejected = OnRejectedAsync;
            options.AddPolicy(PolicyName, context =>
            {
                // Authorization ran first: every request here has a usable id.
                RaterIdentity.TryGetRaterId(context.User, out var user);
                return RateLimitPartition.GetTokenBucketLimiter(user, _ => BucketOf(context.RequestServices.GetRequiredService<IOptions<ChoiceRateLimitOptions>>().Value));
            });
        });
        return services;
    }

    private static TokenBucketRateLimiterOptions BucketOf(ChoiceRateLimitOptions options) => new()
    {
        TokenLimit = options.PermitLimit,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = options.Window / options.PermitLimit,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var options = http.RequestServices.GetRequiredService<IOptions<ChoiceRateLimitOptions>>().Value;
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : Math.Max(1, (int)Math.Ceiling((options.Window / options.PermitLimit).TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Type = "https://tools.ietf.org/html/rfc6585#section-4",
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many choices.",
                Detail = string.Create(CultureInfo.InvariantCulture,
                    $"A user may record {options.PermitLimit} choices per {options.Window}; try again in {seconds} s."),
            },
        });
    }
}
