using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Ancso.Ml.Samples.WebApi;

/// <summary>
/// JWT bearer authentication for <c>POST /choices</c> and <c>DELETE /me/data</c>, configured by ASP.NET Core's standard section
/// <c>Authentication:Schemes:Bearer</c> (<c>Authority</c> for an identity provider's discovery document, or
/// <c>ValidIssuer</c>, <c>ValidAudiences</c> and <c>SigningKeys</c>, the shape <c>dotnet user-jwts</c> writes).
/// The other endpoints stay open.
/// </summary>
internal static partial class ChoiceAuthentication
{
    /// <summary>The configuration section of the bearer scheme.</summary>
    public const string SectionName = "Authentication:Schemes:Bearer";

    public static IServiceCollection AddChoiceAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddAuthorizationBuilder().AddPolicy(RaterIdentity.PolicyName, policy => policy
            .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(context => RaterIdentity.TryGetRaterId(context.User, out _)));

        // 401 and 403 come with problem details (UseStatusCodePages); say what is missing.
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Detail ??= context.ProblemDetails.Status switch
            {
                StatusCodes.Status401Unauthorized =>
                    "Send a valid bearer token (Authorization: Bearer <token>) issued by the identity provider this API trusts.",
                StatusCodes.Status403Forbidden =>
                    "The token does not name a usable user id (its sub claim is missing, blank, over 256 characters or holds a control character); choices are recorded and erased per user.",
                _ => null,
            };
        });
        return services;
    }

    /// <summary>Logs a warning when no token can be validated: no authority and no signing key is configured.</summary>
    public static void WarnIfUnconfigured(WebApplication app)
    {
        var bearer = app.Configuration.GetSection(SectionName);
        if (string.IsNullOrWhiteSpace(bearer["Authority"]) && string.IsNullOrWhiteSpace(bearer["MetadataAddress"]) && !bearer.GetSection("SigningKeys").GetChildren().Any())
        {
            LogUnconfigured(app.Logger);
        }
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Warning,
        Message = "Authentication:Schemes:Bearer names no Authority and no SigningKeys, so no token validates and every POST /choices and DELETE /me/data gets 401. Point it at your identity provider, or run 'dotnet user-jwts create' for a development token.")]
    private static partial void LogUnconfigured(ILogger logger);
}
