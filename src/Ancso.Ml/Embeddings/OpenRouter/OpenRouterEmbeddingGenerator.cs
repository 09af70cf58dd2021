using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ancso.Ml.Embeddings.OpenRouter;

/// <summary>
/// Embeddings from OpenRouter or any OpenAI-compatible <c>/embeddings</c> endpoint, over an <see cref="HttpClient"/> from
/// <see cref="IHttpClientFactory"/>: batching, retries with backoff and jitter on 429, 5xx, timeouts and network
/// failures (honouring <c>Retry-After</c>), a timeout per request, and either encoding of the answer. Empty texts give
/// the zero vector without a request. Thread-safe. <c>UseOpenRouterEmbeddings</c> registers it; a host composing its own
/// Microsoft.Extensions.AI pipeline (<c>services.AddEmbeddingGenerator(sp =&gt; new OpenRouterEmbeddingGenerator(...))</c>)
/// may create it directly.
/// </summary>
public sealed class OpenRouterEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly OpenRouterEmbeddingOptions _options;
    private readonly string _apiKey;
    private readonly Uri _endpoint;
    private readonly string _endpointText;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Random _random;
    private readonly OpenRouterFailures _failures;
    private readonly EmbeddingGeneratorMetadata _metadata;

    /// <summary>Creates a generator, checking <paramref name="options"/> as <c>UseOpenRouterEmbeddings</c> does at start.</summary>
    /// <param name="httpClientFactory">Gives the client named <see cref="OpenRouterEmbeddingOptions.HttpClientName"/>.</param>
    /// <param name="options">The options, with the API key set (the environment variable is not read here).</param>
    /// <param name="timeProvider">The clock for timeouts, retry delays and <c>Retry-After</c> dates; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="logger">The logger; none when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message names each option and what to set, never the key.</exception>
    public OpenRouterEmbeddingGenerator(
        IHttpClientFactory httpClientFactory, OpenRouterEmbeddingOptions options, TimeProvider? timeProvider = null, ILogger<OpenRouterEmbeddingGenerator>? logger = null)
        : this(httpClientFactory, Checked(options), timeProvider ?? TimeProvider.System, logger ?? NullLogger<OpenRouterEmbeddingGenerator>.Instance, random: null)
    {
    }

    /// <summary>Creates a generator from options validated at start (by <c>UseOpenRouterEmbeddings</c>), or by a test.</summary>
    /// <param name="httpClientFactory">Gives the client named <see cref="OpenRouterEmbeddingOptions.HttpClientName"/>.</param>
    /// <param name="options">Validated options with the API key resolved.</param>
    /// <param name="timeProvider">The clock for timeouts, retry delays and <c>Retry-After</c> dates.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="random">The source of retry jitter; <see cref="Random.Shared"/> when <see langword="null"/>.</param>
    internal OpenRouterEmbeddingGenerator(
        IHttpClientFactory httpClientFactory, OpenRouterEmbeddingOptions options, TimeProvider timeProvider, ILogger<OpenRouterEmbeddingGenerator> logger, Random? random)
    {
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            throw new ArgumentException($"No OpenRouter API key. Set the {OpenRouterEmbeddingOptions.ApiKeyEnvironmentVariable} environment variable, or OpenRouterEmbeddingOptions.ApiKey.", nameof(options));
        }

        _httpClientFactory = httpClientFactory;
        _options = options;
        _apiKey = options.ApiKey;
        var baseText = options.BaseAddress.AbsoluteUri;
        _endpoint = new Uri(new Uri(baseText.EndsWith('/') ? baseText : baseText + "/"), "embeddings");
        _endpointText = _endpoint.AbsoluteUri;
        _timeProvider = timeProvider;
        _logger = logger;
        _random = random ?? Random.Shared;
        _failures = new OpenRouterFailures(_endpointText, options.Model, options.Dimensions, _apiKey);
        _metadata = new EmbeddingGeneratorMetadata(options.ProviderName, options.BaseAddress, options.Model, options.Dimensions);
    }

    private static OpenRouterEmbeddingOptions Checked(OpenRouterEmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var result in new[] { new OpenRouterEmbeddingOptionsValidator().Validate(null, options), new OpenRouterEmbeddingOptionsChecks().Validate(null, options) })
        {
            if (result.Failed)
            {
                failures.AddRange(result.Failures);
            }
        }

        return failures.Count == 0 ? options : throw new ArgumentException(string.Join(" ", failures), nameof(options));
    }

    /// <inheritdoc/>
    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        CheckRequestOptions(options);
        var texts = values as IReadOnlyList<string> ?? [.. values];
        var vectors = new float[texts.Count][];
        var pending = new List<int>(texts.Count);
        for (var i = 0; i < texts.Count; i++)
        {
            if (string.IsNullOrEmpty(texts[i]))
            {
                vectors[i] = new float[_options.Dimensions];
            }
            else
            {
                pending.Add(i);
            }
        }

        UsageDetails? usage = null;
        for (var start = 0; start < pending.Count; start += _options.BatchSize)
        {
            var batch = pending.GetRange(start, Math.Min(_options.BatchSize, pending.Count - start));
            var batchTexts = batch.ConvertAll(i => texts[i]);
            var (batchVectors, batchUsage) = await SendWithRetriesAsync(batchTexts, cancellationToken).ConfigureAwait(false);
            for (var j = 0; j < batch.Count; j++)
            {
                vectors[batch[j]] = batchVectors[j];
            }

            usage = Add(usage, batchUsage);
        }

        var createdAt = _timeProvider.GetUtcNow();
        var result = new GeneratedEmbeddings<Embedding<float>>(vectors.Length) { Usage = usage };
        foreach (var vector in vectors)
        {
            result.Add(new Embedding<float>(vector) { ModelId = _options.Model, CreatedAt = createdAt });
        }

        return result;
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        EmbeddingGeneratorServices.Get(this, _metadata, serviceType, serviceKey);

    /// <inheritdoc/>
    public void Dispose()
    {
        // The HttpClient instances belong to the factory.
    }

    private static UsageDetails? Add(UsageDetails? total, UsageDetails? more)
    {
        if (more is null)
        {
            return total;
        }

        if (total is null)
        {
            return more;
        }

        total.Add(more);
        return total;
    }

    private void CheckRequestOptions(EmbeddingGenerationOptions? options)
    {
        if (options?.Dimensions is { } dimensions && dimensions != _options.Dimensions)
        {
            throw new ArgumentException($"This generator is configured for {_options.Dimensions} dimensions; {dimensions} were requested. Configure OpenRouterEmbeddingOptions.Dimensions instead.", nameof(options));
        }

        if (!string.IsNullOrEmpty(options?.ModelId) && !string.Equals(options.ModelId, _options.Model, StringComparison.Ordinal))
        {
            throw new ArgumentException($"This generator is configured for model '{_options.Model}'; '{options.ModelId}' was requested. Configure OpenRouterEmbeddingOptions.Model instead.", nameof(options));
        }
    }

    private async Task<(float[][] Vectors, UsageDetails? Usage)> SendWithRetriesAsync(List<string> texts, CancellationToken cancellationToken)
    {
        var body = OpenRouterEmbeddingRequest.Serialize(_options.Model, texts, _options.SendDimensions ? _options.Dimensions : null, _options.EncodingFormat);
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            OpenRouterLog.Requesting(_logger, texts.Count, _endpointText, _options.Model, attempt);
            var started = _timeProvider.GetTimestamp();
            var outcome = await SendOnceAsync(body, texts.Count, cancellationToken).ConfigureAwait(false);
            if (outcome.Vectors is { } vectors)
            {
                var elapsed = _timeProvider.GetElapsedTime(started);
                OpenRouterLog.Received(_logger, vectors.Length, _options.Dimensions, _endpointText, elapsed.TotalMilliseconds);
                return (vectors, outcome.Usage);
            }

            var failure = outcome.Failure!;
            var retry = attempt - 1;
            if (!outcome.Transient || retry >= _options.MaxRetries)
            {
                throw GiveUp(failure, attempt);
            }

            var delay = OpenRouterRetryDelay.Compute(retry, outcome.RetryAfter, _options.RetryBaseDelay, _options.MaxRetryDelay, NextJitter());
            if (delay > _options.MaxRetryDelay)
            {
                throw GiveUp(OpenRouterFailures.ForRetryAfterTooLong(failure, delay, _options.MaxRetryDelay), attempt);
            }

            OpenRouterLog.Retrying(_logger, _endpointText, failure.Kind, (int?)failure.StatusCode, retry + 1, _options.MaxRetries, delay.TotalMilliseconds);
            await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<Outcome> SendOnceAsync(byte[] body, int count, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.Timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint);
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = JsonMediaType;
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            var client = _httpClientFactory.CreateClient(OpenRouterEmbeddingOptions.HttpClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var text = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                var failure = _failures.ForStatus(status, OpenRouterEmbeddingResponse.ReadErrorMessage(text));
                return Outcome.Failed(failure, OpenRouterFailures.IsTransient(status), OpenRouterRetryDelay.ReadRetryAfter(response, _timeProvider.GetUtcNow()));
            }

            var stream = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                using var document = await JsonDocument.ParseAsync(stream, default, linked.Token).ConfigureAwait(false);
                var root = document.RootElement;
                if (OpenRouterEmbeddingResponse.TryReadError(root, out var code, out var message))
                {
                    var status = code is >= 400 and <= 599 ? code.Value : 500;
                    return Outcome.Failed(_failures.ForStatus(status, message), OpenRouterFailures.IsTransient(status), retryAfter: null);
                }

                var vectors = OpenRouterEmbeddingResponse.ReadVectors(root, count, _options.Dimensions, out var usage);
                return new Outcome(vectors, usage, null, false, null);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Outcome.Failed(_failures.ForTimeout(_options.Timeout), transient: true, retryAfter: null);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return Outcome.Failed(_failures.ForUnreachable(ex), transient: true, retryAfter: null);
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            return Outcome.Failed(_failures.ForInvalidResponse(ex), transient: false, retryAfter: null);
        }
    }

    private EmbeddingServiceException GiveUp(EmbeddingServiceException failure, int attempts)
    {
        OpenRouterLog.Failed(_logger, _endpointText, failure.Kind, (int?)failure.StatusCode, attempts);
        return OpenRouterFailures.AfterAttempts(failure, attempts);
    }

    private double NextJitter()
    {
        if (ReferenceEquals(_random, Random.Shared))
        {
            return _random.NextDouble();
        }

        lock (_random)
        {
            return _random.NextDouble();
        }
    }

    private sealed record Outcome(float[][]? Vectors, UsageDetails? Usage, EmbeddingServiceException? Failure, bool Transient, TimeSpan? RetryAfter)
    {
        public static Outcome Failed(EmbeddingServiceException failure, bool transient, TimeSpan? retryAfter) => new(null, null, failure, transient, retryAfter);
    }
}
