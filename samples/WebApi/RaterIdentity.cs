using System.Security.Claims;
using Ancso.Ml.Pairs.Signals;

namespace Ancso.Ml.Samples.WebApi;

/// <summary>
/// Who made a choice: the authenticated user, and nobody the request body names. The user's id is the token's
/// <c>sub</c> claim (ASP.NET Core maps it to <see cref="ClaimTypes.NameIdentifier"/>; with
/// <c>Authentication:Schemes:Bearer:MapInboundClaims</c> false it stays <c>sub</c>). A token whose id the pair store
/// cannot take as a rater id (missing, blank, over 256 characters, a control character) is refused with 403.
/// </summary>
internal static class RaterIdentity
{
    /// <summary>The authorization policy of <c>POST /choices</c> and <c>DELETE /me/data</c>: an authenticated user with a usable id.</summary>
    public const string PolicyName = "rater";

    /// <summary>Gets the user's id, or returns <see langword="false"/> when the principal has no usable one.</summary>
    public static bool TryGetRaterId(ClaimsPrincipal user, out string raterId)
    {
        raterId = "";
        if (user.Identity?.IsAuthenticated != true)
        {
            return false;
        }

        var id = (user.FindFirst(ClaimTypes.NameIdentifier) ?? user.FindFirst("sub"))?.Value;
        if (!RaterPseudonyms.IsValidRaterId(id))
        {
            return false;
        }

        raterId = id;
        return true;
    }
}
