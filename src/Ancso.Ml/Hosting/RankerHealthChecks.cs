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
        return services.AddHealthChecks().AddRankerCheck(name, failureStatus: null, tags);
    }

    /// <summary>
    /// Adds the ranker's check, named <paramref name="name"/>, to a health checks builder, beside the app's other checks:
    /// <c>services.AddHealthChecks().AddRankerCheck().AddDbContextCheck&lt;AppDb&gt;()</c>. It is Healthy while a model
    /// scores and Degraded while the heuristic does (with the reason) or while the model registry cannot be reached.
    /// The check reads the inference service's status, so the ranker must be registered (<c>AddRanker()</c>).
    /// <see cref="AddRankerHealthChecks"/> does the same in one call on the service collection.
    /// </summary>
    /// <param name="builder">The health checks builder, from <c>services.AddHealthChecks()</c>.</param>
    /// <param name="name">The check's name; default <see cref="DefaultName"/>.</param>
    /// <param name="failureStatus">
    /// The status reported when the check itself fails (it throws, for example when the ranker is not registered);
    /// <see langword="null"/> for the health check service's default, <see cref="HealthStatus.Unhealthy"/>. Scoring with
    /// the heuristic is not a failure of the check: it stays Degraded whatever this is.
    /// </param>
    /// <param name="tags">Tags for filtering checks, for example <c>ready</c>.</param>
    /// <returns>The health checks builder, to add more checks.</returns>
    public static IHealthChecksBuilder AddRankerCheck(
        this IHealthChecksBuilder builder, string name = DefaultName, HealthStatus? failureStatus = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return builder.AddCheck<RankerHealthCheck>(name, failureStatus, tags ?? []);
    }
}
