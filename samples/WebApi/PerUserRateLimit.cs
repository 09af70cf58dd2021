using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Ancso.Ml.Samples.WebApi;

/// <summary>
/// A rate limit per authenticated user: one token bucket per user id (the token's <c>sub</c>), holding
/// <c>PermitLimit</c> and refilling one every <c>Window / PermitLimit</c>. A refused request gets 429 with problem details
/// and <c>Retry-After</c>, titled for the endpoint. Each policy has its own buckets, kept in this instance's memory: behind
/// a load balancer each instance counts its own. Authorization runs first, so every request here has a usable id.
/// </summary>
/// <param name="limits">Reads the current limits (the options are bound from configuration).</param>
/// <param name="title">The problem's title, for example <c>Too many choices.</c>.</param>
/// <param name="verb">What a user does, for the problem's detail: <c>record</c>.</param>
/// <param name="noun">What is counted, in the plural, for the problem's detail: <c>choices</c>.</param>
internal sealed class PerUserRateLimit(
    Func<IServiceProvider, (int PermitLimit, TimeSpan Window)> limits, string title, string verb, string noun) : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => OnRejectedAsync;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        RaterIdentity.TryGetRaterId(httpContext.User, out var user);
        var (permitLimit, window) = limits(httpContext.RequestServices);
        return RateLimitPartition.GetTokenBucketLimiter(user, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = permitLimit,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = window / permitLimit,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var (permitLimit, window) = limits(http.RequestServices);
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : Math.Max(1, (int)Math.Ceiling((window / permitLimit).TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Type = "https://tools.ietf.org/html/rfc6585#section-4",
                Status = StatusCodes.Status429TooManyRequests,
                Title = title,
                Detail = string.Create(CultureInfo.InvariantCulture, $"A user may {verb} {permitLimit} {noun} per {window}; try again in {seconds} s."),
            },
        });
    }
}
