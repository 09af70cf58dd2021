using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Ancso.Ml.Tests.Embeddings.OpenRouter;

/// <summary>
/// A real HTTP server on 127.0.0.1 that speaks the OpenAI-compatible <c>/embeddings</c> protocol. It records every
/// request and answers from a script of <see cref="EmbeddingTestReply"/> values, then with correct embeddings.
/// </summary>
internal sealed class EmbeddingTestServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly ConcurrentQueue<EmbeddingTestReply> _script = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _received = new(0);
    private readonly Task _loop;

    private EmbeddingTestServer(HttpListener listener, int port)
    {
        _listener = listener;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/v1/");
        _loop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>Gets the base address to configure: <c>http://127.0.0.1:{port}/v1/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Gets the requests received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Starts a server on a free port.</summary>
    public static EmbeddingTestServer Start()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new EmbeddingTestServer(listener, port);
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                listener.Close();
            }
        }
    }

    /// <summary>Queues replies for the next requests, in order.</summary>
    public void Enqueue(params EmbeddingTestReply[] replies)
    {
        foreach (var reply in replies)
        {
            _script.Enqueue(reply);
        }
    }

    /// <summary>Waits until a request has arrived.</summary>
    public Task WaitForRequestAsync() => _received.WaitAsync(TimeSpan.FromSeconds(30));

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
            // The listener was closed under the accept call.
        }

        _stopping.Dispose();
        _received.Dispose();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            string text;
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            {
                text = await reader.ReadToEndAsync();
            }

            var request = new RecordedRequest(
                context.Request.HttpMethod,
                context.Request.Url!.AbsolutePath,
                context.Request.Headers["Authorization"],
                context.Request.ContentType,
                JsonNode.Parse(text)!.AsObject());
            _requests.Enqueue(request);
            _received.Release();
            var reply = _script.TryDequeue(out var scripted) ? scripted : EmbeddingTestReply.Embeddings();
            await reply.WriteAsync(context.Response, request, _stopping.Token);
            context.Response.Close();
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpListenerException or ObjectDisposedException or IOException)
        {
            context.Response.Abort();
        }
    }
}

/// <summary>A request the test server received.</summary>
internal sealed record RecordedRequest(string Method, string Path, string? Authorization, string? ContentType, JsonObject Body)
{
    public string? Model => Body["model"]?.GetValue<string>();

    public string[] Inputs => [.. Body["input"]!.AsArray().Select(n => n!.GetValue<string>())];

    public int? Dimensions => Body["dimensions"]?.GetValue<int>();

    public string? EncodingFormat => Body["encoding_format"]?.GetValue<string>();
}
