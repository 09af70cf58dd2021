namespace Ancso.Ml.PostgreSql.Pairs;

/// <summary>
/// The embedding cache: vectors as <c>bytea</c> (float32, little-endian), keyed by generator, dimension and text hash.
/// It sits on the scoring path, so a call is tried once within <see cref="PostgreSqlOptions.CacheTimeout"/>, and after
/// a failure the cache is skipped for <see cref="PostgreSqlOptions.CacheCooldown"/>: the pipeline then embeds the texts
/// itself, and scoring keeps its speed while the database is away.
/// </summary>
internal sealed partial class PostgreSqlPairStore
{
    private long _cacheSkippedUntil;

    public async Task<IReadOnlyDictionary<string, float[]>> GetManyAsync(string generatorId, int dimension, IReadOnlyCollection<string> textHashes, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(generatorId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        ArgumentNullException.ThrowIfNull(textHashes);
        var found = new Dictionary<string, float[]>(StringComparer.Ordinal);
        if (textHashes.Count == 0)
        {
            return found;
        }

        await CacheCallAsync(
            async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand(
                    $"SELECT text_hash, vector FROM {_embeddings} WHERE generator_id = $1 AND dimension = $2 AND text_hash = ANY($3);", connection);
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = generatorId });
                command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = dimension });
                command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. textHashes.Distinct(StringComparer.Ordinal)] });
                var expected = dimension * sizeof(float);
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    var hash = reader.GetString(0);
                    var bytes = reader.GetFieldValue<byte[]>(1);
                    if (bytes.Length != expected)
                    {
                        PostgreSqlLog.CorruptEmbedding(_database.Logger, Description, hash, generatorId, bytes.Length, expected);
                        continue;
                    }

                    found[hash] = VectorBlob.Decode(bytes);
                }
            },
            cancellationToken).ConfigureAwait(false);
        return found;
    }

    public Task SetManyAsync(string generatorId, int dimension, IReadOnlyDictionary<string, float[]> vectors, CancellationToken cancellationToken = default)
    {
        PairStoreArguments.CheckVectors(generatorId, dimension, vectors);

        if (vectors.Count == 0)
        {
            return Task.CompletedTask;
        }

        // In text-hash order, so two instances writing overlapping sets take their row locks in the same order.
        var ordered = vectors.OrderBy(static v => v.Key, StringComparer.Ordinal).ToArray();
        var now = _database.Time.GetUtcNow();
        return CacheCallAsync(
            async (connection, ct) =>
            {
                // A stored vector of the wrong size (a damaged row) is replaced; a valid one is kept.
                await using var command = new NpgsqlCommand($"""
                    INSERT INTO {_embeddings} AS e (generator_id, dimension, text_hash, vector, created_at)
                    SELECT $1, $2, u.text_hash, u.vector, $5 FROM unnest($3::text[], $4::bytea[]) AS u(text_hash, vector)
                    ON CONFLICT (generator_id, dimension, text_hash) DO UPDATE SET vector = excluded.vector, created_at = excluded.created_at
                    WHERE length(e.vector) <> length(excluded.vector);
                    """, connection);
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = generatorId });
                command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = dimension });
                command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. ordered.Select(static v => v.Key)] });
                command.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = [.. ordered.Select(static v => VectorBlob.Encode(v.Value))] });
                command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
                await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<CachedEmbeddingSet>> ListCachedEmbeddingsAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<CachedEmbeddingSet>>(
            async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand(
                    $"SELECT generator_id, dimension, count(*) FROM {_embeddings} GROUP BY generator_id, dimension ORDER BY generator_id COLLATE \"C\", dimension;", connection);
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                var sets = new List<CachedEmbeddingSet>();
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    sets.Add(new CachedEmbeddingSet(reader.GetString(0), reader.GetInt32(1), (int)reader.GetInt64(2)));
                }

                return sets;
            },
            cancellationToken);

    /// <summary>One try within the cache timeout; a failure starts the cool-down and is thrown for the pipeline to count as a miss.</summary>
    private async Task CacheCallAsync(Func<NpgsqlConnection, CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        var now = _database.Time.GetTimestamp();
        if (now < Volatile.Read(ref _cacheSkippedUntil))
        {
            throw new PairStoreException($"The embedding cache in {Description} is skipped for a few seconds after a failure.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_database.Options.CacheTimeout);
        try
        {
            await _database.EnsureMigratedAsync(timeout.Token).ConfigureAwait(false);
            var connection = await _database.DataSource.OpenConnectionAsync(timeout.Token).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                await work(connection, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is NpgsqlException or OperationCanceledException or TimeoutException or IOException or PostgreSqlSchemaException)
        {
            if (PostgreSqlFailures.IsConnectionLoss(e))
            {
                _database.DataSource.Clear();
            }

            var cooldown = _database.Options.CacheCooldown;
            Volatile.Write(ref _cacheSkippedUntil, _database.Time.GetTimestamp() + (long)(cooldown.TotalSeconds * _database.Time.TimestampFrequency));
            var cause = e is OperationCanceledException ? $"no answer within {_database.Options.CacheTimeout.TotalSeconds} s" : PostgreSqlFailures.Describe(e);
            PostgreSqlLog.CacheUnavailable(_database.Logger, Description, cause, cooldown.TotalSeconds);
            throw new PairStoreException($"The embedding cache in {Description} failed: {cause}.", e);
        }
    }
}
