using Ancso.Ml.Embeddings.OpenRouter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers OpenRouter (or any OpenAI-compatible service) as the ranker's embedding generator.</summary>
public static class OpenRouterRankerBuilderExtensions
{
    /// <summary>
    /// Registers the OpenRouter embedding generator with default options (<c>openai/text-embedding-3-small</c>, 1536
    /// dimensions, the key from <c>OPENROUTER_API_KEY</c>), replacing the offline default. When <c>AddRanker(configuration)</c>
    /// was given the <c>Ranker</c> section, the options are bound from its <c>OpenRouter</c> subsection
    /// (<see cref="OpenRouterEmbeddingOptions.SectionName"/>, <c>Ranker:OpenRouter</c>).
    /// </summary>
    /// <param name="builder">The ranker's builder.</param>
    /// <returns>The builder.</returns>
    public static IRankerBuilder UseOpenRouterEmbeddings(this IRankerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddComponentOptions<OpenRouterEmbeddingOptions>(OpenRouterEmbeddingOptions.SectionName);
        return builder.AddOpenRouterCore();
    }

    /// <summary>Registers the OpenRouter embedding generator, configuring its options with <paramref name="configure"/>.</summary>
    /// <param name="builder">The ranker's builder.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The builder.</returns>
    public static IRankerBuilder UseOpenRouterEmbeddings(this IRankerBuilder builder, Action<OpenRouterEmbeddingOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<OpenRouterEmbeddingOptions>().Configure(configure).ValidateOnStart();
        return builder.AddOpenRouterCore();
    }

    /// <summary>
    /// Registers the OpenRouter embedding generator, binding its options from <paramref name="configuration"/> (for
    /// example <c>configuration.GetSection(OpenRouterEmbeddingOptions.SectionName)</c>, <c>Ranker:OpenRouter</c>).
    /// </summary>
    /// <param name="builder">The ranker's builder.</param>
    /// <param name="configuration">The configuration section.</param>
    /// <returns>The builder.</returns>
    public static IRankerBuilder UseOpenRouterEmbeddings(this IRankerBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.Services.AddOptions<OpenRouterEmbeddingOptions>().Bind(configuration).ValidateOnStart();
        return builder.AddOpenRouterCore();
    }

    private static IRankerBuilder AddOpenRouterCore(this IRankerBuilder builder)
    {
        var services = builder.Services;
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<OpenRouterEmbeddingOptions>>(
            new OpenRouterApiKeyFromEnvironment(Environment.GetEnvironmentVariable)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OpenRouterEmbeddingOptions>, OpenRouterEmbeddingOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OpenRouterEmbeddingOptions>, OpenRouterEmbeddingOptionsChecks>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(OpenRouterEmbeddingOptions.HttpClientName, static client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RedactLoggedHeaders(static _ => true);

        return builder.UseEmbeddingGenerator(static sp => new OpenRouterEmbeddingGenerator(
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<IOptions<OpenRouterEmbeddingOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<OpenRouterEmbeddingGenerator>>(),
            random: null));
    }
}
