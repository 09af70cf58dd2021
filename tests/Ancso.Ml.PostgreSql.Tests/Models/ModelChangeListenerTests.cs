using System.Collections.Concurrent;
using Ancso.Ml.PostgreSql.Database;
using Ancso.Ml.PostgreSql.Models;
using Ancso.Ml.PostgreSql.Tests.Server;

namespace Ancso.Ml.PostgreSql.Tests.Models;

/// <summary>The connection that listens for activations: nothing activated before it listens may go unnoticed.</summary>
public sealed class ModelChangeListenerTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private PostgreSqlServer _server = null!;
    private string _schema = null!;

    [OneTimeSetUp]
    public async Task StartServer() => _server = await PostgreSqlServer.GetAsync();

    [SetUp]
    public void SetUp() => _schema = PostgreSqlServer.NewSchema();

    [TearDown]
    public async Task TearDown() => await _server.ScalarAsync($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE;");

    [Test]
    public async Task Start_OnceListening_CallsBackSoAnActivationBeforeTheListenIsNotMissed_ThenOnEveryNotification()
    {
        // An instance reads the active version, then its listener connects: an activation in between sent its
        // notification to no one. The listener's first call back, once LISTEN is in effect, makes the instance look again.
        var channel = "ancso_test_" + Guid.NewGuid().ToString("N")[..12];
        var calls = new BlockingCollection<string>();
        using var database = new PostgreSqlDatabase(PostgreSqlDatabase.CreateDataSource(_server.ConnectionString()), ownsDataSource: true, new PostgreSqlOptions { Schema = _schema });
        using var listener = new ModelChangeListener(database, channel, calls.Add, _ => { });

        listener.Start();

        Assert.That(calls.TryTake(out var first, Deadline), Is.True, "a call back once listening");
        Assert.That(first, Is.EqualTo("listening"));
        await _server.ScalarAsync($"NOTIFY \"{channel}\", 'v2';");
        Assert.That(calls.TryTake(out var second, Deadline), Is.True, "a call back on the notification");
        Assert.That(second, Is.EqualTo("notification v2"));
    }
}
