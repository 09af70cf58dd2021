using System.Text.Json;
using Ancso.Ml.Inference;
using Ancso.Ml.Metrics;

namespace Ancso.Ml.Samples.WebApi;

/// <summary>
/// Where a score came from: <c>model</c> with its version, or <c>heuristic</c> with the reason in snake case
/// (<c>no_model</c>, <c>model_corrupt</c>, …), as the CLI, the health check and the metrics name it.
/// </summary>
public sealed record ProvenanceResponse(string Kind, string? ModelVersion, string? Reason, string? Detail)
{
    public static ProvenanceResponse From(ScoreProvenance provenance) => new(
        provenance.Name,
        provenance.ModelVersion,
        provenance.Kind == ProvenanceKind.Heuristic ? provenance.ReasonName : null,
        provenance.Detail);
}

public sealed record ScoreResponse(string ItemId, float Score, ContentMetrics Metrics, ProvenanceResponse Provenance);

/// <summary>
/// <c>POST /compare</c>: both scores, the preference, the confidence, why the preferred text wins (<c>reasons</c>, strongest
/// first, each <c>{tag, strength}</c>; empty for a tie) and where the reasons came from (<c>model</c>,
/// <c>metric_differences</c> with heuristic scores, or <c>none</c>).
/// </summary>
public sealed record CompareResponse(float AScore, float BScore, string Preference, double Confidence, IReadOnlyList<ReasonResponse> Reasons, string ReasonSource, ProvenanceResponse Provenance)
{
    public static CompareResponse From(ComparisonResult result) => new(
        result.AScore,
        result.BScore,
        result.Preference.ToString().ToLowerInvariant(),
        result.Confidence,
        [.. result.Reasons.Select(r => new ReasonResponse(r.Tag, r.Strength))],
        JsonNamingPolicy.SnakeCaseLower.ConvertName(result.ReasonSource.ToString()),
        ProvenanceResponse.From(result.Provenance));
}

/// <summary>One reason of a comparison: a tag of the reason vocabulary and its strength in [0, 1].</summary>
public sealed record ReasonResponse(string Tag, double Strength);

public sealed record ChoiceResponse(string PairId, string ItemAId, string ItemBId, string Better, string Source, bool IsNew);

public sealed record ActiveModelResponse(string Version, DateTimeOffset CreatedAt, double? ValidationAccuracy, int? TrainPairs);

/// <summary>
/// <c>GET /ranker/status</c>. It leaves out <see cref="RankerStatus.ModelsDirectory"/>: a server's absolute paths are not for
/// anonymous clients (provenance details name files only within the models folder; the log has the full paths).
/// <c>RegistryReachable</c> is false while a model registry in PostgreSQL cannot be reached and the instance serves its
/// local copy of the model; the reason, which names the database server, stays in the log.
/// </summary>
public sealed record StatusResponse(ProvenanceResponse Provenance, bool RuntimeLoaded, ActiveModelResponse? ActiveModel, ProvenanceResponse? ActivationFailure, bool RegistryReachable = true);

/// <summary>
/// <c>DELETE /me/data</c>: what was erased for the user (zero counts when nothing was left), and whether the model in use
/// learned from it; <see cref="Detail"/> then says that the retraining worker replaces it.
/// </summary>
/// <param name="Pairs">The user's choices erased.</param>
/// <param name="Items">The texts erased: those of the user's choices that no other user's choice uses.</param>
/// <param name="Embeddings">The cached embeddings of those texts.</param>
/// <param name="DatasetFilesDeleted">The files of the exported dataset in the data folder that held the choices (the dataset and its metadata).</param>
/// <param name="ActiveModelTrainedOnErasedData">Whether the model in use learned from erased choices (this user's, or an earlier erasure's).</param>
/// <param name="Detail">What happens to that model, or <see langword="null"/>.</param>
public sealed record ErasureResponse(int Pairs, int Items, int Embeddings, int DatasetFilesDeleted, bool ActiveModelTrainedOnErasedData, string? Detail);
