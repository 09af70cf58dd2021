using Ancso.Ml.Pairs.Signals;

namespace Ancso.Ml.Samples.WebApi;

/// <summary>
/// The API records every choice under its user's keyed pseudonym, so it does not start without
/// <c>Ranker:Signals:RaterKey</c> (the library checks the key's form; this checks that there is one, and that the
/// development key of <c>appsettings.Development.json</c> is not used outside Development).
/// </summary>
internal static class RaterKeyRequirement
{
    /// <summary>The key in <c>appsettings.Development.json</c>: base64 of <c>development-only-rater-key-not-a-secret</c>.</summary>
    public const string DevelopmentKey = "ZGV2ZWxvcG1lbnQtb25seS1yYXRlci1rZXktbm90LWEtc2VjcmV0";

    public static IServiceCollection RequireRaterKey(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddOptions<SignalOptions>()
            .Validate(o => !string.IsNullOrWhiteSpace(o.RaterKey),
                "Ranker:Signals:RaterKey is not set. POST /choices stores each user's choice under a keyed pseudonym of their id and cannot run without " +
                "the key. Supply base64 of at least 32 random bytes ('openssl rand -base64 32') through the environment (Ranker__Signals__RaterKey) " +
                "or a secret store, never in a file beside the data. For local development run with ASPNETCORE_ENVIRONMENT=Development " +
                "(dotnet run does), whose appsettings.Development.json holds a development-only key.")
            .Validate(o => environment.IsDevelopment() || !string.Equals(o.RaterKey?.Trim(), DevelopmentKey, StringComparison.Ordinal),
                "Ranker:Signals:RaterKey is the development-only key of appsettings.Development.json, which is public. Outside Development supply " +
                "a key of your own ('openssl rand -base64 32') through the environment (Ranker__Signals__RaterKey) or a secret store.")
            .ValidateOnStart();
        return services;
    }
}
