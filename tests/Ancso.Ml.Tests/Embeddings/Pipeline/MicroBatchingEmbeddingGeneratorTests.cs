using Ancso.Ml.Embeddings.Pipeline;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace Ancso.Ml.Tests.Embeddings.Pipeline;

public class MicroBatchingEmbeddingGeneratorTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(5);

    [Test]
    [CancelAfter(60_000)]
    public async Task GenerateAsync_CallsWithinTheWindow_GoAsOneProviderCallInOrder()
    {
        var time = new FakeTimeProvider();
        var provider = new StubEmbeddingGenerator(2);
        using var batcher = new MicroBatchingEmbeddingGenerator(provider, Window, maxTexts: 100, time);

        var a = batcher.GenerateAsync(["a", "bb"]);
        var b = batcher.GenerateAsync(["ccc"]);
        Assert.That(provider.Calls, Is.Empty);
        time.Advance(Window);

        Assert.That((await a).Select(e => e.Vector.Span[0]), Is.EqualTo(new[] { 1f, 2f }));
        Assert.That((await b).Select(e => e.Vector.Span[0]), Is.EqualTo(new[] { 3f }));
        Assert.That(provider.Calls.Single(), Is.EqualTo(new[] { "a", "bb", "ccc" }));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task GenerateAsync_MaxTextsWaiting_SendsWithoutWaitingForTheWindow()
    {
        var provider = new StubEmbeddingGenerator(2);
        using var batcher = new MicroBatchingEmbeddingGenerator(provider, Window, maxTexts: 3, new FakeTimeProvider());

        var a = batcher.GenerateAsync(["a", "b"]);
        var b = batcher.GenerateAsync(["c"]);

        await Task.WhenAll(a, b);
        Assert.That(provider.Calls.Single(), Is.EqualTo(new[] { "a", "b", "c" }));
    }

    [Test]
    [CancelAfter(60_000)]
    public void GenerateAsync_ProviderFails_EveryWaitingCallGetsTheError()
    {
        var time = new FakeTimeProvider();
        var provider = new StubEmbeddingGenerator(2, _ => Task.FromException<GeneratedEmbeddings<Embedding<float>>>(new HttpRequestException("down")));
        using var batcher = new MicroBatchingEmbeddingGenerator(provider, Window, maxTexts: 100, time);

        var a = batcher.GenerateAsync(["a"]);
        var b = batcher.GenerateAsync(["b"]);
        time.Advance(Window);

        Assert.That(async () => await a, Throws.InstanceOf<HttpRequestException>());
        Assert.That(async () => await b, Throws.InstanceOf<HttpRequestException>());
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task GenerateAsync_CallsArriveWhileEverySlotIsBusy_GoTogetherWhenOneEnds()
    {
        var release = new TaskCompletionSource();
        var provider = new StubEmbeddingGenerator(2, async texts =>
        {
            await release.Task;
            return StubEmbeddingGenerator.Vectors(texts, 2);
        });
        using var batcher = new MicroBatchingEmbeddingGenerator(provider, TimeSpan.Zero, maxTexts: 100, new FakeTimeProvider(), maxConcurrentCalls: 1);

        var first = batcher.GenerateAsync(["a"]);
        while (provider.Calls.Count == 0)
        {
            await Task.Delay(10);
        }

        var second = batcher.GenerateAsync(["b"]);
        var third = batcher.GenerateAsync(["c"]);
        release.SetResult();
        await Task.WhenAll(first, second, third);

        Assert.That(provider.Calls, Is.EqualTo(new[] { new[] { "a" }, new[] { "b", "c" } }));
    }
}
