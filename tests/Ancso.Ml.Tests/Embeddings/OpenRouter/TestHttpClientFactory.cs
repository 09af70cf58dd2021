namespace Ancso.Ml.Tests.Embeddings.OpenRouter;

/// <summary>Gives clients over one shared handler, as <c>IHttpClientFactory</c> does, without the DI container.</summary>
internal sealed class TestHttpClientFactory : IHttpClientFactory, IDisposable
{
    private readonly SocketsHttpHandler _handler = new();
    private readonly List<string> _names = [];

    public IReadOnlyList<string> Names
    {
        get
        {
            lock (_names)
            {
                return [.. _names];
            }
        }
    }

    public HttpClient CreateClient(string name)
    {
        lock (_names)
        {
            _names.Add(name);
        }

        return new HttpClient(_handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public void Dispose() => _handler.Dispose();
}
