using Ancso.Ml.Content;
using Ancso.Ml.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Ancso.Ml.Tests.Metrics;

public class ContentMetricsAnalyzerRegistrationTests
{
    [Test]
    public void AddRanker_ResolvesBuiltInAnalyzer_ThatComputesMetrics()
    {
        using var provider = new ServiceCollection().AddRanker().Services.BuildServiceProvider();

        var analyzer = provider.GetRequiredService<IContentMetricsAnalyzer>();
        var metrics = analyzer.Analyze(ContentPlatforms.LinkedIn, ContentSections.Headline, "Senior Backend Engineer | Payments in Go");

        Assert.Multiple(() =>
        {
            Assert.That(analyzer, Is.InstanceOf<ContentMetricsAnalyzer>());
            Assert.That(metrics.Clarity, Is.GreaterThan(0.5f));
        });
    }
}
