using Ancso.Ml.Embeddings;
using Microsoft.Extensions.AI;

namespace Ancso.Ml.Testing;

/// <summary>
/// The hashing generator under another name, counting every text it embeds; optionally throws on a given call.
/// </summary>
public sealed class CountingEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly HashingEmbeddingGenerator _inner;
    private readonly EmbeddingGeneratorMetadata _metadata;
    private readonly List<string> _texts = [];

    public CountingEmbeddingGenerator(int dimension = 32, string modelId = "counting-v1")
    {
        _inner = new HashingEmbeddingGenerator(dimension);
        _metadata = new EmbeddingGeneratorMetadata("test", providerUri: null, defaultModelId: modelId, defaultModelDimensions: dimension);
    }

    public string Id => $"test:{_metadata.DefaultModelId}";

    public int Calls { get; private set; }

    public IReadOnlyList<string> Texts => _texts;

    /// <summary>Gets or sets the 1-based call that throws, or 0 for none.</summary>
    public int ThrowOnCall { get; set; }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        Calls++;
        if (Calls == ThrowOnCall)
        {
            throw new HttpRequestException("The embedding service is unavailable.");
        }

        var list = values.ToList();
        _texts.AddRange(list);
        return await _inner.GenerateAsync(list, options, cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(EmbeddingGeneratorMetadata) && serviceKey is null ? _metadata :
        serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose() => _inner.Dispose();
}
