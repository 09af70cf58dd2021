namespace Ancso.Ml.Sqlite;

/// <summary>The pair store's log messages (event ids 3400–3499).</summary>
internal static partial class SqlitePairStoreLog
{
    [LoggerMessage(EventId = 3400, Level = LogLevel.Information, Message = "Pair store '{Path}' migrated from schema {From} to {To}.")]
    public static partial void Migrated(ILogger logger, string path, int from, int to);

    [LoggerMessage(EventId = 3401, Level = LogLevel.Debug, Message = "Pair store '{Path}': applied schema step {Version} ({Description}).")]
    public static partial void MigrationStepApplied(ILogger logger, string path, int version, string description);

    [LoggerMessage(EventId = 3402, Level = LogLevel.Debug, Message = "Pair store '{Path}' is locked by another writer; attempt {Attempt} retries in {DelayMilliseconds} ms.")]
    public static partial void BusyRetry(ILogger logger, string path, int attempt, int delayMilliseconds);

    [LoggerMessage(EventId = 3403, Level = LogLevel.Warning, Message = "Pair store '{Path}' could not switch to WAL mode (journal mode is '{Mode}'); concurrent writers will wait longer.")]
    public static partial void NotWal(ILogger logger, string path, string mode);

    [LoggerMessage(EventId = 3404, Level = LogLevel.Warning, Message = "Pair store '{Path}': the cached embedding of text {TextHash} for '{GeneratorId}' holds {Bytes} bytes instead of {Expected}; it is ignored and will be replaced.")]
    public static partial void CorruptEmbedding(ILogger logger, string path, string textHash, string generatorId, int bytes, int expected);

    [LoggerMessage(EventId = 3405, Level = LogLevel.Debug, Message = "Pair store '{Path}': stored {Inserted} new pairs of {Count}.")]
    public static partial void PairsStored(ILogger logger, string path, int inserted, int count);

    [LoggerMessage(EventId = 3406, Level = LogLevel.Information, Message = "Pair store '{Path}': {Action} {Pairs} pairs, {Items} items no other pair uses and {Embeddings} cached embeddings of their texts (erasure by {Criteria}).")]
    public static partial void PairsErased(ILogger logger, string path, string action, int pairs, int items, int embeddings, string criteria);

    [LoggerMessage(EventId = 3407, Level = LogLevel.Warning, Message = "Pair store '{Path}': the erasure is committed, but its bytes may remain in the file or its WAL: {Reason}. The next erasure (even one that matches nothing) finishes it.")]
    public static partial void WipeIncomplete(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 3408, Level = LogLevel.Debug, Message = "Pair store '{Path}': readers keep the WAL checkpoint after an erasure from completing; attempt {Attempt} retries in {DelayMilliseconds} ms.")]
    public static partial void CheckpointRetry(ILogger logger, string path, int attempt, int delayMilliseconds);
}
