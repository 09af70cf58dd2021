using System.Globalization;
using Microsoft.Extensions.Options;

namespace Ancso.Ml.Samples.WebApi;

/// <summary>How many requests of one kind one user may make: a token bucket per user (<see cref="PerUserRateLimit"/>).</summary>
public sealed class UserRateLimitOptions
{
    /// <summary>Gets or sets how many requests a user may make in a burst, and per <see cref="Window"/> on average.</summary>
    /// <value>Default: 30 choices (section <c>ChoiceRateLimit</c>); 5 erasures (section <c>ErasureRateLimit</c>).</value>
    public int PermitLimit { get; set; }

    /// <summary>Gets or sets the period over which <see cref="PermitLimit"/> requests come back, one at a time (every <c>Window / PermitLimit</c>).</summary>
    /// <value>Default: one minute for choices; one hour for erasures.</value>
    public TimeSpan Window { get; set; }
}

/// <summary>
/// The per-user rate limits, each with buckets of its own, bound from its own configuration section:
/// <c>POST /choices</c> (<see cref="Choices"/>, section <c>ChoiceRateLimit</c>) and <c>DELETE /me/data</c>
/// (<see cref="Erasures"/>, section <c>ErasureRateLimit</c>: an erasure is expensive for the store, a secure delete and
/// a checkpoint of the SQLite write-ahead log or a VACUUM in PostgreSQL, and a second one finds nothing, so a few an
/// hour are plenty). Recording choices never uses up a user's erasures, nor the other way round.
/// </summary>
internal static class UserRateLimits
{
    /// <summary>The policy of <c>POST /choices</c>.</summary>
    public const string Choices = "choices-per-user";

    /// <summary>The policy of <c>DELETE /me/data</c>.</summary>
    public const string Erasures = "erasures-per-user";

    public static IServiceCollection AddUserRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRateLimiter(options => options.RejectionStatusCode = StatusCodes.Status429TooManyRequests);
        Add(services, configuration, Choices, "ChoiceRateLimit", 30, TimeSpan.FromMinutes(1), 1_000_000, ("Too many choices.", "record", "choices"));
        Add(services, configuration, Erasures, "ErasureRateLimit", 5, TimeSpan.FromHours(1), 1_000, ("Too many erasure requests.", "request", "erasures"));
        return services;
    }

    private static void Add(
        IServiceCollection services, IConfiguration configuration, string policy, string section, int permitLimit, TimeSpan window, int maximum,
        (string Title, string Verb, string Noun) wording)
    {
        services.AddOptions<UserRateLimitOptions>(policy)
            .Configure(o => (o.PermitLimit, o.Window) = (permitLimit, window))
            .Bind(configuration.GetSection(section))
            .Validate(o => o.PermitLimit >= 1 && o.PermitLimit <= maximum, string.Create(CultureInfo.InvariantCulture, $"{section}:PermitLimit must be from 1 to {maximum}."))
            .Validate(o => o.Window >= TimeSpan.FromSeconds(1), $"{section}:Window must be at least one second (a TimeSpan such as '{window:c}').")
            .ValidateOnStart();
        services.Configure<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>(options =>
            options.AddPolicy(policy, new PerUserRateLimit(Limits, wording.Title, wording.Verb, wording.Noun)));

        (int, TimeSpan) Limits(IServiceProvider provider)
        {
            var options = provider.GetRequiredService<IOptionsMonitor<UserRateLimitOptions>>().Get(policy);
            return (options.PermitLimit, options.Window);
        }
    }
}
