using System.ComponentModel.DataAnnotations;

namespace Ancso.Ml.Sqlite;

/// <summary>
/// Options of the SQLite pair store, bound from <c>Ranker:Sqlite</c> (<see cref="SectionName"/>) when
/// <c>AddRanker(configuration)</c> was given the <c>Ranker</c> section, or set with
/// <c>.AddSqlitePairStore(o =&gt; o.DatabasePath = …)</c>. Validated at start.
/// </summary>
public sealed class SqlitePairStoreOptions
{
    /// <summary>The configuration section these options bind from: <c>Ranker:Sqlite</c>.</summary>
    public const string SectionName = "Ranker:Sqlite";

    /// <summary>
    /// Gets or sets the SQLite file of the pair store, absolute or relative to the current directory. Its folder is
    /// created when missing. The file runs in WAL mode, so a <c>-wal</c> and a <c>-shm</c> file sit beside it.
    /// </summary>
    /// <value>Default: <c>data/ranker/pairs.db</c>.</value>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Set Ranker:Sqlite:DatabasePath (SqlitePairStoreOptions.DatabasePath) to the pair store's SQLite file, for example data/ranker/pairs.db.")]
    public string DatabasePath { get; set; } = Path.Combine("data", "ranker", "pairs.db");

    /// <summary>
    /// Gets or sets how long a write waits for another process or thread that holds the store's write lock before the
    /// call fails. Writes retry with backoff within this time, so callers never see a transient lock.
    /// </summary>
    /// <value>Default: 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00", ErrorMessage = "Ranker:Sqlite:BusyTimeout (SqlitePairStoreOptions.BusyTimeout) must be between 00:00:00.010 and 01:00:00.")]
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
