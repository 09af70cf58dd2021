using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Ancso.Ml.Samples.Tests;

/// <summary>
/// Signed JWTs for the WebApi sample, as an identity provider would issue them: HS256 with the key, issuer and audience
/// that <see cref="WebApiFactory"/> configures under <c>Authentication:Schemes:Bearer</c>, or with one of them wrong.
/// </summary>
internal static class TestTokens
{
    public const string Issuer = "https://login.ancso.test";
    public const string Audience = "ancso-webapi-tests";

    /// <summary>The signing key the sample trusts in the tests.</summary>
    public static readonly byte[] SigningKey = SHA256.HashData("ancso samples tests signing key"u8);

    /// <summary>A key the sample does not trust.</summary>
    public static readonly byte[] OtherKey = SHA256.HashData("somebody else's signing key"u8);

    /// <summary>Creates a token for <paramref name="subject"/> (its <c>sub</c>; none when <see langword="null"/>), valid for 30 minutes unless told otherwise.</summary>
    public static string Create(
        string? subject, string audience = Audience, string issuer = Issuer, byte[]? key = null, bool expired = false)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object> { ["name"] = "Test User" };
        if (subject is not null)
        {
            claims[JwtRegisteredClaimNames.Sub] = subject;
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,

            // An expired token ended an hour ago, well past the validator's five minutes of clock skew.
            IssuedAt = expired ? now.AddHours(-2) : now,
            NotBefore = expired ? now.AddHours(-2) : now.AddMinutes(-1),
            Expires = expired ? now.AddHours(-1) : now.AddMinutes(30),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key ?? SigningKey), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>A POST of <paramref name="body"/> as JSON with <c>Authorization: Bearer</c> <paramref name="token"/> (none when <see langword="null"/>).</summary>
    public static HttpRequestMessage Post(string path, object body, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = System.Net.Http.Json.JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }
}
