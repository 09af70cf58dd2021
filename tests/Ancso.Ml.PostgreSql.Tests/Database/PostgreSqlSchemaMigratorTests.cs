using Ancso.Ml.Pairs.Storage;
using Ancso.Ml.PostgreSql.Database;
using Ancso.Ml.PostgreSql.Tests.Server;

namespace Ancso.Ml.PostgreSql.Tests.Database;

/// <summary>Schema migrations: once, under an advisory lock, refusing schemas that are newer or not this library's.</summary>
public sealed class PostgreSqlSchemaMigratorTests
{
    private PostgreSqlServer _server = null!;
    private string _schema = null!;

    [OneTimeSetUp]
    public async Task StartServer() => _server = await PostgreSqlServer.GetAsync();

    [SetUp]
    public void SetUp() => _schema = PostgreSqlServer.NewSchema();

    [TearDown]
    public async Task TearDown() => await _server.ScalarAsync($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE;");

    [Test]
    public async Task EnsureMigratedAsync_EightInstancesStartTogether_MigrateOnceWithoutError()
    {
        var databases = Enumerable.Range(0, 8).Select(_ => Database()).ToArray();
        try
        {
            await Task.WhenAll(databases.Select(d => Task.Run(() => d.EnsureMigratedAsync(CancellationToken.None))));

            var steps = await _server.ScalarAsync($"SELECT string_agg(version::text, ',' ORDER BY version) FROM \"{_schema}\".schema_migrations;");
            Assert.That(steps, Is.EqualTo(string.Join(',', PostgreSqlSchema.Migrations.Select(m => m.Version))));
        }
        finally
        {
            foreach (var database in databases)
            {
                await database.DisposeAsync();
            }
        }
    }

    [Test]
    public async Task CountItemsAsync_SchemaFromANewerLibrary_ThrowsNamingBothVersionsAndChangesNothing()
    {
        await using (var first = Database())
        {
            await first.EnsureMigratedAsync(CancellationToken.None);
        }

        await _server.ScalarAsync($"INSERT INTO \"{_schema}\".schema_migrations (version, description) VALUES (99, 'from the future');");
        await using var later = Database();

        var e = Assert.ThrowsAsync<PairStoreException>(() => new Ancso.Ml.PostgreSql.Pairs.PostgreSqlPairStore(later).CountItemsAsync());

        Assert.That(e!.Message, Does.Contain("version 99").And.Contain($"the {PostgreSqlSchema.Migrations.Count} this library knows").And.Contain(_schema));
    }

    [Test]
    public async Task CountItemsAsync_SchemaHoldsOtherTables_ThrowsAndLeavesThemAlone()
    {
        await _server.ScalarAsync($"CREATE SCHEMA \"{_schema}\"; CREATE TABLE \"{_schema}\".invoices (id int); INSERT INTO \"{_schema}\".invoices VALUES (7);");
        await using var database = Database();

        var e = Assert.ThrowsAsync<PairStoreException>(() => new Ancso.Ml.PostgreSql.Pairs.PostgreSqlPairStore(database).CountItemsAsync());

        Assert.That(e!.Message, Does.Contain("not an Ancso.Ml schema").And.Contain(_schema));
        Assert.That(await _server.ScalarAsync($"SELECT id FROM \"{_schema}\".invoices;"), Is.EqualTo(7));
        Assert.That(await _server.ScalarAsync($"SELECT to_regclass('\"{_schema}\".items') IS NULL;"), Is.True);
    }

    private PostgreSqlDatabase Database() =>
        new(PostgreSqlDatabase.CreateDataSource(_server.ConnectionString()), ownsDataSource: true, new PostgreSqlOptions { Schema = _schema });
}
