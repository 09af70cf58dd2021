using System.Text.Json;

namespace Ancso.Ml.Cli.Tests;

/// <summary>The <c>--embeddings</c> choice of the arctic encoder's precision: int8 by default, float32 by name, never mixed.</summary>
public class CliEmbeddingsChoiceTests
{
    [TestCase(null, "local:arctic-embed-xs-int8")]
    [TestCase("arctic-int8", "local:arctic-embed-xs-int8")]
    [TestCase("arctic", "local:arctic-embed-xs")]
    public async Task Status_EmbeddingsChoice_NamesItsOwnEmbedder(string? choice, string expected)
    {
        using var cli = choice is null ? new CliRunner() : new CliRunner("--embeddings", choice);

        var status = await cli.RunAsync("ranker", "status", "--json");

        Assert.That(status.ExitCode, Is.Zero, status.ToString());
        using var json = JsonDocument.Parse(status.Out);
        Assert.That(json.RootElement.GetProperty("embedding_generator").GetString(), Is.EqualTo(expected));
    }

    [Test]
    public async Task Status_UnknownEmbeddings_FailsListingEveryChoice()
    {
        using var cli = new CliRunner("--embeddings", "word2vec");

        var status = await cli.RunAsync("ranker", "status");

        Assert.That(status.ExitCode, Is.EqualTo(2), status.ToString());
        Assert.That(status.Error, Does.Contain("'word2vec'").And.Contain("arctic, arctic-int8, hashing or openrouter"));
    }
}
