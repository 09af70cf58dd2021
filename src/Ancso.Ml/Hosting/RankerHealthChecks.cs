using Ancso.Ml.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the ranker's health check: Healthy on a model, Degraded on the heuristic with the reason, or while the model registry cannot be reached.</summary>
public static class RankerHealthChecks
{
    /// <summary>The check's default name: <c>ranker</c>.</summary>
    public const string DefaultName = "ranker";

    /// <summary>Data key: <c>model</c> or <c>heuristic</c>.</summary>
    public const string ProvenanceKey = "provenance";

    /// <summary>Data key: the active model's version, empty on the heuristic.</summary>
    public const string ModelVersionKey = "model_version";

    /// <summary>Data key: why the heuristic scores, in snake case (<c>no_model</c>, <c>model_corrupt</c>, …); <c>none</c> on a model.</summary>
    public const string ReasonKey = "reason";

    /// <summary>Data key: the embedding generator's id (for example <c>local:arctic-embed-xs</c>).</summary>
    public const string EmbeddingGeneratorKey = "embedding_generator";

    /// <summary>
    /// Data key, present only while the model registry cannot be reached (a registry in a shared database): why, while
    /// the instance serves its local copy of the active model. The check is Degraded then.
    /// </summary>
    public const string RegistryProblemKey = "registry_problem";

    /// <summary>
    /// Registers the health check service (<c>AddHealthChecks()</c>) with the ranker's check, named
    /// <paramref name="name"/>. Map it with <c>app.MapHealthChecks("/health")</c>. The check reads the inference
    /// service's status, so the ranker must be registered (<c>AddRanker()</c>).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The check's name; default <see cref="DefaultName"/>.</param>
    /// <param name="tags">Tags for filtering checks, for example <c>ready</c>.</param>
    /// <returns>The health checks builder, to add more checks.</returns>
    public static IHealthChecksBuilder AddRankerHealthChecks(this IServiceCollection services, string name = DefaultName, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return services.AddHealthChecks().AddCheck<RankerHealthCheck>(name, failureStatus: null, tags ?? []);
    }
}
