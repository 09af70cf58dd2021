using System.Net;
using System.Text.Json;
using Ancso.Ml.Content;
using Ancso.Ml.Inference;
using Ancso.Ml.Metrics;
using Ancso.Ml.Pairs.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Ancso.Ml.Samples.Tests.WebApi;

/// <summary>The reasons of the WebApi sample: returned by <c>/compare</c>, stored with a choice that agrees with them.</summary>
public class WebApiReasonTests : WebApiHost
{
    private const string Vague = "did some work on stuff";
    private const string Concrete = "Staff Engineer at Shopify: cut checkout p99 latency 45% for 12M users";
    private static readonly string UserToken = TestTokens.Create("webapi-reason-tests-user");

    [Test]
    public async Task Compare_NoModel_ReturnsMetricReasonsWithTheWinnersLead()
    {
        var body = await PostOkAsync("/compare", new { platform = "linkedin", section = "headline", a = Vague, b = Concrete });

        var analyzer = Factory.Services.GetRequiredService<IContentMetricsAnalyzer>();
        var winner = analyzer.Analyze("linkedin", "headline", Concrete);
        var loser = analyzer.Analyze("linkedin", "headline", Vague);
        var reasons = body.GetProperty("reasons").EnumerateArray().Select(r => (Tag: r.GetProperty("tag").GetString()!, Strength: r.GetProperty("strength").GetDouble())).ToList();
        Assert.That(body.GetProperty("preference").GetString(), Is.EqualTo("b"));
        Assert.That(body.GetProperty("reasonSource").GetString(), Is.EqualTo("metric_differences"));
        Assert.That(reasons, Has.Count.InRange(1, 3));
        Assert.That(reasons.Select(r => r.Strength), Is.Ordered.Descending);
        foreach (var (tag, strength) in reasons)
        {
            Assert.That(MetricNames.All, Does.Contain(tag));
            Assert.That(strength, Is.EqualTo((double)winner[tag] - loser[tag]).Within(1e-4), tag);
        }

        var direct = await Factory.Services.GetRequiredService<IRankerInferenceService>().CompareAsync(
            new ContentItem("a", "linkedin", "headline", Vague), new ContentItem("b", "linkedin", "headline", Concrete));
        Assert.That(reasons, Is.EqualTo(direct.Reasons.Select(r => (r.Tag, r.Strength))), "the service's reasons, as they are");
    }

    [Test]
    public async Task Compare_SameTextTwice_NoReasons()
    {
        var body = await PostOkAsync("/compare", new { platform = "linkedin", section = "headline", a = Concrete, b = Concrete });

        Assert.That(body.GetProperty("preference").GetString(), Is.EqualTo("tie"));
        Assert.That(body.GetProperty("reasons").GetArrayLength(), Is.Zero);
        Assert.That(body.GetProperty("reasonSource").GetString(), Is.EqualTo("none"));
    }

    [Test]
    public async Task Choices_UserAgreesWithTheComparison_StoresItsFirstTwoReasonsAfterTheHostTags()
    {
        var compared = await PostOkAsync("/compare", new { platform = "linkedin", section = "headline", a = Concrete, b = Vague });
        var reasonTags = compared.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("tag").GetString()!).Take(2).ToArray();
        Assert.That(compared.GetProperty("preference").GetString(), Is.EqualTo("a"));
        Assert.That(reasonTags, Is.Not.Empty);

        var pair = await ChooseAsync(Concrete, Vague, "a", "concrete");

        Assert.That(pair.Tags, Is.EqualTo(new[] { "concrete" }.Concat(reasonTags)));
    }

    [Test]
    public async Task Choices_UserDisagreesWithTheComparison_StoresOnlyTheHostTags()
    {
        var compared = await PostOkAsync("/compare", new { platform = "linkedin", section = "headline", a = Vague, b = Concrete });
        Assert.That(compared.GetProperty("preference").GetString(), Is.EqualTo("b"));
        Assert.That(compared.GetProperty("reasons").GetArrayLength(), Is.GreaterThan(0));

        var pair = await ChooseAsync(Vague, Concrete, "a", "humble");

        Assert.That(pair.Tags, Is.EqualTo(new[] { "humble" }));
    }

    private async Task<StoredPair> ChooseAsync(string a, string b, string better, string hostTag)
    {
        var body = await PostOkAsync("/choices", new { platform = "linkedin", section = "headline", a, b, better, reasonTags = new[] { hostTag } }, UserToken);
        var pair = await Factory.Services.GetRequiredService<IPairStore>().GetPairAsync(body.GetProperty("pairId").GetString()!);
        Assert.That(pair, Is.Not.Null);
        return pair!;
    }
}
