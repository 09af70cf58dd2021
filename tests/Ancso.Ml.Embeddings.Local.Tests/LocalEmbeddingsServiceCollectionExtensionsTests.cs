using Ancso.Ml.Features;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ancso.Ml.Embeddings.Local.Tests;

public class LocalEmbeddingsServiceCollectionExtensionsTests
{
    [Test]
    public void AddLocalEmbeddings_BeforeOrAfterAddRanker_ReplacesTheHashingGenerator()
    {
        foreach (var localFirst in new[] { true, false })
        {
            var services = new ServiceCollection();
            if (localFirst)
            {
                services.AddLocalEmbeddings();
                services.AddRanker();
            }
            else
            {
                services.AddRanker();
                services.AddLocalEmbeddings();
            }

            using var provider = services.BuildServiceProvider();
            Assert.That(provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(), Is.TypeOf<LocalEmbeddingGenerator>());
            var layout = provider.GetRequiredService<IFeatureBuilder>().Layout;
            Assert.That((layout.EmbeddingGeneratorId, layout.EmbeddingDimension), Is.EqualTo(("local:arctic-embed-xs", 384)));
        }
    }

    [Test]
    public void AddLocalEmbeddings_InvalidOptions_FailWithTheOptionsName()
    {
        var services = new ServiceCollection();
        services.AddLocalEmbeddings(o => o.BatchSize = 0);
        using var provider = services.BuildServiceProvider();
        Assert.That(() => provider.GetRequiredService<IOptions<LocalEmbeddingOptions>>().Value,
            Throws.TypeOf<OptionsValidationException>().With.Message.Contains("LocalEmbeddings:BatchSize"));
    }
}
