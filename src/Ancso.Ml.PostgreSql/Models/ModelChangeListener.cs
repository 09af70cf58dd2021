namespace Ancso.Ml.PostgreSql.Models;

/// <summary>
/// Holds one connection that <c>LISTEN</c>s on the registry's channel and calls back on every notification. It also
/// calls back each time it starts listening (first, or again after a loss, which it reports and retries with backoff),
/// since an activation made before the <c>LISTEN</c> took effect notified no one. A heartbeat on the same connection
/// notices a silent loss.
/// </summary>
internal sealed class ModelChangeListener : IDisposable
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(2);

    private readonly PostgreSqlDatabase _database;
    private readonly string _channel;
    private readonly Action<string> _onChange;
    private readonly Action<string?> _onProblem;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private int _disposed;

    /// <param name="database">The database.</param>
    /// <param name="channel">The channel (lower-case letters, digits and '_').</param>
    /// <param name="onChange">Called with the notification's payload, or why a change may have been missed.</param>
    /// <param name="onProblem">Called with why the connection is lost, and with <see langword="null"/> once listening again.</param>
    public ModelChangeListener(PostgreSqlDatabase database, string channel, Action<string> onChange, Action<string?> onProblem)
    {
        _database = database;
        _channel = channel;
        _onChange = onChange;
        _onProblem = onProblem;
    }

    /// <summary>Starts listening, once.</summary>
    public void Start()
    {
        if (_loop is null)
        {
            lock (_stop)
            {
                if (Volatile.Read(ref _disposed) == 0)
                {
                    _loop ??= Task.Run(() => ListenAsync(_stop.Token));
                }
            }
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _stop.Cancel();
        try
        {
            _loop?.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends with the cancellation.
        }

        _stop.Dispose();
    }

    private async Task ListenAsync(CancellationToken cancellationToken)
    {
        var delay = FirstRetryDelay;
        var missed = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await _database.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
                var connection = await _database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await using (connection.ConfigureAwait(false))
                {
                    connection.Notification += (_, e) =>
                    {
                        PostgreSqlLog.Notified(_database.Logger, _database.Description, e.Payload);
                        _onChange("notification " + e.Payload);
                    };
                    await using (var listen = new NpgsqlCommand($"LISTEN \"{_channel}\";", connection))
                    {
                        await listen.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }

                    PostgreSqlLog.Listening(_database.Logger, _database.Description, _channel);
                    _onProblem(null);
                    // An activation made before this LISTEN took effect (while the instance started, or while the
                    // connection was lost) notified no one here: look once now.
                    _onChange(missed ? "reconnected" : "listening");

                    missed = false;
                    delay = FirstRetryDelay;
                    while (true)
                    {
                        if (!await connection.WaitAsync(_database.Options.ListenerHeartbeat, cancellationToken).ConfigureAwait(false))
                        {
                            await using var ping = new NpgsqlCommand("SELECT 1;", connection);
                            await ping.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The listener must outlive any failure of the database; the cause is logged and reported.
            catch (Exception e)
#pragma warning restore CA1031
            {
                missed = true;
                var cause = PostgreSqlFailures.Describe(e);
                _onProblem($"the connection listening for activations is lost ({cause})");
                PostgreSqlLog.ListenerLost(_database.Logger, _database.Description, cause, (int)delay.TotalMilliseconds);
                try
                {
                    await Task.Delay(delay, _database.Time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                delay = TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, delay.Ticks * 2));
            }
        }
    }
}
