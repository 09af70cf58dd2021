using System.Security.Claims;
using Ancso.Ml.Models;
using Ancso.Ml.Pairs.Erasure;
using Ancso.Ml.Pairs.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ancso.Ml.Samples.WebApi;

/// <summary>
/// <c>DELETE /me/data</c>: the authenticated user erases everything this API recorded for them, through
/// <see cref="IPairEraser"/> (see <c>docs/erasure.md</c>). The person is the token's user and nobody else: the request has
/// no body and no parameter that could name another. It takes the same policy as <c>POST /choices</c> (401 and 403
/// with problem details) and a rate limit of its own. Idempotent: a second call erases nothing and answers zero counts.
/// Nothing personal is logged: the library's audit line (event 4000) gives counts only.
/// </summary>
internal static partial class MyDataEndpoints
{
    /// <summary>The detail of a response whose erased choices the active model learned from.</summary>
    public const string ModelReplacementDetail =
        "The model in use learned from the erased choices. The retraining worker replaces it with one trained without them at its next check, " +
        "and deletes the stored versions that learned from them.";

    public static IEndpointRouteBuilder MapMyDataEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapDelete("/me/data", EraseMyDataAsync)
            .WithName("EraseMyData")
            .WithSummary("Erases everything recorded for the authenticated user: their choices, and the texts, cached embeddings and exported datasets that held them.")
            .WithDescription(
                "Texts and embeddings another user's choices still use stay. The response counts what went and says whether the model in use learned " +
                "from it (the retraining worker then replaces it). A second call erases nothing and answers zero counts.")
            .RequireAuthorization(RaterIdentity.PolicyName)
            .RequireRateLimiting(UserRateLimits.Erasures)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    /// <summary>
    /// Erases the user's data. The request's abort token is not passed on: a client that hangs up has still asked for the
    /// erasure, and it runs to its end (the store's part is one transaction either way).
    /// </summary>
    private static async Task<Results<Ok<ErasureResponse>, ProblemHttpResult>> EraseMyDataAsync(
        ClaimsPrincipal user, IPairEraser eraser, ILoggerFactory loggers)
    {
        if (!RaterIdentity.TryGetRaterId(user, out var raterId))
        {
            return TypedResults.Problem(title: "Nothing was erased.", detail: "The token names no usable user id.", statusCode: StatusCodes.Status403Forbidden);
        }

        try
        {
            var result = await eraser.EraseAsync(new ErasureRequest { RaterId = raterId }, CancellationToken.None);
            return TypedResults.Ok(new ErasureResponse(
                result.Store.Pairs,
                result.Store.Items,
                result.Store.Embeddings,
                result.DatasetFilesDeleted.Count,
                result.ActiveModelTrainedOnErasedData,
                result.ActiveModelTrainedOnErasedData ? ModelReplacementDetail : null));
        }
        catch (Exception ex) when (ex is PairStoreException or IOException or UnauthorizedAccessException or ModelRegistryException)
        {
            // The store could not be used (nothing was erased), or a dataset or the model registry could not be reached
            // after the store's part: a second call finishes either. The messages name no user, text or id.
            LogErasureFailed(loggers.CreateLogger(typeof(MyDataEndpoints).FullName!), ex);
            return TypedResults.Problem(
                title: "Your data could not be fully erased just now.",
                detail: "Call DELETE /me/data again in a while: it finishes what this call left.",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    [LoggerMessage(EventId = 110, Level = LogLevel.Warning, Message = "A DELETE /me/data erasure did not finish; the user was asked to call again, which finishes it.")]
    private static partial void LogErasureFailed(ILogger logger, Exception exception);
}
