using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ancso.Ml.Samples.WebApi;

/// <summary>
/// <c>GET /health</c> as JSON: the overall status (Healthy while a model scores, Degraded, still HTTP 200, while the
/// heuristic does) and the ranker check's data. The check's data and description name no server path; an exception's
/// message is left out, since it may (the log has it).
/// </summary>
internal static class HealthResponse
{
    public static HealthCheckOptions Options { get; } = new() { ResponseWriter = WriteAsync };

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        report.Entries.TryGetValue(RankerHealthChecks.DefaultName, out var ranker);
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            provenance = Data(ranker, RankerHealthChecks.ProvenanceKey),
            modelVersion = Data(ranker, RankerHealthChecks.ModelVersionKey),
            reason = Data(ranker, RankerHealthChecks.ReasonKey),
            embeddingGenerator = Data(ranker, RankerHealthChecks.EmbeddingGeneratorKey),
            registryProblem = Data(ranker, RankerHealthChecks.RegistryProblemKey),
            description = ranker.Exception is null ? ranker.Description : "The ranker's check failed; the log has the cause.",
        }, cancellationToken: context.RequestAborted);
    }

    private static string? Data(HealthReportEntry entry, string key) =>
        entry.Data is not null && entry.Data.TryGetValue(key, out var value) && value is string { Length: > 0 } text ? text : null;
}
