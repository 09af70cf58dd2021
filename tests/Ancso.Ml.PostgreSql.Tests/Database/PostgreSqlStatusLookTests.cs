using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Ancso.Ml.PostgreSql.Database;
using Ancso.Ml.PostgreSql.Tests.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ancso.Ml.PostgreSql.Tests.Database;

/// <summary>The status look: one question to the server within StatusTimeout, never retried, and the options it bounds.</summary>
public sealed class PostgreSqlStatusLookTests
{
    [Test]
    public async Task ProbeAsync_ServerRunning_Null()
    {
        var server = await PostgreSqlServer.GetAsync();
        await using var database = Database(server.ConnectionString(), new PostgreSqlOptions { Schema = PostgreSqlServer.NewSchema() });

        Assert.That(await PostgreSqlStatusLook.ProbeAsync(database, CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task ProbeAsync_PortRefusesConnections_UnreachableConnectionRefusedAtOnce()
    {
        var port = ClosedPort();
        await using var database = Database($"Host=127.0.0.1;Port={port};Database=ranker;Username=app", new PostgreSqlOptions());

        var clock = Stopwatch.StartNew();
        var problem = await PostgreSqlStatusLook.ProbeAsync(database, CancellationToken.None);

        Assert.That(problem, Is.EqualTo($"PostgreSQL database 'ranker' on 127.0.0.1:{port}, schema 'ancso': unreachable (connection refused)"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)), "tried once, not for RetryTimeout");
    }

    [Test]
    public async Task ProbeAsync_ServerNeverAnswers_GivesUpAfterStatusTimeoutThoughTheConnectTimeoutIsLonger()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start(backlog: 16);
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        await using var database = Database($"Host=127.0.0.1;Port={port};Database=ranker;Username=app;Timeout=60",
            new PostgreSqlOptions { StatusTimeout = TimeSpan.FromMilliseconds(500) });

        var clock = Stopwatch.StartNew();
        var problem = await PostgreSqlStatusLook.ProbeAsync(database, CancellationToken.None);

        Assert.That(problem, Is.EqualTo($"PostgreSQL database 'ranker' on 127.0.0.1:{port}, schema 'ancso': unreachable (no answer within 0.5 s)"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(3)));
    }

    [Test]
    public async Task ProbeAsync_Cancelled_Throws()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start(backlog: 16);
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        await using var database = Database($"Host=127.0.0.1;Port={port};Database=ranker;Username=app", new PostgreSqlOptions { StatusTimeout = TimeSpan.FromSeconds(30) });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        Assert.That(async () => await PostgreSqlStatusLook.ProbeAsync(database, cancel.Token), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void Bound_LongerSettings_ShortenedToStatusTimeoutAndTheConnectTimeoutToWholeSeconds()
    {
        var options = new PostgreSqlOptions
        {
            ConnectionString = "Host=db;Database=ranker;Username=app;Password=s3cret",
            StatusTimeout = TimeSpan.FromSeconds(2.5),
        };

        PostgreSqlStatusLook.Bound(options);

        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        Assert.Multiple(() =>
        {
            Assert.That(options.RetryTimeout, Is.EqualTo(TimeSpan.FromSeconds(2.5)), "not the 30 s of a write");
            Assert.That(options.RegistryReadTimeout, Is.EqualTo(TimeSpan.FromSeconds(2.5)));
            Assert.That(builder.Timeout, Is.EqualTo(3), "Npgsql's default is 15 s");
            Assert.That((builder.Host, builder.Database, builder.Username, builder.Password), Is.EqualTo(("db", "ranker", "app", "s3cret")));
        });
    }

    [Test]
    public void Bound_ShorterSettings_Kept()
    {
        const string connectionString = "Host=db;Database=ranker;Timeout=1";
        var options = new PostgreSqlOptions
        {
            ConnectionString = connectionString,
            RetryTimeout = TimeSpan.Zero,
            RegistryReadTimeout = TimeSpan.FromSeconds(1),
        };

        PostgreSqlStatusLook.Bound(options);

        Assert.That((options.ConnectionString, options.RetryTimeout, options.RegistryReadTimeout), Is.EqualTo((connectionString, TimeSpan.Zero, TimeSpan.FromSeconds(1))));
    }

    [TestCase("00:00:00.050")]
    [TestCase("00:10:01")]
    public void StatusTimeout_OutOfRange_FailsValidationNamingIt(string value)
    {
        var services = new ServiceCollection();
        services.AddRanker().UsePostgreSql(o =>
        {
            o.ConnectionString = "Host=127.0.0.1";
            o.StatusTimeout = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        });
        using var provider = services.BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => _ = provider.GetRequiredService<IOptions<PostgreSqlOptions>>().Value);

        Assert.That(e!.Message, Does.Contain(nameof(PostgreSqlOptions.StatusTimeout)));
    }

    private static PostgreSqlDatabase Database(string connectionString, PostgreSqlOptions options) =>
        new(PostgreSqlDatabase.CreateDataSource(connectionString), ownsDataSource: true, options);

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
