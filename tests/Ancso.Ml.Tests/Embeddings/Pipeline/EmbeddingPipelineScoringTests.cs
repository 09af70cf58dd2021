using Ancso.Ml.Inference;
using Ancso.Ml.Pairs.Storage;
using Ancso.Ml.Tests.Embeddings.OpenRouter;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Ancso.Ml.Tests.Embeddings.Pipeline;

/// <summary>Scoring through the embeddings pipeline against a local OpenAI-compatible server that counts requests.</summary>
public class EmbeddingPipelineScoringTests
{
    private static readonly string[] SampleTexts =
    [
        "Backend engineer | Go, PostgreSQL | Cut settlement time from 2 days to 4 hours",
        "Results-driven passionate rockstar ninja | Synergy | Thought leader",
        "Led a team of 5 that shipped a payments API serving 40M requests a day",
        "Worked on various projects and did many things",
        "Maintainer of a 4k-star OpenAPI diff tool",
        "I like computers",
        "Fast JSON schema validator for .NET, 3x faster than the next one",
        "My repo",
    ];

    private PipelineTestHost _host = null!;
    private EmbeddingTestServer _server = null!;

    [SetUp]
    public async Task SetUp()
    {
        _host = new PipelineTestHost();
        _server = EmbeddingTestServer.Start();
        await _host.ActivateModelAsync();
    }

    [TearDown]
    public async Task TearDown()
    {
        await _server.DisposeAsync();
        _host.Dispose();
    }

    [Test]
    [CancelAfter(2 * 60 * 1000)]
    public async Task ScoreItemAsync_SmokeRunRepeatedTwice_SendsEachDistinctTextOnce()
    {
        for (var run = 0; run < 2; run++)
        {
            using var provider = _host.Start(_server);
            var ranker = await PipelineTestHost.RankerAsync(provider);

            // What `ancso ranker smoke` does: score each sample, compare two, then score them all again and again.
            for (var round = 0; round < 25; round++)
            {
                for (var i = 0; i < SampleTexts.Length; i++)
                {
                    var score = await ranker.ScoreItemAsync(PipelineTestHost.Item("s" + i, SampleTexts[i]));
                    Assert.That(score.Provenance.Kind, Is.EqualTo(ProvenanceKind.Model), score.Provenance.ToString());
                }

                await ranker.CompareAsync(PipelineTestHost.Item("a", SampleTexts[0]), PipelineTestHost.Item("b", SampleTexts[1]));
            }
        }

        var sent = _server.Requests.SelectMany(r => r.Inputs).ToList();
        Assert.That(sent, Is.Unique);
        Assert.That(sent, Is.EquivalentTo(SampleTexts));
        Assert.That(_server.Requests, Has.Count.LessThanOrEqualTo(SampleTexts.Length));
    }

    [Test]
    [CancelAfter(2 * 60 * 1000)]
    public async Task ScoreItemAsync_HundredConcurrentNewTexts_GathersThemIntoBatchedRequests()
    {
        // Fake time: the batching window ends only when the test says so, after every request has joined it.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        using var provider = _host.Start(_server, time, o => o.EmbeddingBatchWindow = TimeSpan.FromMilliseconds(5));
        var ranker = await PipelineTestHost.RankerAsync(provider);
        var batcher = PipelineTestHost.Batcher(provider);

        var scores = Enumerable.Range(0, 100)
            .Select(i => Task.Run(async () => await ranker.ScoreItemAsync(PipelineTestHost.Item("n" + i, $"New text number {i} about payments in Go"))))
            .ToList();
        while (batcher.QueuedTexts < 100)
        {
            Assert.That(scores.Where(t => t.IsFaulted), Is.Empty, "a score failed before the batch was sent");
            await Task.Delay(10);
        }

        time.Advance(TimeSpan.FromMilliseconds(5));
        var results = await Task.WhenAll(scores);

        Assert.That(results.Select(r => r.Provenance.Kind), Is.All.EqualTo(ProvenanceKind.Model));
        Assert.That(_server.Requests, Has.Count.LessThanOrEqualTo((int)Math.Ceiling(100.0 / PipelineTestHost.BatchSize) + 2));
        var sent = _server.Requests.SelectMany(r => r.Inputs).ToList();
        Assert.That(sent, Is.Unique);
        Assert.That(sent, Has.Count.EqualTo(100));
        await TestContext.Out.WriteLineAsync($"requests: {_server.Requests.Count}");
    }

    [Test]
    [CancelAfter(2 * 60 * 1000)]
    public async Task ScoreItemAsync_FiftyConcurrentScoresOfOneText_ShareOneRequest()
    {
        using var provider = _host.Start(_server);
        var ranker = await PipelineTestHost.RankerAsync(provider);

        var results = await Task.WhenAll(Enumerable.Range(0, 50)
            .Select(i => Task.Run(async () => await ranker.ScoreItemAsync(PipelineTestHost.Item("same" + i, SampleTexts[2])))));

        Assert.That(results.Select(r => r.Score).Distinct().Count(), Is.EqualTo(1));
        Assert.That(_server.Requests.SelectMany(r => r.Inputs), Is.EqualTo(new[] { SampleTexts[2] }));
    }

    [Test]
    [CancelAfter(2 * 60 * 1000)]
    public async Task ScoreItemAsync_ServiceAnswers500_ScoresWithTheHeuristicAndRecoversWhenItReturns()
    {
        _server.Enqueue(EmbeddingTestReply.Status(500, "upstream down"), EmbeddingTestReply.Status(500, "upstream down"));
        using var provider = _host.Start(_server);
        var ranker = await PipelineTestHost.RankerAsync(provider);
        var item = PipelineTestHost.Item("x", SampleTexts[0]);

        var down1 = await ranker.ScoreItemAsync(item);
        var down2 = await ranker.CompareAsync(item, PipelineTestHost.Item("y", SampleTexts[1]));
        var back = await ranker.ScoreItemAsync(item);

        Assert.Multiple(() =>
        {
            Assert.That(down1.Provenance.Reason, Is.EqualTo(FallbackReason.EmbeddingUnavailable));
            Assert.That(down1.Provenance.Detail, Does.Contain("openrouter:openai/text-embedding-3-small").And.Not.Contain(PipelineTestHost.Key));
            Assert.That(down2.Provenance.Reason, Is.EqualTo(FallbackReason.EmbeddingUnavailable));
            Assert.That(back.Provenance.Kind, Is.EqualTo(ProvenanceKind.Model));
            Assert.That(_server.Requests, Has.Count.EqualTo(3));
        });
    }

    [Test]
    [CancelAfter(2 * 60 * 1000)]
    public async Task RankAsync_ServiceTimesOut_RanksWithTheHeuristicAndRecoversWhenItAnswers()
    {
        _server.Enqueue(EmbeddingTestReply.Slow(TimeSpan.FromMinutes(1)));
        using var provider = _host.Start(_server, openRouter: o => o.Timeout = TimeSpan.FromMilliseconds(200));
        var ranker = await PipelineTestHost.RankerAsync(provider);
        var items = new[] { PipelineTestHost.Item("a", SampleTexts[0]), PipelineTestHost.Item("b", SampleTexts[1]) };

        var down = await ranker.RankAsync(items);
        var back = await ranker.RankAsync(items);

        Assert.That(down.Provenance.Reason, Is.EqualTo(FallbackReason.EmbeddingUnavailable));
        Assert.That(down.Provenance.Detail, Does.Contain("Timeout"));
        Assert.That(down.Items, Has.Count.EqualTo(2));
        Assert.That(back.Provenance.Kind, Is.EqualTo(ProvenanceKind.Model));
    }

    [Test]
    [CancelAfter(2 * 60 * 1000)]
    public async Task ScoreItemAsync_ServiceSendsAVectorOfTheWrongDimension_ScoresWithTheHeuristicAndCachesNothing()
    {
        _server.Enqueue(EmbeddingTestReply.Embeddings(dimensionChange: 1));
        using var provider = _host.Start(_server);
        var ranker = await PipelineTestHost.RankerAsync(provider);

        var score = await ranker.ScoreItemAsync(PipelineTestHost.Item("x", SampleTexts[0]));

        Assert.That(score.Provenance.Reason, Is.EqualTo(FallbackReason.EmbeddingUnavailable));
        var cached = await provider.GetRequiredService<IPairStore>().ListCachedEmbeddingsAsync();
        Assert.That(cached, Is.Empty);
    }
}
