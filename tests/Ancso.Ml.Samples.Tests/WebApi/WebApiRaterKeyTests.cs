using System.Net;

namespace Ancso.Ml.Samples.Tests.WebApi;

/// <summary>The sample does not start without a rater key, nor with the public development key outside Development.</summary>
public class WebApiRaterKeyTests
{
    /// <summary>The key in the sample's appsettings.Development.json (base64 of <c>development-only-rater-key-not-a-secret</c>).</summary>
    private const string DevelopmentKey = "ZGV2ZWxvcG1lbnQtb25seS1yYXRlci1rZXktbm90LWEtc2VjcmV0";

    [Test]
    public void Start_NoRaterKey_FailsNamingTheSettingAndWhereToPutIt()
    {
        using var folder = new TempFolder();
        using var factory = new WebApiFactory(folder, new Dictionary<string, string?> { ["Ranker:Signals:RaterKey"] = null }, environment: "Production");

        var failure = StartupFailure(factory);

        Assert.That(failure, Does.Contain("Ranker:Signals:RaterKey is not set").And.Contain("Ranker__Signals__RaterKey").And.Contain("openssl rand -base64 32"));
    }

    [Test]
    public void Start_DevelopmentKeyOutsideDevelopment_Fails()
    {
        using var folder = new TempFolder();
        using var factory = new WebApiFactory(folder, new Dictionary<string, string?> { ["Ranker:Signals:RaterKey"] = DevelopmentKey }, environment: "Production");

        var failure = StartupFailure(factory);

        Assert.That(failure, Does.Contain("development-only key"));
    }

    [Test]
    public async Task Start_DevelopmentWithoutAKeySetting_UsesTheDevelopmentKeyOfItsSettingsFile()
    {
        using var folder = new TempFolder();
        using var factory = new WebApiFactory(folder, new Dictionary<string, string?> { ["Ranker:Signals:RaterKey"] = null }, environment: "Development");
        using var client = factory.CreateClient();

        using var request = TestTokens.Post("/choices", new { platform = "github", section = "bio", a = "Go.", b = "Maintainer of Caddy plugins.", better = "b" }, TestTokens.Create("ivan"));
        using var response = await client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    /// <summary>Starts the app and returns the messages of what stopped it (the exception and its inner ones).</summary>
    private static string StartupFailure(WebApiFactory factory)
    {
        Exception? failure = null;
        try
        {
            using var client = factory.CreateClient();
        }
        catch (Exception ex)
        {
            failure = ex;
        }

        Assert.That(failure, Is.Not.Null, "the app started");
        var messages = new List<string>();
        for (var ex = failure; ex is not null; ex = ex.InnerException)
        {
            messages.Add(ex.Message);
        }

        return string.Join(Environment.NewLine, messages);
    }
}
