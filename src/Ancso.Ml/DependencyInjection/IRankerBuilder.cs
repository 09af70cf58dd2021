using Microsoft.Extensions.Configuration;

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

    /// <summary>
    /// Gets the ranker's configuration section (<c>Ranker</c>) that <c>AddRanker(configuration)</c> was given, or
    /// <see langword="null"/> when the ranker was added without configuration. Each component the builder adds binds its
    /// options from its own subsection of it (<c>Ranker:Sqlite</c>, <c>Ranker:Export</c>, <c>Ranker:Signals</c>, …; see
    /// <see cref="RankerBuilderOptionsExtensions.AddComponentOptions{TOptions}(IRankerBuilder, string)"/>).
    /// </summary>
    IConfiguration? Configuration => null;
}
