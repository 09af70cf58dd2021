using System.Net.Sockets;

namespace Ancso.Ml.PostgreSql.Database;

/// <summary>Which failures are worth repeating a whole transaction for, and how to name them in a message.</summary>
internal static class PostgreSqlFailures
{
    /// <summary>
    /// Returns whether <paramref name="exception"/> is a failure that a later attempt may not meet: the server cannot be
    /// reached, is starting or shutting down, dropped the connection, has no connection slot free, or aborted the
    /// transaction to break a deadlock or a serialization conflict.
    /// </summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        PostgresException pg => pg.IsTransient || pg.SqlState is "40001" or "40P01" or "57P01" or "57P02" or "57P03" or "53300" or "08000" or "08003" or "08006" or "08001" or "08004",
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is SocketException or IOException or TimeoutException,
        SocketException or TimeoutException => true,
        _ => false,
    };

    /// <summary>Returns whether the failure means the connection (and so maybe the whole pool) is gone.</summary>
    public static bool IsConnectionLoss(Exception exception) => exception switch
    {
        PostgresException pg => pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("57P", StringComparison.Ordinal),
        NpgsqlException => true,
        _ => exception is SocketException or IOException,
    };

    /// <summary>Describes a failure in one line: the server's message and SQLSTATE, or the client's message and its cause.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        PostgresException pg => $"{pg.MessageText} (SQLSTATE {pg.SqlState})",
        _ when exception.InnerException is { } inner && inner.Message.TrimEnd('.') != exception.Message.TrimEnd('.') => $"{exception.Message} ({inner.Message})",
        _ => exception.Message,
    };
}
