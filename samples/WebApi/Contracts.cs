using Ancso.Ml.Inference;
using Ancso.Ml.Metrics;

namespace Ancso.Ml.Samples.WebApi;

/// <summary><c>POST /score</c>: one text of a platform's section. <see cref="Id"/> is optional.</summary>
public sealed record ScoreRequest(string? Platform, string? Section, string? Text, string? Id = null);

/// <summary><c>POST /compare</c>: two texts of the same platform and section.</summary>
public sealed record CompareRequest(string? Platform, string? Section, string? A, string? B);

/// <summary><c>POST /choices</c>: the variant a user picked, <c>better</c> being <c>a</c> or <c>b</c>.</summary>
public sealed record ChoiceRequest(string? Platform, string? Section, string? A, string? B, string? Better, IReadOnlyList<string>? ReasonTags = null, string? Note = null);

/// <summary>Where a score came from: <c>model</c> with its version, or <c>heuristic</c> with the reason.</summary>
public sealed record ProvenanceResponse(string Kind, string? ModelVersion, string? Reason, string? Detail)
{
    public static ProvenanceResponse From(ScoreProvenance provenance) => new(
        provenance.Name,
        provenance.ModelVersion,
        provenance.Kind == ProvenanceKind.Heuristic ? provenance.Reason.ToString() : null,
        provenance.Detail);
}

public sealed record ScoreResponse(string ItemId, float Score, ContentMetrics Metrics, ProvenanceResponse Provenance);

public sealed record CompareResponse(float AScore, float BScore, string Preference, double Confidence, ProvenanceResponse Provenance);

public sealed record ChoiceResponse(string PairId, string ItemAId, string ItemBId, string Better, string Source, bool IsNew);

public sealed record ActiveModelResponse(string Version, DateTimeOffset CreatedAt, double? ValidationAccuracy, int? TrainPairs);

/// <summary>
/// <c>GET /ranker/status</c>. It leaves out <see cref="RankerStatus.ModelsDirectory"/>: a server's absolute paths are not for
/// anonymous clients (provenance details name files only within the models folder; the log has the full paths).
/// <c>RegistryReachable</c> is false while a model registry in PostgreSQL cannot be reached and the instance serves its
/// local copy of the model; the reason, which names the database server, stays in the log.
/// </summary>
public sealed record StatusResponse(ProvenanceResponse Provenance, bool RuntimeLoaded, ActiveModelResponse? ActiveModel, ProvenanceResponse? ActivationFailure, bool RegistryReachable = true);
