using Ancso.Ml.Embeddings.OpenRouter;

namespace Ancso.Ml.Tests.Embeddings.OpenRouter;

public class OpenRouterEmbeddingOptionsTests
{
    private const string Key = "sk-or-v1-options-test-key";

    [Test]
    public void PostConfigure_NoKeyInOptions_TakesTheTrimmedEnvironmentVariable()
    {
        var options = new OpenRouterEmbeddingOptions();
        new OpenRouterApiKeyFromEnvironment(name => name == "OPENROUTER_API_KEY" ? $"  {Key}\n" : null).PostConfigure(null, options);
        Assert.That(options.ApiKey, Is.EqualTo(Key));
    }

    [Test]
    public void PostConfigure_KeyInOptions_IgnoresTheEnvironmentVariable()
    {
        var options = new OpenRouterEmbeddingOptions { ApiKey = Key };
        new OpenRouterApiKeyFromEnvironment(_ => "from-environment").PostConfigure(null, options);
        Assert.That(options.ApiKey, Is.EqualTo(Key));
    }

    [Test]
    public void Validate_Defaults_AreValidOnceAKeyIsSet()
    {
        var options = new OpenRouterEmbeddingOptions { ApiKey = Key };
        Assert.Multiple(() =>
        {
            Assert.That(new OpenRouterEmbeddingOptionsChecks().Validate(null, options).Succeeded, Is.True);
            Assert.That(new OpenRouterEmbeddingOptionsValidator().Validate(null, options).Succeeded, Is.True);
            Assert.That(options.Model, Is.EqualTo("openai/text-embedding-3-small"));
            Assert.That(options.Dimensions, Is.EqualTo(1536));
            Assert.That(options.BaseAddress, Is.EqualTo(new Uri("https://openrouter.ai/api/v1/")));
            Assert.That(options.ProviderName, Is.EqualTo("openrouter"));
            Assert.That(options.EncodingFormat, Is.EqualTo(EmbeddingEncodingFormat.FloatArray));
        });
    }

    [Test]
    public void Validate_NoKey_FailsNamingTheEnvironmentVariable()
    {
        var result = new OpenRouterEmbeddingOptionsChecks().Validate(null, new OpenRouterEmbeddingOptions());
        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain("OPENROUTER_API_KEY").And.Contain("ApiKey"));
    }

    [Test]
    public void Validate_KeyWithALineBreak_FailsWithoutQuotingTheKey()
    {
        var result = new OpenRouterEmbeddingOptionsChecks().Validate(null, new OpenRouterEmbeddingOptions { ApiKey = "sk-or-v1-sec\nret" });
        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain("line breaks").And.Not.Contain("sk-or-v1-sec"));
    }

    [TestCase("ftp://example.com/v1/")]
    [TestCase("https://user:secret@example.com/v1/")]
    [TestCase("https://example.com/v1/?key=abc")]
    public void Validate_UnusableBaseAddress_FailsNamingTheOption(string address)
    {
        var result = new OpenRouterEmbeddingOptionsChecks().Validate(null, new OpenRouterEmbeddingOptions { ApiKey = Key, BaseAddress = new Uri(address) });
        Assert.That(result.FailureMessage, Does.Contain("BaseAddress").And.Contain("https://openrouter.ai/api/v1/"));
    }

    [Test]
    public void Validate_RelativeBaseAddress_Fails()
    {
        var result = new OpenRouterEmbeddingOptionsChecks().Validate(null, new OpenRouterEmbeddingOptions { ApiKey = Key, BaseAddress = new Uri("api/v1/", UriKind.Relative) });
        Assert.That(result.FailureMessage, Does.Contain("BaseAddress"));
    }

    [Test]
    public void Validate_BadTimesAndFormat_FailsNamingEachOption()
    {
        var options = new OpenRouterEmbeddingOptions
        {
            ApiKey = Key,
            Timeout = TimeSpan.Zero,
            RetryBaseDelay = TimeSpan.FromSeconds(10),
            MaxRetryDelay = TimeSpan.FromSeconds(5),
            EncodingFormat = (EmbeddingEncodingFormat)7,
        };
        var result = new OpenRouterEmbeddingOptionsChecks().Validate(null, options);
        Assert.That(result.FailureMessage, Does.Contain("Timeout").And.Contain("MaxRetryDelay").And.Contain("EncodingFormat"));
    }

    [Test]
    public void Validate_OutOfRangeNumbers_FailFromTheAnnotations()
    {
        var options = new OpenRouterEmbeddingOptions { ApiKey = Key, BatchSize = 0, Dimensions = 0, MaxRetries = -1, Model = "" };
        var result = new OpenRouterEmbeddingOptionsValidator().Validate(null, options);
        Assert.That(result.FailureMessage, Does.Contain("BatchSize").And.Contain("Dimensions").And.Contain("MaxRetries").And.Contain("Model"));
    }
}
