using Ancso.Ml.Embeddings;
using Microsoft.Extensions.AI;

namespace Ancso.Ml.Tests.Embeddings;

public class HashingEmbeddingGeneratorTests
{
    [Test]
    public async Task GenerateAsync_Text_IsUnitLengthAndDeterministic()
    {
        using var generator = new HashingEmbeddingGenerator();
        var first = await generator.GenerateAsync(["Senior backend engineer building payment APIs in C# and Go"]);
        var second = await generator.GenerateAsync(["Senior backend engineer building payment APIs in C# and Go"]);
        var v = first[0].Vector.ToArray();
        Assert.That(v, Has.Length.EqualTo(1536));
        Assert.That(v, Is.EqualTo(second[0].Vector.ToArray()));
        var norm = Math.Sqrt(v.Sum(x => (double)x * x));
        Assert.That(norm, Is.EqualTo(1.0).Within(1e-5));
    }

    [Test]
    public async Task GenerateAsync_EmptyText_IsZeroVector()
    {
        using var generator = new HashingEmbeddingGenerator(64);
        var result = await generator.GenerateAsync([""]);
        Assert.That(result[0].Vector.ToArray(), Is.All.EqualTo(0f));
    }

    [Test]
    public void Describe_HashingGenerator_GivesVersionedId()
    {
        using var generator = new HashingEmbeddingGenerator(256);
        var (id, dimension) = EmbeddingGeneratorIdentity.Describe(generator);
        Assert.Multiple(() =>
        {
            Assert.That(id, Is.EqualTo("ancso:hashing-v1"));
            Assert.That(dimension, Is.EqualTo(256));
        });
    }
}
