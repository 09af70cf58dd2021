using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Ancso.Ml.Embeddings;
using Ancso.Ml.Embeddings.OpenRouter;
using Microsoft.Extensions.AI;

namespace Ancso.Ml.Tests.Embeddings.OpenRouter;

public class OpenRouterEmbeddingGeneratorTests
{
    private const string Key = "sk-or-v1-0123456789abcdef-test-key";

    private EmbeddingTestServer _server = null!;
    private RetryTimeProvider _time = null!;
    private LogCapture _logs = null!;
    private TestHttpClientFactory _httpClients = null!;

    [SetUp]
    public void SetUp()
    {
        _server = EmbeddingTestServer.Start();
        _time = new RetryTimeProvider();
        _logs = new LogCapture();
        _httpClients = new TestHttpClientFactory();
    }

    [TearDown]
    public async Task TearDown()
    {
        var leaks = _logs.Entries.Where(e => e.ToString().Contains(Key, StringComparison.Ordinal)).ToList();
        await _server.DisposeAsync();
        _httpClients.Dispose();
        _logs.Dispose();
        Assert.That(leaks, Is.Empty, "the API key appeared in a log entry");
    }

    [Test]
    public async Task GenerateAsync_FloatEncoding_ReturnsTheServiceVectorsInInputOrder()
    {
        using var generator = Create();
        string[] texts = ["Senior backend engineer", "Open-source maintainer", "Инженер 🚀"];

        var result = await generator.GenerateAsync(texts);

        Assert.That(result, Has.Count.EqualTo(3));
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.That(result[i].Vector.ToArray(), Is.EqualTo(EmbeddingTestReply.ExpectedVector(texts[i], 16)), $"vector {i}");
            Assert.That(result[i].ModelId, Is.EqualTo("openai/text-embedding-3-small"));
        }

        var request = _server.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(request.Method, Is.EqualTo("POST"));
            Assert.That(request.Path, Is.EqualTo("/v1/embeddings"));
            Assert.That(request.Authorization, Is.EqualTo("Bearer " + Key));
            Assert.That(request.ContentType, Does.StartWith("application/json"));
            Assert.That(request.Model, Is.EqualTo("openai/text-embedding-3-small"));
            Assert.That(request.Inputs, Is.EqualTo(texts));
            Assert.That(request.Dimensions, Is.EqualTo(16));
            Assert.That(request.EncodingFormat, Is.EqualTo("float"));
            Assert.That(result.Usage?.InputTokenCount, Is.EqualTo(9));
        });
        Assert.That(_httpClients.Names, Is.All.EqualTo(OpenRouterEmbeddingOptions.HttpClientName));
    }

    [Test]
    public async Task GenerateAsync_Base64Encoding_DecodesLittleEndianFloats()
    {
        using var generator = Create(o => o.EncodingFormat = EmbeddingEncodingFormat.Base64);
        string[] texts = ["Staff engineer", "東京のエンジニア"];

        var result = await generator.GenerateAsync(texts);

        Assert.That(_server.Requests.Single().EncodingFormat, Is.EqualTo("base64"));
        Assert.That(result[0].Vector.ToArray(), Is.EqualTo(EmbeddingTestReply.ExpectedVector(texts[0], 16)));
        Assert.That(result[1].Vector.ToArray(), Is.EqualTo(EmbeddingTestReply.ExpectedVector(texts[1], 16)));
    }

    [TestCase(EmbeddingEncodingFormat.Base64, "float")]
    [TestCase(EmbeddingEncodingFormat.FloatArray, "base64")]
    public async Task GenerateAsync_ServiceAnswersInTheOtherEncoding_AcceptsIt(EmbeddingEncodingFormat asked, string answered)
    {
        _server.Enqueue(EmbeddingTestReply.Embeddings(encoding: answered));
        using var generator = Create(o => o.EncodingFormat = asked);

        var result = await generator.GenerateAsync(["Data engineer"]);

        Assert.That(result[0].Vector.ToArray(), Is.EqualTo(EmbeddingTestReply.ExpectedVector("Data engineer", 16)));
    }

    [Test]
    public async Task GenerateAsync_AnswerWithoutIndexes_KeepsTheAnswerOrder()
    {
        _server.Enqueue(EmbeddingTestReply.Embeddings(withIndex: false));
        using var generator = Create();

        var result = await generator.GenerateAsync(["first", "second"]);

        // Without indexes the (reversed) answer order is all there is.
        Assert.That(result[0].Vector.ToArray(), Is.EqualTo(EmbeddingTestReply.ExpectedVector("second", 16)));
        Assert.That(result[1].Vector.ToArray(), Is.EqualTo(EmbeddingTestReply.ExpectedVector("first", 16)));
    }

    [Test]
    public async Task GenerateAsync_MoreTextsThanBatchSize_SendsBatchesInOrder()
    {
        using var generator = Create(o => o.BatchSize = 3);
        var texts = Enumerable.Range(0, 8).Select(i => $"profile text {i}").ToArray();

        var result = await generator.GenerateAsync(texts);

        Assert.That(_server.Requests.Select(r => r.Inputs.Length), Is.EqualTo(new[] { 3, 3, 2 }));
        Assert.That(_server.Requests.SelectMany(r => r.Inputs), Is.EqualTo(texts));
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.That(result[i].Vector.ToArray(), Is.EqualTo(EmbeddingTestReply.ExpectedVector(texts[i], 16)), $"vector {i}");
        }

        Assert.That(result.Usage?.InputTokenCount, Is.EqualTo(24));
    }

    [Test]
    public async Task GenerateAsync_EmptyText_GivesZeroVectorWithoutSendingIt()
    {
        using var generator = Create();

        var result = await generator.GenerateAsync(["", "Product designer", ""]);

        Assert.That(_server.Requests.Single().Inputs, Is.EqualTo(new[] { "Product designer" }));
        Assert.That(result[0].Vector.ToArray(), Has.Length.EqualTo(16).And.All.EqualTo(0f));
        Assert.That(result[1].Vector.ToArray(), Is.EqualTo(EmbeddingTestReply.ExpectedVector("Product designer", 16)));
        Assert.That(result[2].Vector.ToArray(), Has.Length.EqualTo(16).And.All.EqualTo(0f));
    }

    [Test]
    public async Task GenerateAsync_OnlyEmptyTexts_SendsNothing()
    {
        using var generator = Create();
        var result = await generator.GenerateAsync([""]);
        Assert.That(result, Has.Count.EqualTo(1));
        Assert.That(_server.Requests, Is.Empty);
    }

    [Test]
    public async Task GenerateAsync_SendDimensionsOff_LeavesTheFieldOut()
    {
        using var generator = Create(o => o.SendDimensions = false);
        await generator.GenerateAsync(["x"]);
        Assert.That(_server.Requests.Single().Body.ContainsKey("dimensions"), Is.False);
    }

    [Test]
    public async Task GenerateAsync_RateLimitedWithRetryAfterSeconds_WaitsThatLongThenRetries()
    {
        _server.Enqueue(EmbeddingTestReply.Status(429, """{"error":{"message":"Rate limit exceeded"}}""", ("Retry-After", "7")));
        using var generator = Create();

        var result = await generator.GenerateAsync(["Rust developer"]);

        Assert.That(_server.Requests, Has.Count.EqualTo(2));
        Assert.That(_time.Waits, Is.EqualTo(new[] { TimeSpan.FromSeconds(7) }));
        Assert.That(result[0].Vector.ToArray(), Is.EqualTo(EmbeddingTestReply.ExpectedVector("Rust developer", 16)));
        Assert.That(_logs.Entries.Where(e => e.EventId.Id == 3502), Has.Exactly(1).Items);
    }

    [Test]
    public async Task GenerateAsync_RateLimitedWithRetryAfterDate_WaitsUntilThatDate()
    {
        var date = RetryTimeProvider.Now.AddSeconds(12).ToString("r", CultureInfo.InvariantCulture);
        _server.Enqueue(EmbeddingTestReply.Status(429, "", ("Retry-After", date)));
        using var generator = Create();

        await generator.GenerateAsync(["Rust developer"]);

        Assert.That(_time.Waits, Is.EqualTo(new[] { TimeSpan.FromSeconds(12) }));
    }

    [Test]
    public async Task GenerateAsync_ServerErrors_RetriesWithExponentialBackoffAndJitter()
    {
        _server.Enqueue(EmbeddingTestReply.Status(500), EmbeddingTestReply.Status(502), EmbeddingTestReply.Status(503), EmbeddingTestReply.Status(504));
        using var generator = Create(o => o.MaxRetryDelay = TimeSpan.FromSeconds(5));

        await generator.GenerateAsync(["Go engineer"]);

        var waits = _time.Waits;
        Assert.That(_server.Requests, Has.Count.EqualTo(5));
        Assert.That(waits, Has.Count.EqualTo(4));
        Assert.Multiple(() =>
        {
            // d = min(5 s, 1 s · 2^retry), waited between d/2 and d.
            Assert.That(waits[0], Is.InRange(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1)));
            Assert.That(waits[1], Is.InRange(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)));
            Assert.That(waits[2], Is.InRange(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)));
            Assert.That(waits[3], Is.InRange(TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(5)));
            Assert.That(waits.Distinct().Count(), Is.EqualTo(4), "jittered waits differ");
        });
    }

    [Test]
    public void GenerateAsync_ServerErrorsBeyondMaxRetries_ThrowsServerError()
    {
        _server.Enqueue(EmbeddingTestReply.Status(500), EmbeddingTestReply.Status(500), EmbeddingTestReply.Status(500, "upstream exploded"));
        using var generator = Create(o => o.MaxRetries = 2);

        var ex = Assert.ThrowsAsync<EmbeddingServiceException>(() => generator.GenerateAsync(["x"]));

        Assert.That(ex!.Kind, Is.EqualTo(EmbeddingServiceErrorKind.ServerError));
        Assert.That(ex.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(ex.Message, Does.Contain("3 attempts").And.Contain("upstream exploded"));
        Assert.That(_server.Requests, Has.Count.EqualTo(3));
        Assert.That(_logs.Entries.Where(e => e.EventId.Id == 3503), Has.Exactly(1).Items);
    }

    [Test]
    public void GenerateAsync_RetryAfterLongerThanMaxRetryDelay_GivesUpWithoutWaiting()
    {
        _server.Enqueue(EmbeddingTestReply.Status(429, "", ("Retry-After", "3600")));
        using var generator = Create(o => o.MaxRetryDelay = TimeSpan.FromSeconds(10));

        var ex = Assert.ThrowsAsync<EmbeddingServiceException>(() => generator.GenerateAsync(["x"]));

        Assert.That(ex!.Kind, Is.EqualTo(EmbeddingServiceErrorKind.RateLimited));
        Assert.That(ex.Message, Does.Contain("MaxRetryDelay"));
        Assert.That(_server.Requests, Has.Count.EqualTo(1));
        Assert.That(_time.Waits, Is.Empty);
    }

    [Test]
    public void GenerateAsync_Unauthorized_ThrowsNamingTheEnvironmentVariableButNotTheKey()
    {
        _server.Enqueue(EmbeddingTestReply.Status(401, "{\"error\":{\"message\":\"Invalid API key " + Key + "\",\"code\":401}}"));
        using var generator = Create();

        var ex = Assert.ThrowsAsync<EmbeddingServiceException>(() => generator.GenerateAsync(["x"]));

        Assert.That(ex!.Kind, Is.EqualTo(EmbeddingServiceErrorKind.Unauthorized));
        Assert.That(ex.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(ex.Message, Does.Contain("OPENROUTER_API_KEY").And.Contain("Invalid API key [redacted]"));
        Assert.That(ex.ToString(), Does.Not.Contain(Key));
        Assert.That(_server.Requests, Has.Count.EqualTo(1), "a rejected key is not retried");
    }

    [Test]
    public void GenerateAsync_PaymentRequired_ThrowsSayingToAddCredit()
    {
        _server.Enqueue(EmbeddingTestReply.Status(402, """{"error":{"message":"Insufficient credits","code":402}}"""));
        using var generator = Create();

        var ex = Assert.ThrowsAsync<EmbeddingServiceException>(() => generator.GenerateAsync(["x"]));

        Assert.That(ex!.Kind, Is.EqualTo(EmbeddingServiceErrorKind.PaymentRequired));
        Assert.That(ex.Message, Does.Contain("credit").And.Contain("Insufficient credits"));
        Assert.That(_server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public void GenerateAsync_BadModel_ThrowsWithTheServiceMessage()
    {
        _server.Enqueue(EmbeddingTestReply.Status(400, """{"error":{"message":"acme/no-such-model is not a valid model ID","code":400}}"""));
        using var generator = Create(o => o.Model = "acme/no-such-model");

        var ex = Assert.ThrowsAsync<EmbeddingServiceException>(() => generator.GenerateAsync(["x"]));

        Assert.That(ex!.Kind, Is.EqualTo(EmbeddingServiceErrorKind.BadRequest));
        Assert.That(ex.Message, Does.Contain("'acme/no-such-model'").And.Contain("is not a valid model ID").And.Contain("Model"));
        Assert.That(_server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public void GenerateAsync_ErrorObjectWithStatus200_ThrowsTheReportedError()
    {
        _server.Enqueue(EmbeddingTestReply.Body("""{"error":{"message":"No credits left","code":402}}"""));
        using var generator = Create();

        var ex = Assert.ThrowsAsync<EmbeddingServiceException>(() => generator.GenerateAsync(["x"]));

        Assert.That(ex!.Kind, Is.EqualTo(EmbeddingServiceErrorKind.PaymentRequired));
        Assert.That(ex.Message, Does.Contain("No credits left"));
    }

    [Test]
    public void GenerateAsync_WrongDimension_ThrowsInvalidResponseNamingBothDimensions()
    {
        _server.Enqueue(EmbeddingTestReply.Embeddings(dimensionChange: -4));
        using var generator = Create();

        var ex = Assert.ThrowsAsync<EmbeddingServiceException>(() => generator.GenerateAsync(["a", "b"]));

        Assert.That(ex!.Kind, Is.EqualTo(EmbeddingServiceErrorKind.InvalidResponse));
        Assert.That(ex.Message, Does.Contain("dimension 12").And.Contain("expected 16"));
        Assert.That(_server.Requests, Has.Count.EqualTo(1), "an invalid answer is not retried");
    }

    [Test]
    public void GenerateAsync_WrongCount_ThrowsInvalidResponseNamingBothCounts()
    {
        _server.Enqueue(EmbeddingTestReply.Embeddings(countChange: -1));
        using var generator = Create();

        var ex = Assert.ThrowsAsync<EmbeddingServiceException>(() => generator.GenerateAsync(["a", "b", "c"]));

        Assert.That(ex!.Kind, Is.EqualTo(EmbeddingServiceErrorKind.InvalidResponse));
        Assert.That(ex.Message, Does.Contain("2 embeddings for 3 inputs"));
    }

    [TestCase("{\"data\": [{\"index\": 0, \"embedding\": [0.1, 0.2")]
    [TestCase("<html>Bad gateway</html>")]
    [TestCase("{\"object\": \"list\"}")]
    [TestCase("{\"data\": [{\"index\": 0, \"embedding\": \"not base64!\"}]}")]
    [TestCase("{\"data\": [{\"index\": 5, \"embedding\": [0.1]}]}")]
    public void GenerateAsync_MalformedAnswer_ThrowsInvalidResponse(string body)
    {
        _server.Enqueue(EmbeddingTestReply.Body(body));
        using var generator = Create();

        var ex = Assert.ThrowsAsync<EmbeddingServiceException>(() => generator.GenerateAsync(["a"]));

        Assert.That(ex!.Kind, Is.EqualTo(EmbeddingServiceErrorKind.InvalidResponse));
        Assert.That(ex.Message, Does.Contain(_server.BaseAddress + "embeddings").And.Contain("invalid embeddings response"));
    }

    [Test]
    public void GenerateAsync_SlowService_TimesOutAndRetriesThenThrowsTimeout()
    {
        _server.Enqueue(EmbeddingTestReply.Slow(TimeSpan.FromMinutes(2)), EmbeddingTestReply.Slow(TimeSpan.FromMinutes(2)));
        using var generator = Create(
            o =>
            {
                o.Timeout = TimeSpan.FromMilliseconds(300);
                o.MaxRetries = 1;
                o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            },
            TimeProvider.System);

        var ex = Assert.ThrowsAsync<EmbeddingServiceException>(() => generator.GenerateAsync(["a"]));

        Assert.That(ex!.Kind, Is.EqualTo(EmbeddingServiceErrorKind.Timeout));
        Assert.That(ex.Message, Does.Contain("did not answer within").And.Contain("2 attempts"));
        Assert.That(_server.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task GenerateAsync_CallerCancels_ThrowsOperationCanceledRatherThanRetrying()
    {
        _server.Enqueue(EmbeddingTestReply.Slow(TimeSpan.FromMinutes(2)));
        using var generator = Create();
        using var cts = new CancellationTokenSource();

        var call = generator.GenerateAsync(["a"], cancellationToken: cts.Token);
        await _server.WaitForRequestAsync();
        await cts.CancelAsync();

        Assert.That(async () => await call, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(_server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public void GenerateAsync_ServiceUnreachable_RetriesThenThrowsUnreachable()
    {
        // A port that is bound but not listening refuses connections, and no one else can take it meanwhile.
        using var closed = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        closed.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)closed.LocalEndPoint!).Port;
        using var generator = Create(o =>
        {
            o.BaseAddress = new Uri($"http://127.0.0.1:{port}/v1/");
            o.MaxRetries = 2;
        });

        var ex = Assert.ThrowsAsync<EmbeddingServiceException>(() => generator.GenerateAsync(["a"]));

        Assert.That(ex!.Kind, Is.EqualTo(EmbeddingServiceErrorKind.Unreachable));
        Assert.That(ex.StatusCode, Is.Null);
        Assert.That(ex.Message, Does.Contain("could not be reached").And.Contain("3 attempts"));
        Assert.That(_time.Waits, Has.Count.EqualTo(2));
    }

    [Test]
    public void GenerateAsync_OptionsAskForAnotherDimensionOrModel_Throws()
    {
        using var generator = Create();
        Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(["a"], new EmbeddingGenerationOptions { Dimensions = 8 }));
        Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(["a"], new EmbeddingGenerationOptions { ModelId = "other/model" }));
        Assert.That(_server.Requests, Is.Empty);
    }

    [Test]
    public void GetService_Metadata_DescribesProviderModelAndDimension()
    {
        using var generator = Create(o => o.Dimensions = 1536);

        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();
        var (id, dimension) = EmbeddingGeneratorIdentity.Describe(generator);

        Assert.Multiple(() =>
        {
            Assert.That(metadata?.ProviderName, Is.EqualTo("openrouter"));
            Assert.That(metadata?.DefaultModelId, Is.EqualTo("openai/text-embedding-3-small"));
            Assert.That(metadata?.DefaultModelDimensions, Is.EqualTo(1536));
            Assert.That(id, Is.EqualTo("openrouter:openai/text-embedding-3-small"));
            Assert.That(dimension, Is.EqualTo(1536));
        });
    }

    [Test]
    public async Task GenerateAsync_EveryOutcome_NeverPutsTheKeyInLogsOrExceptions()
    {
        _server.Enqueue(
            EmbeddingTestReply.Status(503, $"backend down for {Key}"),
            EmbeddingTestReply.Embeddings(),
            EmbeddingTestReply.Status(401, $"bad key {Key}"),
            EmbeddingTestReply.Status(400, "{\"error\":{\"message\":\"bad request from " + Key + "\"}}"),
            EmbeddingTestReply.Body($"not json {Key}"));
        using var generator = Create(o => o.MaxRetries = 1);
        await generator.GenerateAsync(["first"]);
        var failures = new List<Exception>();
        for (var i = 0; i < 3; i++)
        {
            try
            {
                await generator.GenerateAsync(["again"]);
            }
            catch (EmbeddingServiceException ex)
            {
                failures.Add(ex);
            }
        }

        Assert.That(failures, Has.Count.EqualTo(3));
        Assert.That(failures.Select(f => f.ToString()), Has.None.Contain(Key));
        Assert.That(_logs.Entries, Is.Not.Empty);
        Assert.That(_logs.Entries.Select(e => e.ToString()), Has.None.Contain(Key));
        Assert.That(EmbeddingGeneratorIdentity.Describe(generator).Id, Does.Not.Contain(Key));
    }

    private OpenRouterEmbeddingGenerator Create(Action<OpenRouterEmbeddingOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new OpenRouterEmbeddingOptions
        {
            ApiKey = Key,
            BaseAddress = _server.BaseAddress,
            Dimensions = 16,
            Timeout = TimeSpan.FromMinutes(5),
            RetryBaseDelay = TimeSpan.FromSeconds(1),
            MaxRetryDelay = TimeSpan.FromSeconds(30),
        };
        configure?.Invoke(options);
        return new OpenRouterEmbeddingGenerator(_httpClients, options, time ?? _time, _logs.CreateLogger<OpenRouterEmbeddingGenerator>(), new Random(7));
    }
}
