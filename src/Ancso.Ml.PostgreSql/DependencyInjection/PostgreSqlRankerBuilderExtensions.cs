using Ancso.Ml.DependencyInjection;
using Ancso.Ml.Embeddings;
using Ancso.Ml.PostgreSql;
using Ancso.Ml.PostgreSql.Models;
using Ancso.Ml.PostgreSql.Pairs;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Puts the ranker's pair store, embedding cache and model registry in PostgreSQL, shared by every instance of an app.
/// </summary>
public static class PostgreSqlRankerBuilderExtensions
{
    /// <summary>
    /// Uses PostgreSQL at <paramref name="connectionString"/> for the pair store (<see cref="IPairStore"/>), the
    /// embedding cache (<see cref="IEmbeddingCache"/>) and the model registry (<see cref="IModelRegistry"/>, with a local
    /// copy of the active model in <see cref="RankerOptions.ModelsDirectory"/>): <c>services.AddRanker(…).UsePostgreSql(connectionString)</c>.
    /// </summary>
    /// <param name="builder">The ranker's builder.</param>
    /// <param name="connectionString">The Npgsql connection string.</param>
    /// <returns>The builder.</returns>
    public static IRankerBuilder UsePostgreSql(this IRankerBuilder builder, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder.UsePostgreSql(o => o.ConnectionString = connectionString);
    }

    /// <summary>
    /// Uses PostgreSQL for the pair store, the embedding cache and the model registry, with
    /// <see cref="PostgreSqlOptions"/> bound from <c>Ranker:PostgreSql</c> (<see cref="PostgreSqlOptions.SectionName"/>)
    /// of the <c>Ranker</c> section given to <c>AddRanker(configuration)</c>; see
    /// <see cref="UsePostgreSql(IRankerBuilder, Action{PostgreSqlOptions})"/>.
    /// </summary>
    /// <param name="builder">The ranker's builder.</param>
    /// <returns>The builder.</returns>
    public static IRankerBuilder UsePostgreSql(this IRankerBuilder builder) => builder.UsePostgreSql(static _ => { });

    /// <summary>
    /// Uses PostgreSQL for the pair store, the embedding cache and the model registry, with options set by
    /// <paramref name="configure"/>, applied after the <c>Ranker:PostgreSql</c> section (<see cref="PostgreSqlOptions.SectionName"/>)
    /// when <c>AddRanker(configuration)</c> was given the <c>Ranker</c> section. The connection comes from an
    /// <see cref="NpgsqlDataSource"/> registered in the service collection when there is one (for example by
    /// <c>AddNpgsqlDataSource</c>), and from <see cref="PostgreSqlOptions.ConnectionString"/> otherwise.
    /// It replaces a pair store registered before and the models-folder registry.
    /// </summary>
    /// <param name="builder">The ranker's builder.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The builder.</returns>
    public static IRankerBuilder UsePostgreSql(this IRankerBuilder builder, Action<PostgreSqlOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        builder.AddComponentOptions<PostgreSqlOptions>(PostgreSqlOptions.SectionName).Configure(configure);
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
        services.TryAddSingleton(static sp => new PostgreSqlStatusProbe(sp.GetRequiredService<PostgreSqlDatabase>()));
        return builder;
    }
}
