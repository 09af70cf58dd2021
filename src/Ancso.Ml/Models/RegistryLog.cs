namespace Ancso.Ml.Models;

/// <summary>The model registry's log messages. Event ids 3200–3299 belong to the registry.</summary>
internal static partial class RegistryLog
{
    [LoggerMessage(EventId = 3200, EventName = "LeftoverRemoved", Level = LogLevel.Information,
        Message = "Removed {Path}, a {What} last written at {LastWrite:u}.")]
    public static partial void LeftoverRemoved(ILogger logger, string path, string what, DateTime lastWrite);

    [LoggerMessage(EventId = 3201, EventName = "LeftoverNotRemoved", Level = LogLevel.Warning,
        Message = "Could not remove the leftover {Path}: {Message}")]
    public static partial void LeftoverNotRemoved(ILogger logger, string path, string message);
}
