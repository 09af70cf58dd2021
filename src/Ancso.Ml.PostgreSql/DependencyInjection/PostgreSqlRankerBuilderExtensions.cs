using Ancso.Ml.DependencyInjection;
using Ancso.Ml.Embeddings;
using Ancso.Ml.Models;
using Ancso.Ml.Pairs;
using Ancso.Ml.PostgreSql;
using Ancso.Ml.PostgreSql.Database;
using Ancso.Ml.PostgreSql.Models;
using Ancso.Ml.PostgreSql.Pairs;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Puts the ranker's pair store, embedding cache and model registry in PostgreSQL, shared by every instance of an app.
/// </summary>
public static class PostgreSqlRankerBuilderExtensions
{
    /// <summary>
    /// Uses PostgreSQL at <paramref name="connectionString"/> for the pair store (<see cref="IPairStore"/>), the
    /// embedding cache (<see cref="IEmbeddingCache"/>) and the model registry (<see cref="IModelRegistry"/>, with a local
    /// copy of the active model in <see cref="RankerOptions.ModelsDirectory"/>). Call it after <c>AddRanker(...)</c>.
    /// </summary>
    /// <param name="services">The service collection the ranker is registered in.</param>
    /// <param name="connectionString">The Npgsql connection string.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection UsePostgreSql(this IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return services.UsePostgreSql(o => o.ConnectionString = connectionString);
    }

    /// <summary>
    /// Uses PostgreSQL for the pair store, the embedding cache and the model registry, with options set by
    /// <paramref name="configure"/> (for example bound from <c>Ranker:PostgreSql</c>). The connection comes from an
    /// <see cref="NpgsqlDataSource"/> registered in the service collection when there is one (for example by
    /// <c>AddNpgsqlDataSource</c>), and from <see cref="PostgreSqlOptions.ConnectionString"/> otherwise.
    /// Call it after <c>AddRanker(...)</c>; it replaces the SQLite store and the models-folder registry.
    /// </summary>
    /// <param name="services">The service collection the ranker is registered in.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection UsePostgreSql(this IServiceCollection services, Action<PostgreSqlOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<PostgreSqlOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgreSqlOptions>, PostgreSqlOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(static sp =>
        {
            var options = sp.GetRequiredService<IOptions<PostgreSqlOptions>>().Value;
            var shared = sp.GetService<NpgsqlDataSource>();
            var dataSource = shared ?? PostgreSqlDatabase.CreateDataSource(options.ConnectionString
                ?? throw new InvalidOperationException(
                    "UsePostgreSql needs a connection string (PostgreSqlOptions.ConnectionString, Ranker:PostgreSql:ConnectionString) or an NpgsqlDataSource registered in the service collection."));
            return new PostgreSqlDatabase(dataSource, ownsDataSource: shared is null, options, sp.GetRequiredService<TimeProvider>(),
                sp.GetService<ILoggerFactory>()?.CreateLogger("Ancso.Ml.PostgreSql"));
        });

        services.RemoveAll<IPairStore>();
        services.RemoveAll<IEmbeddingCache>();
        services.RemoveAll<IModelRegistry>();
        services.AddSingleton(static sp => new PostgreSqlPairStore(sp.GetRequiredService<PostgreSqlDatabase>()));
        services.AddSingleton<IPairStore>(static sp => sp.GetRequiredService<PostgreSqlPairStore>());
        services.AddSingleton<IEmbeddingCache>(static sp => sp.GetRequiredService<PostgreSqlPairStore>());
        services.AddSingleton(static sp => new PostgreSqlModelRegistry(
            sp.GetRequiredService<PostgreSqlDatabase>(),
            sp.GetRequiredService<IOptions<RankerOptions>>().Value.ModelsDirectory));
        services.AddSingleton<IModelRegistry>(static sp => sp.GetRequiredService<PostgreSqlModelRegistry>());
        return services;
    }
}
