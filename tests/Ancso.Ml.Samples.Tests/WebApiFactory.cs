using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace Ancso.Ml.Samples.Tests;

/// <summary>
/// Hosts the WebApi sample in memory over a temporary data folder, with small hashing embeddings, a short hot reload
/// check and the stand-in metrics analyzer.
/// </summary>
internal class WebApiFactory(TempFolder folder) : WebApplicationFactory<Program>
{
    public const int EmbeddingDimension = 32;

    public static IReadOnlyDictionary<string, string?> Settings(TempFolder folder) => new Dictionary<string, string?>
    {
        ["Ranker:ModelsDirectory"] = folder.Combine("models"),
        ["Ranker:EmbeddingDimension"] = EmbeddingDimension.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Ranker:HotReloadCheckInterval"] = "00:00:00.200",
        ["Ranker:Pairs:DatabasePath"] = folder.Combine("data", "pairs.db"),
        ["Ranker:Pairs:DatasetDirectory"] = folder.Combine("data", "dataset"),
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in Settings(folder))
        {
            builder.UseSetting(key, value);
        }
    }
}
