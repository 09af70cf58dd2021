using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Ancso.Ml.Tests.Inference;

/// <summary>Keeps every log entry, thread-safely.</summary>
internal sealed class CapturingLogger : ILogger
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    public int Count(int eventId) => _entries.Count(e => e.EventId.Id == eventId);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _entries.Enqueue(new LogEntry(logLevel, eventId, formatter(state, exception), exception));
}

internal sealed record LogEntry(LogLevel Level, EventId EventId, string Message, Exception? Exception);
