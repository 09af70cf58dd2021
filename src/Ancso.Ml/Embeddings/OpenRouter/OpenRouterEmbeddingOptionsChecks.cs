namespace Ancso.Ml.Embeddings.OpenRouter;

/// <summary>
/// Validates what data annotations cannot express: the API key (after the environment fallback), the base address and
/// the time spans. Messages say what to fix and never contain the key.
/// </summary>
internal sealed class OpenRouterEmbeddingOptionsChecks : IValidateOptions<OpenRouterEmbeddingOptions>
{
    private const string Prefix = nameof(OpenRouterEmbeddingOptions) + ".";
    private static readonly TimeSpan Longest = TimeSpan.FromHours(1);

    public ValidateOptionsResult Validate(string? name, OpenRouterEmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            failures.Add($"No OpenRouter API key. Set the {OpenRouterEmbeddingOptions.ApiKeyEnvironmentVariable} environment variable, or {Prefix}{nameof(OpenRouterEmbeddingOptions.ApiKey)}.");
        }
        else if (options.ApiKey.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            failures.Add($"The API key contains spaces, line breaks or control characters. Copy it again into {OpenRouterEmbeddingOptions.ApiKeyEnvironmentVariable} or {Prefix}{nameof(OpenRouterEmbeddingOptions.ApiKey)}, without them.");
        }

        if (options.BaseAddress is { } address
            && (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttps && address.Scheme != Uri.UriSchemeHttp) || !string.IsNullOrEmpty(address.Query) || !string.IsNullOrEmpty(address.UserInfo)))
        {
            failures.Add($"{Prefix}{nameof(OpenRouterEmbeddingOptions.BaseAddress)} must be an absolute http or https address without user information or query, such as https://openrouter.ai/api/v1/.");
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > Longest)
        {
            failures.Add($"{Prefix}{nameof(OpenRouterEmbeddingOptions.Timeout)} must be positive and at most {Longest}; it is {options.Timeout}.");
        }

        if (options.RetryBaseDelay < TimeSpan.Zero)
        {
            failures.Add($"{Prefix}{nameof(OpenRouterEmbeddingOptions.RetryBaseDelay)} must not be negative; it is {options.RetryBaseDelay}.");
        }

        if (options.MaxRetryDelay < options.RetryBaseDelay || options.MaxRetryDelay > Longest)
        {
            failures.Add($"{Prefix}{nameof(OpenRouterEmbeddingOptions.MaxRetryDelay)} ({options.MaxRetryDelay}) must be at least {Prefix}{nameof(OpenRouterEmbeddingOptions.RetryBaseDelay)} ({options.RetryBaseDelay}) and at most {Longest}.");
        }

        if (!Enum.IsDefined(options.EncodingFormat))
        {
            failures.Add($"{Prefix}{nameof(OpenRouterEmbeddingOptions.EncodingFormat)} must be FloatArray or Base64; it is {(int)options.EncodingFormat}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
