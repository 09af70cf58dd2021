using Ancso.Ml.Features;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ancso.Ml.Embeddings.Local.Tests;

public class LocalEmbeddingsRankerBuilderExtensionsTests
{
    [Test]
    public void UseLocalEmbeddings_ReplacesTheHashingGenerator()
    {
        var services = new ServiceCollection();
        services.AddRanker().UseLocalEmbeddings();

        using var provider = services.BuildServiceProvider();
        Assert.That(provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(), Is.TypeOf<LocalEmbeddingGenerator>());
        var layout = provider.GetRequiredService<IFeatureBuilder>().Layout;
        Assert.That((layout.EmbeddingGeneratorId, layout.EmbeddingDimension), Is.EqualTo(("local:arctic-embed-xs", 384)));
    }

    [Test]
    public void UseLocalEmbeddings_InvalidOptions_FailWithTheOptionsName()
    {
        var services = new ServiceCollection();
        services.AddRanker().UseLocalEmbeddings(o => o.BatchSize = 0);
        using var provider = services.BuildServiceProvider();
        Assert.That(() => provider.GetRequiredService<IOptions<LocalEmbeddingOptions>>().Value,
            Throws.TypeOf<OptionsValidationException>().With.Message.Contains("Ranker:LocalEmbeddings:BatchSize"));
    }
}
