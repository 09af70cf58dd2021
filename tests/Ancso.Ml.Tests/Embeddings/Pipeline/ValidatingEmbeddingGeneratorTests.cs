using Ancso.Ml.Embeddings;
using Ancso.Ml.Embeddings.Pipeline;
using Microsoft.Extensions.AI;

namespace Ancso.Ml.Tests.Embeddings.Pipeline;

public class ValidatingEmbeddingGeneratorTests
{
    private static IEnumerable<TestCaseData> BadAnswers()
    {
        yield return new TestCaseData(new[] { new[] { 1f, 2f } }, "returned 1 embeddings for 2 texts").SetName("GenerateAsync_OneVectorForTwoTexts_ThrowsInvalidResponse");
        yield return new TestCaseData(new[] { new[] { 1f }, new[] { 1f, 2f } }, "dimension 1").SetName("GenerateAsync_VectorOfWrongDimension_ThrowsInvalidResponse");
        yield return new TestCaseData(new[] { new[] { 1f, float.PositiveInfinity }, new[] { 1f, 2f } }, "NaN or infinite").SetName("GenerateAsync_InfiniteValue_ThrowsInvalidResponse");
    }

    [TestCaseSource(nameof(BadAnswers))]
    public void GenerateAsync_BadAnswer_Throws(float[][] answer, string message)
    {
        var provider = new StubEmbeddingGenerator(2, _ => Task.FromResult<GeneratedEmbeddings<Embedding<float>>>([.. answer.Select(v => new Embedding<float>(v))]));
        using var generator = new ValidatingEmbeddingGenerator(provider, StubEmbeddingGenerator.Id, 2);

        var e = Assert.ThrowsAsync<EmbeddingServiceException>(() => generator.GenerateAsync(["a", "b"]));

        Assert.That(e!.Kind, Is.EqualTo(EmbeddingServiceErrorKind.InvalidResponse));
        Assert.That(e.Message, Does.Contain(message).And.Contain(StubEmbeddingGenerator.Id));
    }
}
