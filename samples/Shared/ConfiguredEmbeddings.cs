using Ancso.Ml.Embeddings.Local;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ancso.Ml.Samples;

/// <summary>
/// Chooses the embedding generator from the setting <c>Embeddings</c>, as the ancso CLI does: <c>arctic-int8</c> (the
/// default: the offline arctic-embed-xs encoder of Ancso.Ml.Embeddings.Local in int8, which the CLI trains with, so a
/// model trained by the CLI scores here), <c>arctic</c> (the same encoder in float32, for models trained with
/// <c>--embeddings arctic</c>) or <c>hashing</c> (the dependency-free hashing generator, sized by
/// <c>Ranker:EmbeddingDimension</c>; no model file to load, which the tests use). A model scores only with the generator
/// it was trained with.
/// </summary>
internal static class ConfiguredEmbeddings
{
    /// <summary>The setting's key: <c>Embeddings</c> (environment variable <c>Embeddings</c>).</summary>
    public const string Key = "Embeddings";

    public static IRankerBuilder UseConfiguredEmbeddings(this IRankerBuilder ranker, IConfiguration configuration) =>
        (configuration[Key]?.Trim().ToLowerInvariant() ?? "arctic-int8") switch
        {
            "arctic-int8" => ranker.UseLocalEmbeddings().UseLocalEmbeddingPrecision(LocalEmbeddingPrecision.Int8), // binds Ranker:LocalEmbeddings
            "arctic" => ranker.UseLocalEmbeddings(), // binds Ranker:LocalEmbeddings
            "hashing" => ranker,
            _ => throw new InvalidOperationException($"Embeddings is '{configuration[Key]}': use arctic-int8 (the default, the ancso CLI's), arctic or hashing."),
        };

    private static IRankerBuilder UseLocalEmbeddingPrecision(this IRankerBuilder ranker, LocalEmbeddingPrecision precision)
    {
        ranker.Services.PostConfigure<LocalEmbeddingOptions>(o => o.Precision = precision);
        return ranker;
    }
}
