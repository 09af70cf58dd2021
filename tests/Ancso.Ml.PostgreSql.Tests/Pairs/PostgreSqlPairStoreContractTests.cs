using Ancso.Ml.PostgreSql.Tests.Server;
using Ancso.Ml.Testing.Pairs;
using Microsoft.Extensions.DependencyInjection;

namespace Ancso.Ml.PostgreSql.Tests.Pairs;

/// <summary>The pair store contract against the PostgreSQL store, in a fresh schema per test.</summary>
public sealed class PostgreSqlPairStoreContractTests : PairStoreContractTests
{
    private PostgreSqlServer _server = null!;
    private string _schema = null!;

    [OneTimeSetUp]
    public async Task StartServer() => _server = await PostgreSqlServer.GetAsync();

    protected override void NewStore() => _schema = PostgreSqlServer.NewSchema();

    protected override void AddStore(IRankerBuilder ranker) =>
        ranker.UsePostgreSql(o =>
        {
            o.ConnectionString = _server.ConnectionString();
            o.Schema = _schema;
        });

    protected override void DeleteStore() => _server.ScalarAsync($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE;").GetAwaiter().GetResult();
}
