using System.Net;
using System.Text.Json;

namespace Ancso.Ml.Samples.Tests.WebApi;

/// <summary>
/// One WebApi sample host for a test class: a temporary folder, the factory over it and a client, made once and disposed
/// after the class; and the request every test class repeats, a POST that must answer 200.
/// </summary>
public abstract class WebApiHost
{
    private protected TempFolder Folder { get; private set; } = null!;

    private protected WebApiFactory Factory { get; private set; } = null!;

    private protected HttpClient Client { get; private set; } = null!;

    [OneTimeSetUp]
    public void Start()
    {
        Folder = new TempFolder();
        Factory = new WebApiFactory(Folder);
        Client = Factory.CreateClient();
    }

    [OneTimeTearDown]
    public void Stop()
    {
        Client.Dispose();
        Factory.Dispose();
        Folder.Dispose();
    }

    /// <summary>Posts <paramref name="request"/> as JSON (with a bearer token when given), asserts 200 and returns the body.</summary>
    private protected async Task<JsonElement> PostOkAsync(string path, object request, string? token = null)
    {
        using var message = TestTokens.Post(path, request, token);
        using var response = await Client.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
