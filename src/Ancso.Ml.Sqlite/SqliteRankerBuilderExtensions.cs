using Ancso.Ml.Embeddings;
using Ancso.Ml.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the embedded SQLite pair store to the ranker.</summary>
public static class SqliteRankerBuilderExtensions
{
    /// <summary>
    /// Registers the SQLite pair store as the <see cref="IPairStore"/> and the <see cref="IEmbeddingCache"/> (one file,
    /// <see cref="SqlitePairStoreOptions.DatabasePath"/>, created on first use), with <see cref="SqlitePairStoreOptions"/>
    /// bound from <c>Ranker:Sqlite</c> (when <c>AddRanker(configuration)</c> was given the <c>Ranker</c> section) and
    /// validated at start. A store the host registered before is kept.
    /// </summary>
    /// <param name="builder">The ranker's builder.</param>
    /// <returns>The builder.</returns>
    public static IRankerBuilder AddSqlitePairStore(this IRankerBuilder builder) => builder.AddSqlitePairStore(static _ => { });

    /// <summary>Registers the SQLite pair store (see <see cref="AddSqlitePairStore(IRankerBuilder)"/>), configuring its options.</summary>
    /// <param name="builder">The ranker's builder.</param>
    /// <param name="configure">Configures the options, for example <see cref="SqlitePairStoreOptions.DatabasePath"/>; applied after the configuration.</param>
    /// <returns>The builder.</returns>
    public static IRankerBuilder AddSqlitePairStore(this IRankerBuilder builder, Action<SqlitePairStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        builder.AddComponentOptions<SqlitePairStoreOptions>(SqlitePairStoreOptions.SectionName).Configure(configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqlitePairStoreOptions>, SqlitePairStoreOptionsValidator>());
        services.TryAddSingleton(static sp => new SqlitePairStore(
            sp.GetRequiredService<IOptions<SqlitePairStoreOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()?.CreateLogger<SqlitePairStore>()));
        services.TryAddSingleton<IPairStore>(static sp => sp.GetRequiredService<SqlitePairStore>());
        services.TryAddSingleton<IEmbeddingCache>(static sp => sp.GetRequiredService<IPairStore>() as IEmbeddingCache
            ?? throw new InvalidOperationException(
                $"The registered IPairStore ({sp.GetRequiredService<IPairStore>().GetType().FullName}) is not an IEmbeddingCache; register an IEmbeddingCache as well."));
        return builder;
    }
}
