using System.Text.Json;
using Ancso.Ml.Inference;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ancso.Ml.Samples.WebApi;

/// <summary>
/// <c>/health</c>: Healthy while a model scores, Degraded (still HTTP 200) while the heuristic does, with the provenance
/// and the reason in the response.
/// </summary>
internal sealed class RankerHealthCheck(IRankerInferenceService ranker) : IHealthCheck
{
    public static HealthCheckOptions Options { get; } = new() { ResponseWriter = WriteAsync };

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = await ranker.GetStatusAsync(cancellationToken);
        var provenance = status.Provenance;
        var data = new Dictionary<string, object>
        {
            ["provenance"] = provenance.Name,
            ["model_version"] = provenance.ModelVersion ?? "",
            ["reason"] = provenance.Kind == ProvenanceKind.Heuristic ? provenance.Reason.ToString() : "",
        };
        if (status.RegistryProblem is not null)
        {
            // Still scoring (from this instance's local copy of the model), but a newly activated model cannot arrive.
            return HealthCheckResult.Degraded($"Scoring with {provenance.Name} {provenance.ModelVersion}; the model registry cannot be reached.", data: data);
        }

        return provenance.Kind == ProvenanceKind.Model
            ? HealthCheckResult.Healthy($"Scoring with model {provenance.ModelVersion}.", data)
            : HealthCheckResult.Degraded($"Scoring with the heuristic: {provenance.Reason} ({provenance.Detail})", data: data);
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var ranker = report.Entries["ranker"];
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            provenance = ranker.Data["provenance"],
            modelVersion = ranker.Data["model_version"] is string { Length: > 0 } version ? version : null,
            reason = ranker.Data["reason"] is string { Length: > 0 } reason ? reason : null,
            description = ranker.Description,
        }, cancellationToken: context.RequestAborted);
    }
}
