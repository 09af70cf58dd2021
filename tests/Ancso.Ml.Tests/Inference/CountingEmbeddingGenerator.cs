using Ancso.Ml.Embeddings;
using Microsoft.Extensions.AI;

namespace Ancso.Ml.Tests.Inference;

/// <summary>Wraps the hashing generator, counting calls; optionally completes asynchronously, like a remote provider.</summary>
internal sealed class CountingEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly HashingEmbeddingGenerator _inner;
    private readonly bool _yield;
    private int _calls;

    public CountingEmbeddingGenerator(int dimension, bool completeAsynchronously = false)
    {
        _inner = new HashingEmbeddingGenerator(dimension);
        _yield = completeAsynchronously;
    }

    public int Calls => Volatile.Read(ref _calls);

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        if (_yield)
        {
            await Task.Yield();
        }

        return await _inner.GenerateAsync(values, options, cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => _inner.GetService(serviceType, serviceKey);

    public void Dispose() => _inner.Dispose();
}
