using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace Ancso.Ml.Samples.Tests;

/// <summary>
/// Hosts the WebApi sample in memory over a temporary data folder, with small hashing embeddings, a short hot reload
/// check, the stand-in metrics analyzer, a test rater key, and a bearer scheme that trusts the tokens of
/// <see cref="TestTokens"/>. <paramref name="overrides"/> replaces settings (a <see langword="null"/> value removes
/// one); <paramref name="environment"/> replaces the host's environment (Development otherwise, as
/// WebApplicationFactory sets it).
/// </summary>
internal class WebApiFactory(TempFolder folder, IReadOnlyDictionary<string, string?>? overrides = null, string? environment = null) : WebApplicationFactory<Program>
{
    public const int EmbeddingDimension = 32;

    /// <summary>The rater key the tests run with: base64 of 32 bytes, none of them secret.</summary>
    public static readonly string RaterKey = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData("ancso samples tests rater key"u8));

    public static IReadOnlyDictionary<string, string?> Settings(TempFolder folder) => new Dictionary<string, string?>
    {
        ["Ranker:ModelsDirectory"] = folder.Combine("models"),
        ["Embeddings"] = "hashing",                                // the samples default to arctic-embed-xs, as the CLI; hashing loads no model
        ["Ranker:EmbeddingDimension"] = EmbeddingDimension.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Ranker:HotReloadCheckInterval"] = "00:00:00.200",
        ["Ranker:Sqlite:DatabasePath"] = folder.Combine("data", "pairs.db"),
        ["Ranker:Export:DatasetDirectory"] = folder.Combine("data", "dataset"),
        ["Ranker:Signals:RaterKey"] = RaterKey,
        ["Authentication:Schemes:Bearer:ValidIssuer"] = TestTokens.Issuer,
        ["Authentication:Schemes:Bearer:ValidAudiences:0"] = TestTokens.Audience,
        ["Authentication:Schemes:Bearer:SigningKeys:0:Issuer"] = TestTokens.Issuer,
        ["Authentication:Schemes:Bearer:SigningKeys:0:Value"] = Convert.ToBase64String(TestTokens.SigningKey),

        // Tests that record many choices do not wait for the bucket; the rate limit's own tests set a small one.
        ["ChoiceRateLimit:PermitLimit"] = "100000",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (environment is not null)
        {
            builder.UseEnvironment(environment);
        }

        var settings = new Dictionary<string, string?>(Settings(folder));
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                settings.Remove(key);
            }
            else
            {
                settings[key] = value;
            }
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
