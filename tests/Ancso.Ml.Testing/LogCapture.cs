using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Ancso.Ml.Testing;

/// <summary>
/// Keeps every log entry, at every level and thread-safely, for assertions: its category, level, event id, rendered
/// message, state values as text and exception. Register it as a logger provider (<see cref="CreateLogger(string)"/>,
/// <see cref="CreateLogger{T}"/>), or pass it where an <see cref="ILogger"/> is asked for (category empty).
/// </summary>
public sealed class LogCapture : ILoggerProvider, ILogger
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    /// <summary>Gets the entries so far, in the order they were logged.</summary>
    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    /// <summary>How many entries carry the event id.</summary>
    public int Count(int eventId) => _entries.Count(e => e.EventId.Id == eventId);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public ILogger<T> CreateLogger<T>() => new Logger<T>(new Factory(this));

    IDisposable? ILogger.BeginScope<TState>(TState state) => null;

    bool ILogger.IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    void ILogger.Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Logger.Add(_entries, string.Empty, logLevel, eventId, state, exception, formatter);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Add(entries, category, logLevel, eventId, state, exception, formatter);

        public static void Add<TState>(
            ConcurrentQueue<LogEntry> entries, string category, LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join("; ", pairs.Select(p => $"{p.Key}={p.Value}"))
                : state?.ToString() ?? string.Empty;
            entries.Enqueue(new LogEntry(category, logLevel, eventId, formatter(state, exception), values, exception));
        }
    }

    private sealed class Factory(LogCapture provider) : ILoggerFactory
    {
        public void AddProvider(ILoggerProvider provider)
        {
        }

        public ILogger CreateLogger(string categoryName) => provider.CreateLogger(categoryName);

        public void Dispose()
        {
        }
    }
}

/// <summary>One captured log entry; <see cref="ToString"/> shows all of it (message, state values and exception).</summary>
public sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message, string State, Exception? Exception)
{
    public override string ToString() => $"{Level} {Category} [{EventId.Id}] {Message} | {State} | {Exception}";
}
