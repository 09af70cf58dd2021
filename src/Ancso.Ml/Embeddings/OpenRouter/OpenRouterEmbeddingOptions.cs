using System.ComponentModel.DataAnnotations;

namespace Ancso.Ml.Embeddings.OpenRouter;

/// <summary>
/// Options of the OpenRouter embedding generator, which also speaks to any OpenAI-compatible <c>/embeddings</c> endpoint.
/// Validated at start; the API key falls back to the <c>OPENROUTER_API_KEY</c> environment variable.
/// </summary>
public sealed class OpenRouterEmbeddingOptions
{
    /// <summary>The configuration section these options bind from: <c>Ranker:OpenRouter</c>.</summary>
    public const string SectionName = "Ranker:OpenRouter";

    /// <summary>The environment variable read when <see cref="ApiKey"/> is not set: <c>OPENROUTER_API_KEY</c>.</summary>
    public const string ApiKeyEnvironmentVariable = "OPENROUTER_API_KEY";

    /// <summary>The name of the <see cref="HttpClient"/> the generator takes from <c>IHttpClientFactory</c>, for hosts that add handlers (a proxy, say).</summary>
    public const string HttpClientName = "Ancso.Ml.OpenRouter";

    /// <summary>The default model: <c>openai/text-embedding-3-small</c>.</summary>
    public const string DefaultModel = "openai/text-embedding-3-small";

    /// <summary>
    /// Gets or sets the API key, sent as a bearer token. Never logged, never put in an exception message. Prefer the
    /// environment variable or a secret store over a configuration file.
    /// </summary>
    /// <value>Default: <see langword="null"/>, meaning the value of <c>OPENROUTER_API_KEY</c>.</value>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the embedding model, as the service names it.</summary>
    /// <value>Default: <c>openai/text-embedding-3-small</c>.</value>
    [Required(AllowEmptyStrings = false)]
    public string Model { get; set; } = DefaultModel;

    /// <summary>
    /// Gets or sets the dimension of the vectors. It is sent as the request's <c>dimensions</c> (unless
    /// <see cref="SendDimensions"/> is off) and every vector received is checked against it.
    /// </summary>
    /// <value>Default: 1536.</value>
    [Range(1, 65536)]
    public int Dimensions { get; set; } = 1536;

    /// <summary>Gets or sets whether requests carry the <c>dimensions</c> field. Turn it off for models or services that reject it.</summary>
    /// <value>Default: <see langword="true"/>.</value>
    public bool SendDimensions { get; set; } = true;

    /// <summary>Gets or sets the base address of the API; requests go to <c>{BaseAddress}embeddings</c>.</summary>
    /// <value>Default: <c>https://openrouter.ai/api/v1/</c>.</value>
    [Required]
    public Uri BaseAddress { get; set; } = new("https://openrouter.ai/api/v1/");

    /// <summary>
    /// Gets or sets the provider name recorded in the generator's metadata, and so in its id
    /// (<c>{ProviderName}:{Model}</c>) and in every model trained on its vectors. Change it when pointing
    /// <see cref="BaseAddress"/> at another service, so vectors from different services are never mixed.
    /// </summary>
    /// <value>Default: <c>openrouter</c>.</value>
    [Required(AllowEmptyStrings = false)]
    public string ProviderName { get; set; } = "openrouter";

    /// <summary>Gets or sets the largest number of texts sent in one request.</summary>
    /// <value>Default: 100.</value>
    [Range(1, 2048)]
    public int BatchSize { get; set; } = 100;

    /// <summary>Gets or sets how many times a request is retried after a rate limit (429), a server error (5xx), a timeout or a network failure.</summary>
    /// <value>Default: 4.</value>
    [Range(0, 20)]
    public int MaxRetries { get; set; } = 4;

    /// <summary>Gets or sets how long one request (sending, waiting and reading the answer) may take before it counts as timed out.</summary>
    /// <value>Default: 30 seconds.</value>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets the first retry delay; each further retry doubles it, with random jitter of up to half. A
    /// <c>Retry-After</c> header from the service takes precedence.
    /// </summary>
    /// <value>Default: 1 second.</value>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Gets or sets the longest wait between attempts. Backoff delays are capped at it; when the service's
    /// <c>Retry-After</c> asks for longer, the generator gives up at once rather than wait.
    /// </summary>
    /// <value>Default: 60 seconds.</value>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Gets or sets the <c>encoding_format</c> requested. Either answer is accepted whatever was asked, since some
    /// compatible services ignore the field.
    /// </summary>
    /// <value>Default: <see cref="EmbeddingEncodingFormat.FloatArray"/>, which every compatible service understands.</value>
    public EmbeddingEncodingFormat EncodingFormat { get; set; } = EmbeddingEncodingFormat.FloatArray;
}
