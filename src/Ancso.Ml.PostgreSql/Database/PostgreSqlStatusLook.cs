using System.Net.Sockets;

namespace Ancso.Ml.PostgreSql.Database;

/// <summary>
/// A status look at the database (what <c>ancso ranker status</c> does): it must answer within seconds whatever the
/// database does, so it asks the server once within <see cref="PostgreSqlOptions.StatusTimeout"/> and bounds every other
/// call of the process by the same time, instead of retrying for <see cref="PostgreSqlOptions.RetryTimeout"/> as a write does.
/// </summary>
internal static class PostgreSqlStatusLook
{
    /// <summary>
    /// Bounds the options of a process that only looks: each connection attempt (the connection string's <c>Timeout</c>,
    /// whole seconds, 15 by default in Npgsql), the model registry's read and the store calls' retries take at most
    /// <see cref="PostgreSqlOptions.StatusTimeout"/>. Longer settings are shortened, shorter ones kept.
    /// </summary>
    /// <param name="options">The options, after they were bound.</param>
    public static void Bound(PostgreSqlOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limit = options.StatusTimeout;
        if (options.RetryTimeout > limit)
        {
            options.RetryTimeout = limit;
        }

        if (options.RegistryReadTimeout > limit)
        {
            options.RegistryReadTimeout = limit;
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return;
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            // Left as it is: building the data source says what is wrong with it.
            return;
        }

        var seconds = Math.Max(1, (int)Math.Ceiling(limit.TotalSeconds));
        if (builder.Timeout == 0 || builder.Timeout > seconds)
        {
            builder.Timeout = seconds;
            options.ConnectionString = builder.ConnectionString;
        }
    }

    /// <summary>
    /// Asks the server once whether it answers (a pooled connection and <c>SELECT 1</c>), within
    /// <see cref="PostgreSqlOptions.StatusTimeout"/> connecting included, and never retries.
    /// </summary>
    /// <param name="database">The database.</param>
    /// <param name="cancellationToken">Cancels the look.</param>
    /// <returns>
    /// <see langword="null"/> when the server answered; otherwise what is wrong, in one line that names the database
    /// (never a password), for example <c>PostgreSQL database 'ranker' on db:5432, schema 'ancso': unreachable (connection refused)</c>.
    /// </returns>
    public static async Task<string?> ProbeAsync(PostgreSqlDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        var limit = database.Options.StatusTimeout;
        using var timeout = new CancellationTokenSource(limit, database.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var look = AskAsync(database.DataSource, linked.Token);

        // A connection attempt that does not heed the cancellation is left behind rather than waited for; its failure is observed here.
        _ = look.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            await look.WaitAsync(limit, database.Time, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or OperationCanceledException or SocketException or IOException
            && !cancellationToken.IsCancellationRequested)
        {
            return $"{database.Description}: {Cause(e, limit)}";
        }
    }

    /// <summary>Says in a few words why a look failed: unreachable and why, refused by the server, or not usable.</summary>
    /// <param name="exception">The failure.</param>
    /// <param name="limit">How long the look waited.</param>
    /// <returns>For example <c>unreachable (connection refused)</c>, <c>unreachable (no answer within 3 s)</c>.</returns>
    internal static string Cause(Exception exception, TimeSpan limit)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg:
                    return $"answered but refused the connection: {PostgreSqlFailures.Describe(pg)}";
                case SocketException socket:
                    return "unreachable (" + Describe(socket, limit) + ")";
                case TimeoutException or OperationCanceledException:
                    return $"unreachable (no answer within {Seconds(limit)} s)";
            }
        }

        return "not usable: " + PostgreSqlFailures.Describe(exception);
    }

    private static string Describe(SocketException socket, TimeSpan limit) => socket.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.TimedOut => $"no answer within {Seconds(limit)} s",
        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "host not found: " + socket.Message,
        SocketError.HostUnreachable => "host unreachable",
        SocketError.NetworkUnreachable or SocketError.NetworkDown => "network unreachable",
        SocketError.ConnectionReset => "connection reset",
        _ => socket.Message,
    };

    private static string Seconds(TimeSpan limit) => limit.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    private static async Task AskAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await using var command = new NpgsqlCommand("SELECT 1;", connection);
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
