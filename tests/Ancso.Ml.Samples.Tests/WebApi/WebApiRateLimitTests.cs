using System.Globalization;
using System.Net;
using System.Text.Json;
using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Pairs.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Ancso.Ml.Samples.Tests.WebApi;

/// <summary>
/// <c>POST /choices</c> is limited per user (ASP.NET Core's rate limiter, a token bucket per user id); here 3 choices,
/// refilled over an hour, so no token comes back while a test runs. Scoring is not limited.
/// </summary>
public class WebApiRateLimitTests
{
    private const int PermitLimit = 3;
    private TempFolder _folder = null!;
    private WebApiFactory _factory = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _folder = new TempFolder();
        _factory = new WebApiFactory(_folder, new Dictionary<string, string?>
        {
            ["ChoiceRateLimit:PermitLimit"] = PermitLimit.ToString(CultureInfo.InvariantCulture),
            ["ChoiceRateLimit:Window"] = "01:00:00",
        });
        _client = _factory.CreateClient();
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _client.Dispose();
        _factory.Dispose();
        _folder.Dispose();
    }

    [Test]
    public async Task Choices_MoreThanThePermitLimit_Returns429WithRetryAfterAndStoresNothing()
    {
        var token = TestTokens.Create("frank");
        for (var i = 0; i < PermitLimit; i++)
        {
            using var accepted = await PostChoiceAsync(token, $"frank {i}");
            Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"choice {i + 1} of {PermitLimit}: {await accepted.Content.ReadAsStringAsync()}");
        }

        var stored = await CountChoicesAsync();
        using var refused = await PostChoiceAsync(token, "frank, one too many");

        var text = await refused.Content.ReadAsStringAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests), text);
            Assert.That(refused.Headers.RetryAfter?.Delta, Is.Not.Null.And.GreaterThan(TimeSpan.Zero), refused.Headers.ToString());
            Assert.That(refused.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), text);
            Assert.That(JsonDocument.Parse(text).RootElement.GetProperty("status").GetInt32(), Is.EqualTo(429));
            Assert.That(await CountChoicesAsync(), Is.EqualTo(stored));
        });
    }

    [Test]
    public async Task Choices_OneUserAtTheLimit_AnotherUserIsNotAffected()
    {
        var grace = TestTokens.Create("grace");
        for (var i = 0; i <= PermitLimit; i++)
        {
            using var response = await PostChoiceAsync(grace, $"grace {i}");
            Assert.That(response.StatusCode, Is.EqualTo(i < PermitLimit ? HttpStatusCode.OK : HttpStatusCode.TooManyRequests), $"grace's choice {i + 1}");
        }

        using var heidi = await PostChoiceAsync(TestTokens.Create("heidi"), "heidi 0");

        Assert.That(heidi.StatusCode, Is.EqualTo(HttpStatusCode.OK), await heidi.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Score_MoreRequestsThanTheChoiceLimit_NeverLimited()
    {
        for (var i = 0; i < PermitLimit * 3; i++)
        {
            using var request = TestTokens.Post("/score", new { platform = "github", section = "bio", text = $"Maintainer of PgPool Lite {i}." }, token: null);
            using var response = await _client.SendAsync(request);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"score {i + 1}");
        }
    }

    private async Task<HttpResponseMessage> PostChoiceAsync(string token, string tag)
    {
        using var request = TestTokens.Post("/choices", new
        {
            platform = "github",
            section = "bio",
            a = $"Writes code ({tag})",
            b = $"Maintainer of a PostgreSQL connection pooler used by 30 companies ({tag})",
            better = "b",
        }, token);
        return await _client.SendAsync(request);
    }

    private async Task<int> CountChoicesAsync() =>
        (await _factory.Services.GetRequiredService<IPairStore>().CountPairsAsync(new PairFilter { Source = PairSources.UserChoice })).Total;
}
