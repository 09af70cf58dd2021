using Ancso.Ml.Inference;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ancso.Ml.Hosting;

/// <summary>
/// Healthy while a model scores; Degraded while the heuristic does, with the reason, and while the model registry
/// cannot be reached (<see cref="RankerStatus.RegistryProblem"/>). The data carries the provenance,
/// the model's version, the fallback reason and the embedding generator's id, and no server paths.
/// </summary>
internal sealed class RankerHealthCheck(IRankerInferenceService ranker) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = await ranker.GetStatusAsync(cancellationToken).ConfigureAwait(false);
        var provenance = status.Provenance;
        var data = new Dictionary<string, object>
        {
            [RankerHealthChecks.ProvenanceKey] = provenance.Name,
            [RankerHealthChecks.ModelVersionKey] = provenance.ModelVersion ?? "",
            [RankerHealthChecks.ReasonKey] = provenance.ReasonName,
            [RankerHealthChecks.EmbeddingGeneratorKey] = status.FeatureLayout.EmbeddingGeneratorId,
        };
        if (status.RegistryProblem is { } problem)
        {
            // Scoring goes on (from the local copy, or the heuristic), but a model activated meanwhile does not arrive.
            data[RankerHealthChecks.RegistryProblemKey] = problem;
            return HealthCheckResult.Degraded(provenance.Kind == ProvenanceKind.Model
                ? $"Scoring with model {provenance.ModelVersion} from the local copy; the model registry cannot be reached."
                : $"Scoring with the heuristic ({provenance.ReasonName}); the model registry cannot be reached.", data: data);
        }

        return provenance.Kind == ProvenanceKind.Model
            ? HealthCheckResult.Healthy($"Scoring with model {provenance.ModelVersion}.", data)
            : HealthCheckResult.Degraded($"Scoring with the heuristic ({provenance.ReasonName}): {provenance.Detail}", data: data);
    }
}
