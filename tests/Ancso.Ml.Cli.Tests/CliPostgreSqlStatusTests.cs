using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Ancso.Ml.Cli.Tests;

/// <summary>
/// <c>status --store postgresql</c> while the database is down: it answers within seconds (not after the 30 s a write
/// retries for), with the registry's local copy of the active model, what scoring uses, and the problem named, on stdout
/// (text and JSON), plus one line on stderr and exit code 1.
/// </summary>
public class CliPostgreSqlStatusTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    [Test]
    public async Task Status_PostgreSqlRefusesConnections_AnswersAtOnceWithTheLocalCopyAndTheStoreProblem()
    {
        using var cli = new CliRunner("--embeddings", "hashing", "--store", "postgresql");
        CliModelFolderTests.StoreModel(cli, "v1", activate: true);
        var port = ClosedPort();
        cli.UseConfig(Config(port));

        var clock = Stopwatch.StartNew();
        var text = await cli.RunAsync("ranker", "status").WaitAsync(TimeSpan.FromSeconds(60));
        var elapsed = clock.Elapsed;

        Assert.That(elapsed, Is.LessThan(Bound), text.ToString());
        Assert.That(text.ExitCode, Is.EqualTo(1), text.ToString());
        var lines = text.Out.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Multiple(() =>
        {
            Assert.That(lines, Does.Contain("provenance: model"), "scoring uses the local copy's model");
            Assert.That(lines, Does.Contain("model_version: v1"));
            Assert.That(lines, Does.Contain("local_copy: v1"));
            Assert.That(lines, Does.Contain($"models_directory: {cli.ModelsDirectory}"));
            Assert.That(lines, Does.Contain($"store_problem: PostgreSQL database 'ranker' on 127.0.0.1:{port}, schema 'ancso': unreachable (connection refused); pair counts, cached embeddings and raters unavailable"));
            Assert.That(text.Out, Does.Contain($"registry_problem: The model registry in PostgreSQL database 'ranker' on 127.0.0.1:{port}, schema 'ancso' cannot be reached: ")
                .And.Contain("serves its local copy"));
            Assert.That(lines, Does.Contain("pairs: n/a"));
            Assert.That(lines, Does.Contain("cached_embeddings: n/a"));
            Assert.That(text.Error.Trim(), Is.EqualTo(
                $"error: status incomplete: pair store: PostgreSQL database 'ranker' on 127.0.0.1:{port}, schema 'ancso': unreachable (connection refused); pair counts, cached embeddings and raters unavailable; " +
                "model registry cannot be reached, scoring uses the local copy of model v1 (registry_problem)"), "one line, no stack trace");
        });

        clock.Restart();
        var json = await cli.RunAsync("ranker", "status", "--json").WaitAsync(TimeSpan.FromSeconds(60));
        Assert.That(clock.Elapsed, Is.LessThan(Bound), json.ToString());
        Assert.That(json.ExitCode, Is.EqualTo(1), json.ToString());
        using var document = JsonDocument.Parse(json.Out);
        var root = document.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("provenance").GetString(), Is.EqualTo("model"));
            Assert.That(root.GetProperty("model_version").GetString(), Is.EqualTo("v1"));
            Assert.That(root.GetProperty("local_copy").GetProperty("active_version").GetString(), Is.EqualTo("v1"));
            Assert.That(root.GetProperty("local_copy").GetProperty("directory").GetString(), Is.EqualTo(cli.ModelsDirectory));
            Assert.That(root.GetProperty("store_problem").GetString(), Does.Contain("unreachable (connection refused)"));
            Assert.That(root.GetProperty("registry_problem").GetString(), Does.Contain("cannot be reached"));
            var problems = root.GetProperty("problems").EnumerateArray().Select(p => p.GetString()).ToList();
            Assert.That(problems, Has.Count.EqualTo(2));
            Assert.That(problems[0], Does.StartWith("The model registry in PostgreSQL database 'ranker'"));
            Assert.That(problems[1], Does.StartWith("pair store: PostgreSQL database 'ranker'").And.Contain("unreachable (connection refused)"));
            Assert.That(root.GetProperty("pairs").ValueKind, Is.EqualTo(JsonValueKind.Null), "not counted: no 0 that looks like an empty store");
            Assert.That(root.GetProperty("pairs_by_source").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(root.GetProperty("cached_embeddings").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(root.GetProperty("raters").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [Test]
    public async Task Status_PostgreSqlAcceptsButNeverAnswers_GivesUpAfterTheStatusTimeoutNotTheRetryTimeout()
    {
        // A server that takes the connection and says nothing (hung, or a black hole behind a proxy): Npgsql would wait
        // its 15 s connect timeout per attempt, and a store call would retry for 30 s.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start(backlog: 64);
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        using var cli = new CliRunner("--embeddings", "hashing", "--store", "postgresql");
        cli.UseConfig(Config(port));

        var clock = Stopwatch.StartNew();
        var run = await cli.RunAsync("ranker", "status").WaitAsync(TimeSpan.FromSeconds(120));

        Assert.That(clock.Elapsed, Is.LessThan(Bound), run.ToString());
        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(run.Out, Does.Contain($"store_problem: PostgreSQL database 'ranker' on 127.0.0.1:{port}, schema 'ancso': unreachable (no answer within 2 s)"),
                "the default StatusTimeout");
            Assert.That(run.Out, Does.Contain("provenance: heuristic (no_model:"), "no local copy: the heuristic scores");
            Assert.That(run.Out, Does.Contain("local_copy: none"));
            Assert.That(run.Error, Does.StartWith("error: status incomplete: pair store: ").And.Contain("scoring uses the heuristic"));
        });
    }

    [Test]
    public async Task Status_StatusTimeoutConfigured_WaitsThatLong()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start(backlog: 64);
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        using var cli = new CliRunner("--embeddings", "hashing", "--store", "postgresql");
        cli.UseConfig(Config(port, ""","StatusTimeout":"00:00:00.500" """));

        var clock = Stopwatch.StartNew();
        var run = await cli.RunAsync("ranker", "status", "--json").WaitAsync(TimeSpan.FromSeconds(120));

        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(4)), run.ToString());
        using var document = JsonDocument.Parse(run.Out);
        Assert.That(document.RootElement.GetProperty("store_problem").GetString(), Does.Contain("unreachable (no answer within 0.5 s)"), run.ToString());
    }

    private static string Config(int port, string extra = "") =>
        """{"Ranker":{"PostgreSql":{"ConnectionString":"Host=127.0.0.1;Port=""" + port.ToString(System.Globalization.CultureInfo.InvariantCulture)
        + """;Database=ranker;Username=app" """ + extra + "}}}";

    /// <summary>A loopback port nothing listens on: connecting is refused at once.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
