using System.Security.Claims;
using Ancso.Ml.Content;
using Ancso.Ml.Inference;
using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Pairs.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ancso.Ml.Samples.WebApi;

/// <summary>
/// The API: score, compare, record a user's choice, and the ranker's status. Only recording a choice needs a user (a
/// bearer token) and is rate-limited per user; the rest is open. Requests reach these handlers validated
/// (<c>AddValidation()</c> and the attributes on the request records); an invalid one gets 400 with problem details
/// naming each bad field.
/// </summary>
internal static class RankerEndpoints
{
    public static IEndpointRouteBuilder MapRankerEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/score", ScoreAsync)
            .WithName("Score").WithSummary("Scores one text of a platform's section.")
            .ProducesValidationProblem();
        app.MapPost("/compare", CompareAsync)
            .WithName("Compare").WithSummary("Says which of two texts of the same section is better, and how sure it is.")
            .ProducesValidationProblem();
        app.MapPost("/choices", RecordChoiceAsync)
            .WithName("RecordChoice").WithSummary("Records the variant the authenticated user picked as a user_choice training pair.")
            .RequireAuthorization(RaterIdentity.PolicyName)
            .RequireRateLimiting(UserRateLimits.Choices)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        app.MapGet("/ranker/status", StatusAsync)
            .WithName("RankerStatus").WithSummary("Which model scores, or why the heuristic does.");
        return app;
    }

    private static async Task<Ok<ScoreResponse>> ScoreAsync(ScoreRequest request, IRankerInferenceService ranker, CancellationToken cancellationToken)
    {
        var item = new ContentItem(request.Id ?? "item", request.Platform!, request.Section!, request.Text!);
        var score = await ranker.ScoreItemAsync(item, cancellationToken);
        return TypedResults.Ok(new ScoreResponse(score.ItemId, score.Score, score.Metrics, ProvenanceResponse.From(score.Provenance)));
    }

    private static async Task<Ok<CompareResponse>> CompareAsync(CompareRequest request, IRankerInferenceService ranker, CancellationToken cancellationToken)
    {
        var result = await ranker.CompareAsync(
            new ContentItem("a", request.Platform!, request.Section!, request.A!),
            new ContentItem("b", request.Platform!, request.Section!, request.B!),
            cancellationToken);
        return TypedResults.Ok(CompareResponse.From(result));
    }

    /// <summary>
    /// Stores the choice as a <c>user_choice</c> pair; the next retraining learns from it. The rater is the authenticated
    /// user (the <c>rater</c> policy let only a user with a usable id through), never anything in the body; the store
    /// keeps only the user's keyed pseudonym. The comparison the user saw is made again here (microseconds, and nothing a
    /// client sends can forge it), so when the user chose the text it preferred, its reasons are stored with the choice.
    /// </summary>
    private static async Task<Results<Ok<ChoiceResponse>, ProblemHttpResult>> RecordChoiceAsync(
        ChoiceRequest request, ClaimsPrincipal user, ITrainingSignalRecorder recorder, IRankerInferenceService ranker, CancellationToken cancellationToken)
    {
        if (!RaterIdentity.TryGetRaterId(user, out var raterId))
        {
            return TypedResults.Problem(title: "The choice was not recorded.", detail: "The token names no usable user id.", statusCode: StatusCodes.Status403Forbidden);
        }

        var chosen = string.Equals(request.Better, "a", StringComparison.OrdinalIgnoreCase) ? PairSide.A : PairSide.B;
        var comparison = await ranker.CompareAsync(
            new ContentItem("a", request.Platform!, request.Section!, request.A!),
            new ContentItem("b", request.Platform!, request.Section!, request.B!),
            cancellationToken);
        var choice = new UserChoice(request.Platform!, request.Section!, request.A!, request.B!, chosen)
        {
            ReasonTags = request.ReasonTags ?? [],
            Comparison = comparison,
            Note = request.Note,
            RaterId = raterId,
        };
        try
        {
            var recorded = await recorder.RecordUserChoiceAsync(choice, cancellationToken);
            return TypedResults.Ok(new ChoiceResponse(
                recorded.PairId, recorded.ItemAId, recorded.ItemBId, recorded.Better.ToString().ToLowerInvariant(), recorded.Source, recorded.IsNew));
        }
        catch (ArgumentException ex)
        {
            // The recorder names what is wrong (identical texts, a bad tag, ...) and stores nothing.
            return TypedResults.Problem(title: "The choice was not recorded.", detail: ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }
    }

    private static async Task<Ok<StatusResponse>> StatusAsync(IRankerInferenceService ranker, CancellationToken cancellationToken)
    {
        var status = await ranker.GetStatusAsync(cancellationToken);
        var model = status.ActiveModel is { } m ? new ActiveModelResponse(m.Version, m.CreatedAt, m.ValidationAccuracy, m.TrainPairs) : null;
        return TypedResults.Ok(new StatusResponse(
            ProvenanceResponse.From(status.Provenance),
            status.RuntimeLoaded,
            model,
            status.ActivationFailure is { } failure ? ProvenanceResponse.From(failure) : null,
            status.RegistryProblem is null));
    }
}
