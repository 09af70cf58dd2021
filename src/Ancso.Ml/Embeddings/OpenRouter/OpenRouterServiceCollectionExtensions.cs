using Ancso.Ml.Embeddings.OpenRouter;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers OpenRouter (or any OpenAI-compatible service) as the ranker's embedding generator.</summary>
public static class OpenRouterServiceCollectionExtensions
{
    /// <summary>
    /// Registers the OpenRouter embedding generator with default options (<c>openai/text-embedding-3-small</c>, 1536
    /// dimensions, the key from <c>OPENROUTER_API_KEY</c>). It replaces the offline default whether this is called before
    /// or after <c>AddRanker()</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddOpenRouterEmbeddings(this IServiceCollection services) => services.AddOpenRouterEmbeddings(static _ => { });

    /// <summary>Registers the OpenRouter embedding generator, configuring its options with <paramref name="configure"/>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddOpenRouterEmbeddings(this IServiceCollection services, Action<OpenRouterEmbeddingOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<OpenRouterEmbeddingOptions>().Configure(configure).ValidateOnStart();
        return services.AddOpenRouterCore();
    }

    /// <summary>
    /// Registers the OpenRouter embedding generator, binding its options from <paramref name="configuration"/> (for
    /// example the <c>OpenRouter</c> section).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration section.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddOpenRouterEmbeddings(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<OpenRouterEmbeddingOptions>().Bind(configuration).ValidateOnStart();
        return services.AddOpenRouterCore();
    }

    private static IServiceCollection AddOpenRouterCore(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<OpenRouterEmbeddingOptions>>(
            new OpenRouterApiKeyFromEnvironment(Environment.GetEnvironmentVariable)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OpenRouterEmbeddingOptions>, OpenRouterEmbeddingOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OpenRouterEmbeddingOptions>, OpenRouterEmbeddingOptionsChecks>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(OpenRouterEmbeddingOptions.HttpClientName, static client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RedactLoggedHeaders(static _ => true);

        // AddRanker() registers the offline generator with TryAdd; removing every registration first makes this one win
        // in either call order.
        services.RemoveAll<IEmbeddingGenerator<string, Embedding<float>>>();
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(static sp => new OpenRouterEmbeddingGenerator(
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<IOptions<OpenRouterEmbeddingOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<OpenRouterEmbeddingGenerator>>(),
            random: null));
        return services;
    }
}
