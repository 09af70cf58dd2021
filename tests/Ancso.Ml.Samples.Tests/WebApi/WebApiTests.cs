using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Pairs.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Ancso.Ml.Samples.Tests.WebApi;

/// <summary>Each endpoint of the WebApi sample over HTTP, with no model (the heuristic scores).</summary>
public class WebApiTests : WebApiHost
{
    private static readonly string UserToken = TestTokens.Create("webapi-tests-user");

    [Test]
    public async Task Score_ValidText_ReturnsHeuristicScoreWithMetrics()
    {
        var body = await PostOkAsync("/score", new { platform = "github", section = "bio", text = "Maintainer of PgPool Lite, used by 30 companies.", id = "bio-1" });
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("itemId").GetString(), Is.EqualTo("bio-1"));
            Assert.That(body.GetProperty("score").GetSingle(), Is.InRange(0f, 1f));
            Assert.That(body.GetProperty("metrics").GetProperty("clarity").GetSingle(), Is.InRange(0f, 1f));
            Assert.That(body.GetProperty("provenance").GetProperty("kind").GetString(), Is.EqualTo("heuristic"));
            Assert.That(body.GetProperty("provenance").GetProperty("reason").GetString(), Is.EqualTo("no_model"));
        });
    }

    [Test]
    public async Task Score_MissingText_Returns400NamingText()
    {
        var problem = await PostProblemAsync("/score", new { platform = "github", section = "bio" });
        Assert.That(problem.GetProperty("errors").GetProperty("text")[0].GetString(), Does.Contain("required"));
    }

    [Test]
    public async Task Score_SectionOfAnotherPlatform_Returns400ListingSections()
    {
        var problem = await PostProblemAsync("/score", new { platform = "github", section = "headline", text = "Builds things." });
        var errors = problem.GetProperty("errors");
        Assert.Multiple(() =>
        {
            Assert.That(errors.GetProperty("section")[0].GetString(), Does.Contain("'headline'").And.Contain("bio, readme, repo_description"));
            Assert.That(errors.EnumerateObject().Select(e => e.Name), Is.EqualTo(new[] { "section" }));
        });
    }

    [Test]
    public async Task Score_UnknownPlatformBlankTextNoSection_Returns400NamingEachField()
    {
        var problem = await PostProblemAsync("/score", new { platform = "myspace", text = "   " });
        var errors = problem.GetProperty("errors");
        Assert.Multiple(() =>
        {
            Assert.That(errors.GetProperty("platform")[0].GetString(), Does.Contain("'myspace'").And.Contain("github, linkedin"));
            Assert.That(errors.GetProperty("section")[0].GetString(), Does.Contain("required").And.Contain("github: bio, readme, repo_description"));
            Assert.That(errors.GetProperty("text")[0].GetString(), Does.Contain("text is required"));
        });
    }

    [Test]
    public async Task Score_UnknownSection_Returns400ListingEachPlatformsSections()
    {
        var problem = await PostProblemAsync("/score", new { platform = "linkedin", section = "tagline", text = "Engineer." });
        Assert.That(
            problem.GetProperty("errors").GetProperty("section")[0].GetString(),
            Does.Contain("'tagline'").And.Contain("linkedin: headline, about, experience"));
    }

    [Test]
    public async Task Score_MalformedJson_Returns400ProblemDetails()
    {
        using var content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json");
        using var response = await Client.PostAsync(new Uri("/score", UriKind.Relative), content);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    [Test]
    public async Task Compare_ConcreteAgainstVague_PrefersConcrete()
    {
        var body = await PostOkAsync("/compare", new
        {
            platform = "linkedin",
            section = "headline",
            a = "did some work on stuff",
            b = "Staff Engineer at Shopify: cut checkout p99 latency 45% for 12M users",
        });
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("preference").GetString(), Is.EqualTo("b"));
            Assert.That(body.GetProperty("bScore").GetSingle(), Is.GreaterThan(body.GetProperty("aScore").GetSingle()));
            Assert.That(body.GetProperty("confidence").GetDouble(), Is.InRange(0.5, 1.0));
            Assert.That(body.GetProperty("provenance").GetProperty("kind").GetString(), Is.EqualTo("heuristic"));
        });
    }

    [Test]
    public async Task Compare_MissingB_Returns400NamingB()
    {
        var problem = await PostProblemAsync("/compare", new { platform = "linkedin", section = "headline", a = "Engineer" });
        Assert.That(problem.GetProperty("errors").TryGetProperty("b", out _), Is.True, problem.ToString());
    }

    [Test]
    public async Task Choices_ValidChoice_StoredAsUserChoicePair()
    {
        var store = Factory.Services.GetRequiredService<IPairStore>();
        var before = (await store.CountPairsAsync(new PairFilter { Source = PairSources.UserChoice })).Total;

        var body = await PostOkAsync("/choices", new
        {
            platform = "linkedin",
            section = "about",
            a = "I like computers.",
            b = "I build payment systems: 3 years at Adyen, 40M transactions a day, on-call lead.",
            better = "b",
            reasonTags = new[] { "specific" },
        }, UserToken);

        var pair = await store.GetPairAsync(body.GetProperty("pairId").GetString()!);
        Assert.Multiple(async () =>
        {
            Assert.That(body.GetProperty("source").GetString(), Is.EqualTo(PairSources.UserChoice));
            Assert.That(body.GetProperty("better").GetString(), Is.EqualTo("b"));
            Assert.That(body.GetProperty("isNew").GetBoolean(), Is.True);
            Assert.That(pair, Is.Not.Null);
            Assert.That(pair!.Better, Is.EqualTo(PairSide.B));
            Assert.That((await store.CountPairsAsync(new PairFilter { Source = PairSources.UserChoice })).Total, Is.EqualTo(before + 1));
        });
    }

    [TestCase("c", "Unknown better value 'c'")]
    [TestCase(null, "better is required")]
    public async Task Choices_BadBetter_Returns400(string? better, string message)
    {
        var problem = await PostProblemAsync("/choices", new { platform = "github", section = "bio", a = "Rust and Go.", b = "Maintainer of ripgrep-lite.", better }, UserToken);
        Assert.That(problem.GetProperty("errors").GetProperty("better")[0].GetString(), Does.Contain(message));
    }

    [Test]
    public async Task Choices_IdenticalTexts_Returns400WithTheRecordersMessage()
    {
        var problem = await PostProblemAsync("/choices", new { platform = "github", section = "bio", a = "Same text.", b = "Same text.", better = "a" }, UserToken);
        Assert.Multiple(() =>
        {
            Assert.That(problem.GetProperty("title").GetString(), Is.EqualTo("The choice was not recorded."));
            Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("same item").And.Contain("both sides"));
        });
    }

    [Test]
    public async Task Choices_BadTag_Returns400WithTheRecordersMessage()
    {
        var problem = await PostProblemAsync("/choices", new { platform = "github", section = "bio", a = "Go.", b = "Maintainer of Caddy plugins.", better = "b", reasonTags = new[] { "" } }, UserToken);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("empty tag"));
    }

    [Test]
    public async Task Status_NoModel_ReportsHeuristicAndWhy()
    {
        var body = await Client.GetFromJsonAsync<JsonElement>(new Uri("/ranker/status", UriKind.Relative));
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("provenance").GetProperty("kind").GetString(), Is.EqualTo("heuristic"));
            Assert.That(body.GetProperty("provenance").GetProperty("reason").GetString(), Is.EqualTo("no_model"));
            Assert.That(body.GetProperty("provenance").GetProperty("detail").GetString(), Does.Contain("No model is active in the models folder"));
            Assert.That(body.GetProperty("activeModel").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(body.TryGetProperty("modelsDirectory", out _), Is.False);
        });
    }

    [TestCase("POST", "/score")]
    [TestCase("POST", "/compare")]
    [TestCase("GET", "/ranker/status")]
    [TestCase("GET", "/health")]
    public async Task Endpoint_NoModel_ResponseHoldsNoServerPath(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new { platform = "github", section = "bio", text = "Maintainer of PgPool Lite.", a = "Go.", b = "Maintainer of Caddy plugins." });
        }

        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        Assert.That(text, Does.Contain("models folder").Or.Contain("no_model"), text);
        Assert.That(text, Does.Not.Contain(Folder.Path).And.Not.Contain(Path.GetTempPath().TrimEnd('/')), "the server's absolute paths are not for anonymous clients");
    }

    [Test]
    public async Task Health_NoModel_DegradedWithHeuristicProvenance()
    {
        using var response = await Client.GetAsync(new Uri("/health", UriKind.Relative));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("Degraded"));
            Assert.That(body.GetProperty("provenance").GetString(), Is.EqualTo("heuristic"));
            Assert.That(body.GetProperty("reason").GetString(), Is.EqualTo("no_model"));
            Assert.That(body.GetProperty("embeddingGenerator").GetString(), Does.StartWith("ancso:hashing"));
            Assert.That(body.GetProperty("description").GetString(), Does.Contain("no_model").And.Contain("No model is active"));
        });
    }

    [Test]
    public async Task OpenApi_Document_ListsEveryEndpointWithItsRequestSchema()
    {
        var document = await Client.GetFromJsonAsync<JsonElement>(new Uri("/openapi/v1.json", UriKind.Relative));
        var paths = document.GetProperty("paths");
        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.Multiple(() =>
        {
            Assert.That(paths.EnumerateObject().Select(p => p.Name), Is.SupersetOf(new[] { "/score", "/compare", "/choices", "/ranker/status" }));
            Assert.That(paths.GetProperty("/score").GetProperty("post").GetProperty("operationId").GetString(), Is.EqualTo("Score"));
            Assert.That(paths.GetProperty("/choices").GetProperty("post").GetProperty("responses").EnumerateObject().Select(r => r.Name),
                Is.SupersetOf(new[] { "200", "400", "401", "403", "429" }));
            Assert.That(schemas.GetProperty("ScoreRequest").GetProperty("properties").EnumerateObject().Select(p => p.Name),
                Is.EquivalentTo(new[] { "platform", "section", "text", "id" }));
        });
    }

    private async Task<JsonElement> PostProblemAsync(string path, object request, string? token = null)
    {
        using var message = TestTokens.Post(path, request, token);
        using var response = await Client.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
