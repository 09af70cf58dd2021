using Microsoft.Extensions.AI;

namespace Ancso.Ml.Tests.Embeddings.Pipeline;

/// <summary>A provider stand-in answering through a callback, recording each call's texts (thread-safe).</summary>
internal sealed class StubEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly Func<IReadOnlyList<string>, Task<GeneratedEmbeddings<Embedding<float>>>> _answer;
    private readonly EmbeddingGeneratorMetadata _metadata;
    private readonly List<string[]> _calls = [];

    public StubEmbeddingGenerator(int dimension, Func<IReadOnlyList<string>, Task<GeneratedEmbeddings<Embedding<float>>>>? answer = null)
    {
        Dimension = dimension;
        _metadata = new EmbeddingGeneratorMetadata("stub", providerUri: null, defaultModelId: "v1", defaultModelDimensions: dimension);
        _answer = answer ?? (texts => Task.FromResult(Vectors(texts, dimension)));
    }

    public const string Id = "stub:v1";

    public int Dimension { get; }

    public IReadOnlyList<string[]> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>A vector per text: its length in every slot, then the slot index, so texts differ.</summary>
    public static GeneratedEmbeddings<Embedding<float>> Vectors(IReadOnlyList<string> texts, int dimension) =>
        [.. texts.Select(t => new Embedding<float>(Enumerable.Range(0, dimension).Select(i => t.Length + (i / 100f)).ToArray()))];

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToArray();
        lock (_calls)
        {
            _calls.Add(texts);
        }

        return _answer(texts);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(EmbeddingGeneratorMetadata) && serviceKey is null ? _metadata :
        serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
