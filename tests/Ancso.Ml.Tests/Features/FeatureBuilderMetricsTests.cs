using Ancso.Ml.Embeddings;
using Ancso.Ml.Features;
using Ancso.Ml.Metrics;
using Ancso.Ml.Tests.Inference;

namespace Ancso.Ml.Tests.Features;

public class FeatureBuilderMetricsTests
{
    [Test]
    public void GetMetrics_ItemSuppliesAllSix_SkipsTheAnalyzerAndClamps()
    {
        var analyzer = new DeterministicMetricsAnalyzer();
        var builder = new FeatureBuilder(new HashingEmbeddingGenerator(16), analyzer);
        var item = new Ancso.Ml.Content.ContentItem("a", "github", "bio", "text")
        {
            Metrics = new Dictionary<string, float>
            {
                [MetricNames.Clarity] = 0.1f, [MetricNames.Impact] = 1.5f, [MetricNames.Relevance] = 0.3f,
                [MetricNames.KeywordScore] = 0.4f, [MetricNames.Specificity] = -2f, [MetricNames.Readability] = 0.6f,
            },
        };

        var metrics = builder.GetMetrics(item);

        Assert.That(analyzer.Calls, Is.Zero);
        Assert.That(metrics, Is.EqualTo(new ContentMetrics(0.1f, 1f, 0.3f, 0.4f, 0f, 0.6f)));
    }

    [Test]
    public void GetMetrics_OneSuppliedValueIsNaN_AnalyzesAndKeepsTheAnalyzedValue()
    {
        var analyzer = new DeterministicMetricsAnalyzer();
        var builder = new FeatureBuilder(new HashingEmbeddingGenerator(16), analyzer);
        var supplied = MetricNames.All.ToDictionary(n => n, _ => 0.5f);
        supplied[MetricNames.Impact] = float.NaN;
        var item = new Ancso.Ml.Content.ContentItem("a", "github", "bio", "text") { Metrics = supplied };

        var metrics = builder.GetMetrics(item);

        Assert.That(analyzer.Calls, Is.EqualTo(1));
        Assert.That(metrics.Impact, Is.EqualTo(analyzer.Analyze("github", "bio", "text").Impact));
        Assert.That(metrics.Clarity, Is.EqualTo(0.5f));
    }
}
