namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// What <c>services.AddRanker()</c> returns: the ranker's scoring services are registered, and the rest is opt-in
/// through extension methods on this builder: a pair store (<c>.AddSqlitePairStore()</c> from <c>Ancso.Ml.Sqlite</c>,
/// <c>.UsePostgreSql(…)</c> from <c>Ancso.Ml.PostgreSql</c>), <c>.AddSignals()</c>, <c>.AddBootstrap()</c>,
/// <c>.AddDatasetExport()</c>, the embedding generator (<c>.UseOpenRouterEmbeddings()</c>,
/// <c>.UseEmbeddingGenerator(…)</c>) and <c>.WarmUpOnStart()</c>.
/// </summary>
public interface IRankerBuilder
{
    /// <summary>Gets the service collection the ranker is registered in.</summary>
    IServiceCollection Services { get; }
}
