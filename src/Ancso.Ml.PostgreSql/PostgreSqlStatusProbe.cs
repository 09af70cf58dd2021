namespace Ancso.Ml.PostgreSql;

/// <summary>
/// A quick look at the database for a status page or command: it must answer within seconds whatever the database does,
/// so it asks the server once within <see cref="PostgreSqlOptions.StatusTimeout"/> and never retries. Registered by
/// <c>UsePostgreSql(…)</c>. A process that only looks (a status command) also calls <see cref="BoundForStatus"/> on its
/// options, so that every other call waits at most as long.
/// </summary>
public sealed class PostgreSqlStatusProbe
{
    private readonly PostgreSqlDatabase _database;

    internal PostgreSqlStatusProbe(PostgreSqlDatabase database) => _database = database;

    /// <summary>
    /// Asks the server once whether it answers (a pooled connection and <c>SELECT 1</c>), within
    /// <see cref="PostgreSqlOptions.StatusTimeout"/> connecting included.
    /// </summary>
    /// <param name="cancellationToken">Cancels the look.</param>
    /// <returns>
    /// <see langword="null"/> when the server answered; otherwise what is wrong, in one line that names the database (never
    /// a password), for example <c>PostgreSQL database 'ranker' on db:5432, schema 'ancso': unreachable (connection refused)</c>.
    /// </returns>
    public Task<string?> ProbeAsync(CancellationToken cancellationToken = default) => PostgreSqlStatusLook.ProbeAsync(_database, cancellationToken);

    /// <summary>
    /// Bounds the options of a process that only looks: each connection attempt (the connection string's <c>Timeout</c>,
    /// 15 s by default in Npgsql), the model registry's read and the store calls' retries take at most
    /// <see cref="PostgreSqlOptions.StatusTimeout"/>. Longer settings are shortened, shorter ones kept. Use it as
    /// <c>services.PostConfigure&lt;PostgreSqlOptions&gt;(PostgreSqlStatusProbe.BoundForStatus)</c>.
    /// </summary>
    /// <param name="options">The options, after they were bound.</param>
    public static void BoundForStatus(PostgreSqlOptions options) => PostgreSqlStatusLook.Bound(options);
}
