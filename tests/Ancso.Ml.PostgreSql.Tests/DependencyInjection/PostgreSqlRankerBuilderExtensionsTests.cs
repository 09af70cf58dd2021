using Ancso.Ml.Embeddings;
using Ancso.Ml.Models;
using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Pairs.Storage;
using Ancso.Ml.PostgreSql.Tests.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ancso.Ml.PostgreSql.Tests.DependencyInjection;

public sealed class PostgreSqlRankerBuilderExtensionsTests
{
    [Test]
    public void UsePostgreSql_NoConnectionStringAndNoDataSource_ThrowsNamingBoth()
    {
        var services = new ServiceCollection();
        services.AddRanker().UsePostgreSql(_ => { });
        using var provider = services.BuildServiceProvider();

        var e = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IPairStore>());

        Assert.That(e!.Message, Does.Contain("Ranker:PostgreSql:ConnectionString").And.Contain("NpgsqlDataSource"));
    }

    [Test]
    public void UsePostgreSql_SchemaNameNotAnIdentifier_FailsValidationNamingIt()
    {
        var services = new ServiceCollection();
        services.AddRanker().UsePostgreSql(o =>
        {
            o.ConnectionString = "Host=127.0.0.1";
            o.Schema = "Robert'); DROP TABLE students;--";
        });
        using var provider = services.BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PostgreSqlOptions>>().Value.ToString());

        Assert.That(e!.Message, Does.Contain("schema name"));
    }

    [Test]
    public void UsePostgreSql_AfterAddRanker_ReplacesTheRegistryAndProvidesStoreAndCache()
    {
        var services = new ServiceCollection();
        services.AddRanker().UsePostgreSql("Host=127.0.0.1;Database=ranker");
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<IModelRegistry>(), Is.InstanceOf<IModelChangeSource>());
        Assert.That(provider.GetRequiredService<IEmbeddingCache>(), Is.SameAs(provider.GetRequiredService<IPairStore>()));
    }

    [Test]
    public async Task UsePostgreSql_DataSourceRegistered_UsesItAndLeavesItOpen()
    {
        var server = await PostgreSqlServer.GetAsync();
        var schema = PostgreSqlServer.NewSchema();
        await using var dataSource = NpgsqlDataSource.Create(server.ConnectionString());
        var services = new ServiceCollection();
        services.AddSingleton(dataSource);
        services.AddRanker().AddSignals().UsePostgreSql(o => o.Schema = schema);
        try
        {
            await using (var provider = services.BuildServiceProvider())
            {
                await provider.GetRequiredService<ITrainingSignalRecorder>().RecordUserChoiceAsync(new UserChoice("github", "bio", "Go services", "Ninja", PairSide.A));
            }

            await using var command = dataSource.CreateCommand($"SELECT count(*) FROM \"{schema}\".pairs;");
            Assert.That(await command.ExecuteScalarAsync(), Is.EqualTo(1L));
        }
        finally
        {
            await server.ScalarAsync($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE;");
        }
    }
}
