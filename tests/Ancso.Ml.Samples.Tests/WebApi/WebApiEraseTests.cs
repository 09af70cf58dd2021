using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Ancso.Ml.DependencyInjection;
using Ancso.Ml.Embeddings;
using Ancso.Ml.Pairs.Erasure;
using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Pairs.Storage;
using Ancso.Ml.Learning.Export;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ancso.Ml.Samples.Tests.WebApi;

/// <summary>
/// <c>DELETE /me/data</c> through the whole pipeline with real signed tokens, a real SQLite store and a real exported
/// dataset: only the token's user is erased, from the store's rows and from the bytes of its files, with the dataset that
/// held their choices; other users keep everything, and a second call finds nothing.
/// </summary>
public class WebApiEraseTests
{
    private const string Shared = "Staff engineer | shared headline 5c1d";
    private const string EmbeddingGenerator = "tests:seeded-v1";
    private const int EmbeddingDimension = 4;

    // Alice's texts: one she shares with Bob (it stays: his choice uses it), three only she used (they go).
    private static readonly string[] AliceOnly = ["Engineer who ships alice-only-1 9a7b", "alice-only-2 9a7b platform lead", "alice-only-3 9a7b platform lead, 40 services"];
    private static readonly string[] BobOnly = ["Engineer who ships bob-only-1 4e2f", "bob-only-2 4e2f data lead", "bob-only-3 4e2f data lead, 12 pipelines"];

    [Test]
    public async Task DeleteMyData_NoToken_Returns401ProblemDetailsAndErasesNothing()
    {
        using var folder = new TempFolder();
        using var factory = new WebApiFactory(folder);
        using var client = factory.CreateClient();
        await RecordAsync(client, "ivan", Shared, "ivan-only 3b1c");

        using var response = await DeleteMyDataAsync(client, token: null);

        var text = await response.Content.ReadAsStringAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), text);
            Assert.That(response.Headers.WwwAuthenticate.Select(h => h.Scheme), Does.Contain("Bearer"));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), text);
            Assert.That(JsonDocument.Parse(text).RootElement.GetProperty("status").GetInt32(), Is.EqualTo(401));
            Assert.That((await factory.Services.GetRequiredService<IPairStore>().CountPairsAsync()).Total, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task DeleteMyData_ValidTokenWithoutSubject_Returns403ProblemDetailsAndErasesNothing()
    {
        using var folder = new TempFolder();
        using var factory = new WebApiFactory(folder);
        using var client = factory.CreateClient();
        await RecordAsync(client, "judy", Shared, "judy-only 8d2a");

        using var response = await DeleteMyDataAsync(client, TestTokens.Create(subject: null));

        var text = await response.Content.ReadAsStringAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), text);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), text);
            Assert.That(text, Does.Contain("user id"));
            Assert.That((await factory.Services.GetRequiredService<IPairStore>().CountPairsAsync()).Total, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task DeleteMyData_TwoUsers_ErasesTheCallersDataFromTheStoreItsFilesAndTheDatasetAndNothingOfTheOther()
    {
        using var folder = new TempFolder();
        using var factory = new WebApiFactory(folder);
        using var client = factory.CreateClient();
        await RecordAliceAndBobAsync(factory, client, folder);
        var store = factory.Services.GetRequiredService<IPairStore>();
        var pseudonyms = factory.Services.GetRequiredService<IRaterPseudonymizer>();
        var bobPairs = await PairsOfAsync(store, pseudonyms.Pseudonymize("bob"));

        // The controls: before the erasure Alice's texts and vectors are in the files, so the look below reads the right bytes.
        var before = StoreFiles.Read(folder);
        Assert.Multiple(() =>
        {
            foreach (var text in AliceOnly)
            {
                Assert.That(StoreFiles.Contain(before, Encoding.UTF8.GetBytes(text)), Is.True, $"'{text}' is stored before the erasure");
                Assert.That(StoreFiles.Contain(before, VectorBytes(text)), Is.True, $"the vector of '{text}' is cached before the erasure");
            }
        });

        var erased = await DeleteMyDataOkAsync(client, "alice");

        Assert.Multiple(() =>
        {
            Assert.That(erased.GetProperty("pairs").GetInt32(), Is.EqualTo(2));
            Assert.That(erased.GetProperty("items").GetInt32(), Is.EqualTo(AliceOnly.Length), "the shared text stays: Bob's choice uses it");
            Assert.That(erased.GetProperty("embeddings").GetInt32(), Is.EqualTo(AliceOnly.Length));
            Assert.That(erased.GetProperty("datasetFilesDeleted").GetInt32(), Is.EqualTo(2), "the dataset held her choices: it and its metadata go");
            Assert.That(erased.GetProperty("activeModelTrainedOnErasedData").GetBoolean(), Is.False, "no model yet");
            Assert.That(erased.GetProperty("detail").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });

        var remaining = new List<StoredPair>();
        await foreach (var pair in store.StreamPairsAsync())
        {
            remaining.Add(pair);
        }

        var after = StoreFiles.Read(folder);
        var cached = await factory.Services.GetRequiredService<IEmbeddingCache>().GetManyAsync(
            EmbeddingGenerator, EmbeddingDimension, [.. AliceOnly.Concat(BobOnly).Append(Shared).Select(TextHash)]);
        Assert.Multiple(() =>
        {
            Assert.That(remaining.Select(p => p.Id), Is.EquivalentTo(bobPairs.Select(p => p.Id)), "only Bob's pairs remain");
            Assert.That(remaining.Select(Describe), Is.EqualTo(bobPairs.Select(Describe)), "Bob's pairs are untouched");
            Assert.That(cached.Keys, Is.EquivalentTo(BobOnly.Append(Shared).Select(TextHash)), "Bob's cached embeddings stay, Alice's go");
            Assert.That(Directory.GetFiles(folder.Combine("data", "dataset")), Is.Empty, "the exported dataset is gone; export again to get one without her");
            foreach (var text in AliceOnly)
            {
                Assert.That(StoreFiles.Contain(after, Encoding.UTF8.GetBytes(text)), Is.False, $"'{text}' left pairs.db and pairs.db-wal");
                Assert.That(StoreFiles.Contain(after, VectorBytes(text)), Is.False, $"the vector of '{text}' left the files");
            }

            foreach (var text in BobOnly.Append(Shared))
            {
                Assert.That(StoreFiles.Contain(after, Encoding.UTF8.GetBytes(text)), Is.True, $"Bob's '{text}' is still stored");
            }
        });
    }

    [Test]
    public async Task DeleteMyData_CalledTwice_SecondCallReturnsZeroCounts()
    {
        using var folder = new TempFolder();
        using var factory = new WebApiFactory(folder);
        using var client = factory.CreateClient();
        await RecordAliceAndBobAsync(factory, client, folder);

        var first = await DeleteMyDataOkAsync(client, "alice");
        var second = await DeleteMyDataOkAsync(client, "alice");

        Assert.Multiple(async () =>
        {
            Assert.That(first.GetProperty("pairs").GetInt32(), Is.EqualTo(2));
            Assert.That(second.GetProperty("pairs").GetInt32(), Is.Zero);
            Assert.That(second.GetProperty("items").GetInt32(), Is.Zero);
            Assert.That(second.GetProperty("embeddings").GetInt32(), Is.Zero);
            Assert.That(second.GetProperty("datasetFilesDeleted").GetInt32(), Is.Zero);
            Assert.That((await factory.Services.GetRequiredService<IPairStore>().CountPairsAsync()).Total, Is.EqualTo(2), "Bob's two pairs");
        });
    }

    [Test]
    public async Task DeleteMyData_MoreThanThePermitLimit_Returns429WhileChoicesAndOtherUsersAreNotLimited()
    {
        using var folder = new TempFolder();
        using var factory = new WebApiFactory(folder, new Dictionary<string, string?>
        {
            ["ErasureRateLimit:PermitLimit"] = "2",
            ["ErasureRateLimit:Window"] = "01:00:00",
        });
        using var client = factory.CreateClient();
        var mallory = TestTokens.Create("mallory");
        for (var i = 0; i < 2; i++)
        {
            using var accepted = await DeleteMyDataAsync(client, mallory);
            Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"erasure {i + 1} of 2: {await accepted.Content.ReadAsStringAsync()}");
        }

        using var refused = await DeleteMyDataAsync(client, mallory);

        var text = await refused.Content.ReadAsStringAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests), text);
            Assert.That(refused.Headers.RetryAfter?.Delta, Is.Not.Null.And.GreaterThan(TimeSpan.Zero), refused.Headers.ToString());
            Assert.That(refused.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), text);
            Assert.That(JsonDocument.Parse(text).RootElement.GetProperty("title").GetString(), Is.EqualTo("Too many erasure requests."));
            Assert.That(JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString(), Does.Contain("request 2 erasures"));

            // Her own choices have buckets of their own, and another user's erasures are not affected.
            await RecordAsync(client, "mallory", Shared, "mallory-only 1f0e");
            using var other = await DeleteMyDataAsync(client, TestTokens.Create("niaj"));
            Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.OK), await other.Content.ReadAsStringAsync());
        });
    }

    [Test]
    public async Task OpenApi_Document_DescribesDeleteMyData()
    {
        using var folder = new TempFolder();
        using var factory = new WebApiFactory(folder);
        using var client = factory.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>(new Uri("/openapi/v1.json", UriKind.Relative));

        var operation = document.GetProperty("paths").GetProperty("/me/data").GetProperty("delete");
        Assert.Multiple(() =>
        {
            Assert.That(operation.GetProperty("operationId").GetString(), Is.EqualTo("EraseMyData"));
            Assert.That(operation.GetProperty("summary").GetString(), Does.Contain("authenticated user"));
            Assert.That(operation.GetProperty("responses").EnumerateObject().Select(r => r.Name), Is.SupersetOf(new[] { "200", "401", "403", "429" }));
            Assert.That(operation.TryGetProperty("requestBody", out _), Is.False, "nothing in a request can name whom to erase");
        });
    }

    /// <summary>
    /// Alice and Bob each record two choices, one of them on a text they share; every text's embedding is cached (as a
    /// real generator's would be: the hashing generator of the tests caches none), and the store is exported as a dataset.
    /// </summary>
    private static async Task RecordAliceAndBobAsync(WebApiFactory factory, HttpClient client, TempFolder folder)
    {
        await RecordAsync(client, "alice", Shared, AliceOnly[0]);
        await RecordAsync(client, "alice", AliceOnly[1], AliceOnly[2]);
        await RecordAsync(client, "bob", Shared, BobOnly[0]);
        await RecordAsync(client, "bob", BobOnly[1], BobOnly[2]);
        await factory.Services.GetRequiredService<IEmbeddingCache>().SetManyAsync(
            EmbeddingGenerator, EmbeddingDimension, AliceOnly.Concat(BobOnly).Append(Shared).ToDictionary(TextHash, Vector));

        var settings = new ConfigurationBuilder().AddInMemoryCollection(WebApiFactory.Settings(folder)).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddRanker(settings.GetSection(RankerOptions.SectionName)).AddSqlitePairStore().AddDatasetExport();
        await using var exporting = services.BuildServiceProvider();
        await exporting.GetRequiredService<IPairDatasetExporter>().ExportAsync();
        Assert.That(Directory.GetFiles(folder.Combine("data", "dataset")), Is.Not.Empty, "the dataset was exported");
    }

    private static async Task RecordAsync(HttpClient client, string user, string a, string b)
    {
        using var request = TestTokens.Post("/choices", new { platform = "linkedin", section = "headline", a, b, better = "b" }, TestTokens.Create(user));
        using var response = await client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    private static async Task<HttpResponseMessage> DeleteMyDataAsync(HttpClient client, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, new Uri("/me/data", UriKind.Relative));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await client.SendAsync(request);
    }

    internal static async Task<JsonElement> DeleteMyDataOkAsync(HttpClient client, string user)
    {
        using var response = await DeleteMyDataAsync(client, TestTokens.Create(user));
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<List<StoredPair>> PairsOfAsync(IPairStore store, string rater)
    {
        var pairs = new List<StoredPair>();
        await foreach (var pair in store.StreamPairsAsync())
        {
            if (pair.Rater == rater)
            {
                pairs.Add(pair);
            }
        }

        Assert.That(pairs, Has.Count.EqualTo(2));
        return pairs;
    }

    /// <summary>The embedding cache's key of a text: lower-case hex SHA-256 of its UTF-8 bytes (<c>PairErasureQuery.TextHash</c> documents it).</summary>
    private static string TextHash(string text) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Describe(StoredPair pair) =>
        $"{pair.Id} {pair.Sequence} {pair.ItemA.Id}:{pair.ItemA.Text} {pair.ItemB.Id}:{pair.ItemB.Text} {pair.Better} {pair.Source} {pair.Rater} {pair.CreatedAt:O}";

    /// <summary>A vector no other text has, whose bytes are easy to find in a file.</summary>
    private static float[] Vector(string text)
    {
        var seed = (float)int.Parse(TextHash(text)[..4], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
        return [1000.125f + seed, -2000.25f - seed, 3000.5f + seed, 0.0625f * seed];
    }

    private static byte[] VectorBytes(string text) => MemoryMarshal.AsBytes(Vector(text).AsSpan()).ToArray();
}
