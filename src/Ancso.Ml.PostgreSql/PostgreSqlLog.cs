namespace Ancso.Ml.PostgreSql;

/// <summary>The PostgreSQL package's log messages (event ids 3800–3899).</summary>
internal static partial class PostgreSqlLog
{
    [LoggerMessage(EventId = 3800, Level = LogLevel.Information, Message = "{Database}: schema migrated from version {From} to {To}.")]
    public static partial void Migrated(ILogger logger, string database, int from, int to);

    [LoggerMessage(EventId = 3801, Level = LogLevel.Debug, Message = "{Database}: applied schema step {Version} ({Description}).")]
    public static partial void MigrationStepApplied(ILogger logger, string database, int version, string description);

    [LoggerMessage(EventId = 3802, Level = LogLevel.Warning, Message = "{Database}: attempt {Attempt} failed ({Cause}); retrying the whole transaction in {DelayMilliseconds} ms.")]
    public static partial void TransientRetry(ILogger logger, string database, int attempt, string cause, int delayMilliseconds);

    [LoggerMessage(EventId = 3803, Level = LogLevel.Debug, Message = "{Database}: stored {Inserted} new pairs of {Count}.")]
    public static partial void PairsStored(ILogger logger, string database, int inserted, int count);

    [LoggerMessage(EventId = 3804, Level = LogLevel.Warning, Message = "{Database}: the cached embedding of text {TextHash} for '{GeneratorId}' holds {Bytes} bytes instead of {Expected}; it is ignored and will be replaced.")]
    public static partial void CorruptEmbedding(ILogger logger, string database, string textHash, string generatorId, int bytes, int expected);

    [LoggerMessage(EventId = 3805, Level = LogLevel.Warning, Message = "{Database}: the embedding cache failed ({Cause}); it is skipped for {CooldownSeconds} s and texts are embedded without it.")]
    public static partial void CacheUnavailable(ILogger logger, string database, string cause, double cooldownSeconds);

    [LoggerMessage(EventId = 3806, Level = LogLevel.Warning, Message = "{Database}: the model registry cannot be reached ({Cause}); serving the local copy in {LocalFolder}.")]
    public static partial void RegistryUnreachable(ILogger logger, string database, string cause, string localFolder);

    [LoggerMessage(EventId = 3807, Level = LogLevel.Information, Message = "{Database}: the model registry is reachable again.")]
    public static partial void RegistryReachable(ILogger logger, string database);

    [LoggerMessage(EventId = 3808, Level = LogLevel.Warning, Message = "{Database}: the connection listening for model activations was lost ({Cause}); reconnecting in {DelayMilliseconds} ms.")]
    public static partial void ListenerLost(ILogger logger, string database, string cause, int delayMilliseconds);

    [LoggerMessage(EventId = 3809, Level = LogLevel.Debug, Message = "{Database}: listening for model activations on channel {Channel}.")]
    public static partial void Listening(ILogger logger, string database, string channel);

    [LoggerMessage(EventId = 3810, Level = LogLevel.Information, Message = "{Database}: version {Version} activated (previous: {Previous}).")]
    public static partial void Activated(ILogger logger, string database, string version, string previous);

    [LoggerMessage(EventId = 3811, Level = LogLevel.Debug, Message = "{Database}: copied version {Version} ({Bytes} bytes) into {LocalFolder}.")]
    public static partial void LocalCopyWritten(ILogger logger, string database, string version, int bytes, string localFolder);

    [LoggerMessage(EventId = 3812, Level = LogLevel.Debug, Message = "{Database}: model activation notified ({Payload}).")]
    public static partial void Notified(ILogger logger, string database, string payload);

    [LoggerMessage(EventId = 3813, Level = LogLevel.Information, Message = "{Database}: {Action} {Pairs} pairs, {Items} items no other pair uses and {Embeddings} cached embeddings of their texts (erasure by {Criteria}).")]
    public static partial void PairsErased(ILogger logger, string database, string action, int pairs, int items, int embeddings, string criteria);

    [LoggerMessage(EventId = 3814, Level = LogLevel.Warning, Message = "{Database}: the erasure is committed, but the VACUUM after it did not complete ({Cause}); the erased rows stay as dead tuples until autovacuum or a VACUUM removes them.")]
    public static partial void VacuumIncomplete(ILogger logger, string database, string cause);
}
