namespace Ancso.Ml.Embeddings.OpenRouter;

/// <summary>Fills <see cref="OpenRouterEmbeddingOptions.ApiKey"/> from <c>OPENROUTER_API_KEY</c> when it is not set, and trims it.</summary>
internal sealed class OpenRouterApiKeyFromEnvironment : IPostConfigureOptions<OpenRouterEmbeddingOptions>
{
    private readonly Func<string, string?> _getEnvironmentVariable;

    /// <summary>Creates the step.</summary>
    /// <param name="getEnvironmentVariable">Reads an environment variable; <see cref="Environment.GetEnvironmentVariable(string)"/> outside tests.</param>
    public OpenRouterApiKeyFromEnvironment(Func<string, string?> getEnvironmentVariable)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        _getEnvironmentVariable = getEnvironmentVariable;
    }

    public void PostConfigure(string? name, OpenRouterEmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var key = string.IsNullOrWhiteSpace(options.ApiKey)
            ? _getEnvironmentVariable(OpenRouterEmbeddingOptions.ApiKeyEnvironmentVariable)
            : options.ApiKey;
        options.ApiKey = string.IsNullOrWhiteSpace(key) ? null : key.Trim();
    }
}
