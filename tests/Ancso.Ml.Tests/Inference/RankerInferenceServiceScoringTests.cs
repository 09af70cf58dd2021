using Ancso.Ml.Embeddings;
using Ancso.Ml.Inference;
using Ancso.Ml.Metrics;
using Ancso.Ml.Models;

namespace Ancso.Ml.Tests.Inference;

public class RankerInferenceServiceScoringTests
{
    private static readonly string[] Texts =
    [
        "Senior .NET engineer building low-latency ranking services in C# and ONNX Runtime",
        "Hard-working team player passionate about synergy",
        "Cut p99 latency 40% by rewriting the scoring path; led a team of 5",
        "",
        "Ingénieur logiciel — systèmes distribués, Kubernetes, Go",
    ];

    [Test]
    public async Task ScoreItemAsync_ActiveModel_EqualsManagedForwardPass()
    {
        using var folder = new TestModelFolder();
        var weights = await folder.StoreAsync("v1", seed: 1);
        var service = folder.CreateService();

        for (var i = 0; i < Texts.Length; i++)
        {
            var item = TestModelFolder.Item("i" + i, Texts[i]);
            var result = await service.ScoreItemAsync(item);

            Assert.That(result.Score, Is.EqualTo(await folder.ExpectedScoreAsync(weights, item)).Within(1e-5), Texts[i]);
            Assert.That(result.Provenance, Is.EqualTo(ScoreProvenance.FromModel("v1")));
            Assert.That(result.ModelVersion, Is.EqualTo("v1"));
            Assert.That(result.ItemId, Is.EqualTo("i" + i));
            Assert.That(result.Metrics, Is.EqualTo(folder.Features.GetMetrics(item)));
        }
    }

    [Test]
    public async Task ScoreItemAsync_Dimension1536_EqualsManagedForwardPass()
    {
        using var folder = new TestModelFolder(dimension: HashingEmbeddingGenerator.DefaultDimension);
        var weights = await folder.StoreAsync("big", seed: 2);
        var service = folder.CreateService();
        var item = TestModelFolder.Item("a", Texts[0]);

        var result = await service.ScoreItemAsync(item);

        Assert.That(folder.Layout.Width, Is.EqualTo(1542));
        Assert.That(result.Score, Is.EqualTo(await folder.ExpectedScoreAsync(weights, item)).Within(1e-5));
        Assert.That(result.ModelVersion, Is.EqualTo("big"));
    }

    [Test]
    public async Task ScoreItemAsync_PrecomputedEmbeddingAndMetrics_UsesThemWithoutCallingTheGenerator()
    {
        using var folder = new TestModelFolder();
        var weights = await folder.StoreAsync("v1", seed: 3);
        var service = folder.CreateService();
        var embedding = new float[64];
        new HashingEmbeddingGenerator(64).Embed("something else entirely", embedding);
        var item = new Ancso.Ml.Content.ContentItem("p", "github", "bio", Texts[1])
        {
            Embedding = embedding,
            Metrics = new Dictionary<string, float> { [MetricNames.Impact] = 0.9f },
        };

        var result = await service.ScoreItemAsync(item);

        var expectedFeatures = new float[folder.Layout.Width];
        embedding.CopyTo(expectedFeatures, 0);
        var expectedMetrics = folder.Analyzer.Analyze("github", "bio", Texts[1]) with { Impact = 0.9f };
        expectedMetrics.WriteTo(folder.Layout.MetricNames, expectedFeatures.AsSpan(64));
        Assert.That(folder.Generator.Calls, Is.Zero);
        Assert.That(result.Metrics, Is.EqualTo(expectedMetrics));
        Assert.That(result.Score, Is.EqualTo(weights.Score(expectedFeatures)).Within(1e-5));
    }

    [Test]
    public async Task ScoreItemAsync_GeneratorCompletesAsynchronously_GivesTheSameScore()
    {
        using var folder = new TestModelFolder();
        var weights = await folder.StoreAsync("v1", seed: 4);
        var asyncGenerator = new CountingEmbeddingGenerator(64, completeAsynchronously: true);
        var features = new Ancso.Ml.Features.FeatureBuilder(asyncGenerator, folder.Analyzer);
        using var service = new RankerInferenceService(features, folder.Registry,
            new Ancso.Ml.DependencyInjection.RankerOptions { ModelsDirectory = folder.ModelsDirectory, HotReload = false });
        var item = TestModelFolder.Item("a", Texts[2]);

        var score = await service.ScoreItemAsync(item);
        var comparison = await service.CompareAsync(item, TestModelFolder.Item("b", Texts[1]));
        var ranking = await service.RankAsync([item, TestModelFolder.Item("b", Texts[1])]);

        var expected = await folder.ExpectedScoreAsync(weights, item);
        Assert.That(asyncGenerator.Calls, Is.EqualTo(3));
        Assert.That(score.Score, Is.EqualTo(expected).Within(1e-5));
        Assert.That(comparison.AScore, Is.EqualTo(expected).Within(1e-5));
        Assert.That(ranking.Items.Single(r => r.Item.Id == "a").Score, Is.EqualTo(expected).Within(1e-5));
    }

    [Test]
    public async Task CompareAsync_ActiveModel_ScoresBothInOneCallWithTemperatureConfidence()
    {
        using var folder = new TestModelFolder();
        var weights = await folder.StoreAsync("v1", seed: 5, edit: m => m.Temperature = 0.25);
        var service = folder.CreateService();
        var a = TestModelFolder.Item("a", Texts[0]);
        var b = TestModelFolder.Item("b", Texts[1]);

        var result = await service.CompareAsync(a, b);
        var generatorCalls = folder.Generator.Calls;

        var expectedA = await folder.ExpectedScoreAsync(weights, a);
        var expectedB = await folder.ExpectedScoreAsync(weights, b);
        Assert.That(generatorCalls, Is.EqualTo(1), "both embeddings in one generator call");
        Assert.That(result.AScore, Is.EqualTo(expectedA).Within(1e-5));
        Assert.That(result.BScore, Is.EqualTo(expectedB).Within(1e-5));
        Assert.That(result.Preference, Is.EqualTo(expectedA > expectedB ? Preference.A : Preference.B));
        var expectedConfidence = 1 / (1 + Math.Exp(-Math.Abs((double)result.AScore - result.BScore) / 0.25));
        Assert.That(result.Confidence, Is.EqualTo(expectedConfidence).Within(1e-12));
        Assert.That(result.Confidence, Is.InRange(0.5, 1.0));
        Assert.That(result.Provenance.ModelVersion, Is.EqualTo("v1"));
    }

    [Test]
    public async Task CompareAsync_SameText_IsTieWithConfidenceOneHalf()
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v1", seed: 6);
        var service = folder.CreateService();

        var result = await service.CompareAsync(TestModelFolder.Item("a", Texts[0]), TestModelFolder.Item("b", Texts[0]));

        Assert.That(result.Preference, Is.EqualTo(Preference.Tie));
        Assert.That(result.Confidence, Is.EqualTo(0.5));
        Assert.That(result.AScore, Is.EqualTo(result.BScore));
    }

    [Test]
    public async Task CompareAsync_DifferenceWithinTieTolerance_IsTie()
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v1", seed: 7);
        var service = folder.CreateService(o => o.TieTolerance = 1.0);

        var result = await service.CompareAsync(TestModelFolder.Item("a", Texts[0]), TestModelFolder.Item("b", Texts[1]));

        Assert.That(result.AScore, Is.Not.EqualTo(result.BScore));
        Assert.That(result.Preference, Is.EqualTo(Preference.Tie));
        Assert.That(result.Confidence, Is.EqualTo(0.5));
    }

    [Test]
    public async Task RankAsync_ActiveModel_OrdersBestFirstByModelScore()
    {
        using var folder = new TestModelFolder();
        var weights = await folder.StoreAsync("v1", seed: 8);
        var service = folder.CreateService();
        var items = Enumerable.Range(0, 12).Select(i => TestModelFolder.Item("i" + i, $"{Texts[i % Texts.Length]} #{i}")).ToArray();

        var result = await service.RankAsync(items);

        Assert.That(folder.Generator.Calls, Is.EqualTo(1), "all embeddings in one generator call");
        Assert.That(result.Provenance.ModelVersion, Is.EqualTo("v1"));
        Assert.That(result.Items.Select(r => r.Rank), Is.EqualTo(Enumerable.Range(1, 12)));
        Assert.That(result.Items.Select(r => r.Item.Id), Is.EquivalentTo(items.Select(i => i.Id)));
        Assert.That(result.Items.Select(r => r.Score), Is.Ordered.Descending);
        foreach (var ranked in result.Items)
        {
            Assert.That(ranked.Score, Is.EqualTo(await folder.ExpectedScoreAsync(weights, ranked.Item)).Within(1e-5), ranked.Item.Id);
        }
    }

    [Test]
    public async Task RankAsync_EqualScores_KeepInputOrder()
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v1", seed: 9);
        var service = folder.CreateService();
        var items = new[]
        {
            TestModelFolder.Item("first", Texts[0]), TestModelFolder.Item("other", Texts[2]),
            TestModelFolder.Item("second", Texts[0]), TestModelFolder.Item("third", Texts[0]),
        };

        var result = await service.RankAsync(items);

        var tied = result.Items.Where(r => r.Item.Text == Texts[0]).Select(r => r.Item.Id);
        Assert.That(tied, Is.EqualTo(new[] { "first", "second", "third" }));
    }

    [Test]
    public async Task RankAsync_NoItems_ReturnsEmptyRanking()
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v1", seed: 10);
        var service = folder.CreateService();

        var result = await service.RankAsync([]);

        Assert.That(result.Items, Is.Empty);
        Assert.That(result.Provenance.ModelVersion, Is.EqualTo("v1"));
    }

    [Test]
    public async Task ScoreItemAsync_NoModel_UsesHeuristicWithoutComputingEmbeddings()
    {
        using var folder = new TestModelFolder();
        var service = folder.CreateService();
        var item = TestModelFolder.Item("a", Texts[0]);

        var score = await service.ScoreItemAsync(item);
        var comparison = await service.CompareAsync(item, TestModelFolder.Item("b", Texts[1]));
        var ranking = await service.RankAsync([item, TestModelFolder.Item("b", Texts[1]), TestModelFolder.Item("c", Texts[2])]);

        var metrics = folder.Analyzer.Analyze(item.Platform, item.Section, item.Text);
        Assert.That(folder.Generator.Calls, Is.Zero);
        Assert.That(score.Score, Is.EqualTo(HeuristicScorer.Score(metrics)));
        Assert.That(score.Provenance.Kind, Is.EqualTo(ProvenanceKind.Heuristic));
        Assert.That(score.Provenance.Reason, Is.EqualTo(FallbackReason.NoModel));
        Assert.That(score.ModelVersion, Is.Null);
        Assert.That(comparison.Provenance.Reason, Is.EqualTo(FallbackReason.NoModel));
        var expectedConfidence = 1 / (1 + Math.Exp(-Math.Abs((double)comparison.AScore - comparison.BScore)));
        Assert.That(comparison.Confidence, Is.EqualTo(expectedConfidence).Within(1e-12), "heuristic temperature is 1");
        Assert.That(ranking.Items.Select(r => r.Score), Is.Ordered.Descending);
        Assert.That(ranking.Items.Select(r => r.Score), Is.EquivalentTo(ranking.Items.Select(r =>
            HeuristicScorer.Score(folder.Analyzer.Analyze(r.Item.Platform, r.Item.Section, r.Item.Text)))));
    }

    [Test]
    public async Task ScoreItemAsync_WithoutInitialize_LoadsOnFirstCallAndInitializeIsIdempotent()
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v1", seed: 11);
        var service = folder.CreateService();

        Assert.That(service.CurrentSession, Is.Null);
        var first = await service.ScoreItemAsync(TestModelFolder.Item("a", Texts[0]));
        var session = service.CurrentSession;
        await service.InitializeAsync();
        await service.InitializeAsync();

        Assert.That(first.ModelVersion, Is.EqualTo("v1"));
        Assert.That(service.CurrentSession, Is.SameAs(session));
    }

    [Test]
    public async Task ScoreItemAsync_EmbeddingOfWrongDimension_ThrowsAndKeepsTheModelServing()
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v1", seed: 12);
        var service = folder.CreateService();
        var bad = TestModelFolder.Item("bad", "x");
        bad = new Ancso.Ml.Content.ContentItem(bad.Id, bad.Platform, bad.Section, bad.Text) { Embedding = new float[3] };

        var error = Assert.ThrowsAsync<ArgumentException>(async () => await service.ScoreItemAsync(bad));
        var after = await service.ScoreItemAsync(TestModelFolder.Item("a", Texts[0]));

        Assert.That(error!.Message, Does.Contain("dimension 3"));
        Assert.That(after.ModelVersion, Is.EqualTo("v1"));
        Assert.That(service.CurrentSession!.IsDisposed, Is.False);
    }

    [Test]
    public async Task ScoreItemAsync_CancelledToken_Throws()
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v1", seed: 13);
        var service = folder.CreateService();
        await service.InitializeAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        Assert.ThrowsAsync<OperationCanceledException>(async () => await service.ScoreItemAsync(TestModelFolder.Item("a", "b"), cancelled.Token));
    }

    [Test]
    public async Task ScoreItemAsync_AfterDispose_ThrowsObjectDisposed()
    {
        using var folder = new TestModelFolder();
        await folder.StoreAsync("v1", seed: 14);
        var service = folder.CreateService();
        await service.InitializeAsync();
        var session = service.CurrentSession!;

        service.Dispose();

        Assert.That(session.IsDisposed, Is.True);
        Assert.ThrowsAsync<ObjectDisposedException>(async () => await service.ScoreItemAsync(TestModelFolder.Item("a", "b")));
    }
}
