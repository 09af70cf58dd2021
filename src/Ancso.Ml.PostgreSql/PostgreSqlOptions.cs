using System.ComponentModel.DataAnnotations;

namespace Ancso.Ml.PostgreSql;

/// <summary>
/// Options of the PostgreSQL backend (pair store, embedding cache and model registry). Bind them from
/// <c>Ranker:PostgreSql</c>, or set them through <c>UsePostgreSql(...)</c>.
/// </summary>
public sealed class PostgreSqlOptions
{
    /// <summary>The configuration section these options bind from by convention: <c>Ranker:PostgreSql</c>.</summary>
    public const string SectionName = "Ranker:PostgreSql";

    /// <summary>
    /// Gets or sets the Npgsql connection string, for example <c>Host=db;Database=ranker;Username=app;Password=…</c>.
    /// Used when no <c>NpgsqlDataSource</c> is registered in the service collection; one of the two is required.
    /// </summary>
    /// <value>Default: <see langword="null"/>.</value>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Gets or sets the PostgreSQL schema that holds the tables; it is created on first use (the role needs the
    /// <c>CREATE</c> privilege on the database then). Several fleets can share one database with one schema each.
    /// </summary>
    /// <value>Default: <c>ancso</c>.</value>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression("^[a-z_][a-z0-9_]{0,47}$", ErrorMessage = "The PostgreSQL schema name is 1 to 48 lower-case letters, digits or '_', not starting with a digit.")]
    public string Schema { get; set; } = "ancso";

    /// <summary>
    /// Gets or sets how long a pair store or registry call keeps retrying while the database cannot be reached, is
    /// restarting, or aborted the transaction to break a deadlock. Every retry repeats the whole transaction, which is
    /// safe because pairs and items have content-derived ids. After this time the call fails with a message naming the
    /// database and the cause.
    /// </summary>
    /// <value>Default: 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets how long one embedding cache lookup or write may take. The cache is on the scoring path, so it
    /// never retries: a lookup that fails or times out counts as a miss, and for <see cref="CacheCooldown"/> after a
    /// failure the cache is not asked at all, so scoring keeps its speed while the database is down.
    /// </summary>
    /// <value>Default: 2 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan CacheTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets how long the embedding cache is skipped after a failed lookup or write.</summary>
    /// <value>Default: 5 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan CacheCooldown { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Gets or sets how long the inference service's reload waits for the model registry before it serves its local
    /// copy of the active model instead (and says so in its status). Reloads run off the scoring path.
    /// </summary>
    /// <value>Default: 10 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan RegistryReadTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets or sets how long a status look waits for the database, connecting included, before it reports the database
    /// unreachable: <c>ancso ranker status</c> asks the server once within this time (never retrying for
    /// <see cref="RetryTimeout"/>, which is for calls that must get through, such as writes), and bounds each of its
    /// connection attempts, registry read and store read by it, so that it answers within seconds while the database is
    /// down and still reports the local copy of the active model.
    /// </summary>
    /// <value>Default: 2 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan StatusTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Gets or sets how often the model registry's listening connection checks that the database is still there when no
    /// notification arrived. A lost connection is reopened (and the active model read again) as soon as the database answers.
    /// </summary>
    /// <value>Default: 5 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan ListenerHeartbeat { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Gets or sets whether an erasure that removed pairs is followed by <c>VACUUM (ANALYZE)</c> of the pairs, items and
    /// embeddings tables (after its transaction commits; VACUUM cannot run inside one). Deleted rows stay in the tables'
    /// pages as dead tuples until a VACUUM removes them; autovacuum would get there eventually, this makes it happen now.
    /// The role must own the tables (it does when it created the schema), or PostgreSQL skips them with a warning, which
    /// is logged. Turn it off when a maintenance job vacuums instead. See docs/postgresql.md, "Erasure".
    /// </summary>
    /// <value>Default: <see langword="true"/>.</value>
    public bool VacuumAfterErase { get; set; } = true;
}
