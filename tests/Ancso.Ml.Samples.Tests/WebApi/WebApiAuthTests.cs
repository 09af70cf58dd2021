using System.Net;
using System.Text;
using System.Text.Json;
using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Pairs.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Ancso.Ml.Samples.Tests.WebApi;

/// <summary>
/// <c>POST /choices</c> through the whole pipeline with real signed tokens: only an authenticated user records a choice,
/// the stored rater is that user's keyed pseudonym (never their id, never anything the body says), and the other
/// endpoints stay open.
/// </summary>
public class WebApiAuthTests : WebApiHost
{

    public enum BadToken
    {
        SignedWithAnotherKey,
        WrongAudience,
        WrongIssuer,
        Expired,
    }

    [Test]
    public async Task Choices_NoToken_Returns401ProblemDetailsAndStoresNothing()
    {
        var before = await CountChoicesAsync();

        using var response = await PostChoiceAsync(Choice("no token"), token: null);

        var text = await response.Content.ReadAsStringAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), text);
            Assert.That(response.Headers.WwwAuthenticate.Select(h => h.Scheme), Does.Contain("Bearer"));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), text);
            Assert.That(JsonDocument.Parse(text).RootElement.GetProperty("status").GetInt32(), Is.EqualTo(401));
            Assert.That(await CountChoicesAsync(), Is.EqualTo(before));
        });
    }

    [TestCase(BadToken.SignedWithAnotherKey)]
    [TestCase(BadToken.WrongAudience)]
    [TestCase(BadToken.WrongIssuer)]
    [TestCase(BadToken.Expired)]
    public async Task Choices_InvalidToken_Returns401AndStoresNothing(BadToken bad)
    {
        var token = bad switch
        {
            BadToken.SignedWithAnotherKey => TestTokens.Create("eve", key: TestTokens.OtherKey),
            BadToken.WrongAudience => TestTokens.Create("eve", audience: "https://another-api.ancso.test"),
            BadToken.WrongIssuer => TestTokens.Create("eve", issuer: "https://another-login.ancso.test"),
            _ => TestTokens.Create("eve", expired: true),
        };
        var before = await CountChoicesAsync();

        using var response = await PostChoiceAsync(Choice($"bad token {bad}"), token);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), await response.Content.ReadAsStringAsync());
        Assert.That(await CountChoicesAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task Choices_ValidTokenWithoutSubject_Returns403ProblemDetails()
    {
        var before = await CountChoicesAsync();

        using var response = await PostChoiceAsync(Choice("no subject"), TestTokens.Create(subject: null));

        var text = await response.Content.ReadAsStringAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), text);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), text);
            Assert.That(text, Does.Contain("user id"));
            Assert.That(await CountChoicesAsync(), Is.EqualTo(before));
        });
    }

    [Test]
    public async Task Choices_ValidToken_StoresTheUsersPseudonymNotTheirId()
    {
        const string subject = "auth0|alice-6f1c2e";

        var pair = await RecordAsync(Choice("alice"), subject);

        var pseudonym = Factory.Services.GetRequiredService<IRaterPseudonymizer>().Pseudonymize(subject);
        Assert.Multiple(() =>
        {
            Assert.That(pair.Rater, Is.EqualTo(pseudonym));
            Assert.That(pair.Rater, Is.Not.EqualTo(subject));
            Assert.That(RaterPseudonyms.IsValid(pair.Rater), Is.True, pair.Rater);
        });
    }

    [Test]
    public async Task Choices_ValidToken_RawSubjectIsNowhereInTheDatabaseFiles()
    {
        const string subject = "bob.raw-subject-4d9a@example.test";

        var pair = await RecordAsync(Choice("bob"), subject);

        // Every file of the store (the database, its write-ahead log, its shared memory), read while the app runs.
        var bytes = Directory.GetFiles(Folder.Combine("data"), "pairs.db*").Select(ReadShared).ToList();
        Assert.That(bytes, Is.Not.Empty);
        Assert.Multiple(() =>
        {
            Assert.That(bytes.Any(b => Contains(b, pair.Rater!)), Is.True, "the pseudonym is stored, so the files were read where the pair is");
            Assert.That(bytes.Any(b => Contains(b, subject)), Is.False, "the user's id is stored nowhere");
            Assert.That(bytes.Any(b => Contains(b, "bob.raw-subject")), Is.False, "not even a part of it");
        });
    }

    [Test]
    public async Task Choices_BodyNamesARater_IgnoredInFavourOfTheTokensUser()
    {
        const string subject = "carol";
        var pseudonyms = Factory.Services.GetRequiredService<IRaterPseudonymizer>();
        var body = new
        {
            platform = "linkedin",
            section = "headline",
            a = "Engineer (carol)",
            b = "Staff engineer | cut p99 latency 45% (carol)",
            better = "b",
            raterId = "mallory",
            rater = pseudonyms.Pseudonymize("mallory"),
            sub = "mallory",
            user = "mallory",
        };

        var pair = await RecordAsync(body, subject);

        Assert.That(pair.Rater, Is.EqualTo(pseudonyms.Pseudonymize(subject)));
        Assert.That(pair.Rater, Is.Not.EqualTo(pseudonyms.Pseudonymize("mallory")));
    }

    [Test]
    public async Task Choices_TwoUsersSameChoice_StoredUnderTwoDifferentPseudonyms()
    {
        var dave = await RecordAsync(Choice("same for both"), "dave");
        var erin = await RecordAsync(Choice("same for both"), "erin");

        var pseudonyms = Factory.Services.GetRequiredService<IRaterPseudonymizer>();
        Assert.Multiple(() =>
        {
            Assert.That(dave.Id, Is.Not.EqualTo(erin.Id), "two people choosing alike are two signals");
            Assert.That(dave.Rater, Is.Not.EqualTo(erin.Rater));
            Assert.That(dave.Rater, Is.EqualTo(pseudonyms.Pseudonymize("dave")));
            Assert.That(erin.Rater, Is.EqualTo(pseudonyms.Pseudonymize("erin")));
        });
    }

    [TestCase("POST", "/score")]
    [TestCase("POST", "/compare")]
    [TestCase("GET", "/ranker/status")]
    [TestCase("GET", "/health")]
    public async Task Endpoint_NoToken_StaysOpen(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (method == "POST")
        {
            request.Content = System.Net.Http.Json.JsonContent.Create(new { platform = "github", section = "bio", text = "Maintainer of PgPool Lite.", a = "Go.", b = "Maintainer of Caddy plugins." });
        }

        using var response = await Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    private static object Choice(string tag) => new
    {
        platform = "linkedin",
        section = "headline",
        a = $"Software engineer ({tag})",
        b = $"Staff engineer | cut p99 latency 45% ({tag})",
        better = "b",
    };

    private async Task<HttpResponseMessage> PostChoiceAsync(object body, string? token)
    {
        using var request = TestTokens.Post("/choices", body, token);
        return await Client.SendAsync(request);
    }

    /// <summary>Records a choice as <paramref name="subject"/> and reads the stored pair back from the app's store.</summary>
    private async Task<StoredPair> RecordAsync(object body, string subject)
    {
        using var response = await PostChoiceAsync(body, TestTokens.Create(subject));
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        var pairId = JsonDocument.Parse(text).RootElement.GetProperty("pairId").GetString()!;
        var pair = await Factory.Services.GetRequiredService<IPairStore>().GetPairAsync(pairId);
        Assert.That(pair, Is.Not.Null, pairId);
        return pair!;
    }

    private async Task<int> CountChoicesAsync() =>
        (await Factory.Services.GetRequiredService<IPairStore>().CountPairsAsync(new PairFilter { Source = PairSources.UserChoice })).Total;

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static bool Contains(byte[] bytes, string text) => bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
}
