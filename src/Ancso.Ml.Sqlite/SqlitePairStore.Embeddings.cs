namespace Ancso.Ml.Sqlite;

internal sealed partial class SqlitePairStore
{
    private const int LookupChunk = 200;

    // A stored vector of the wrong size (a damaged row) is replaced; a valid one is kept.
    private const string InsertEmbeddingSql = """
        INSERT INTO embeddings (generator_id, dimension, text_hash, vector, created_at)
        VALUES ($generator_id, $dimension, $text_hash, $vector, $created_at)
        ON CONFLICT (generator_id, dimension, text_hash) DO UPDATE SET vector = excluded.vector, created_at = excluded.created_at
        WHERE length(embeddings.vector) <> length(excluded.vector);
        """;

    public Task<IReadOnlyDictionary<string, float[]>> GetManyAsync(string generatorId, int dimension, IReadOnlyCollection<string> textHashes, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(generatorId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        ArgumentNullException.ThrowIfNull(textHashes);
        if (textHashes.Count == 0)
        {
            return Task.FromResult<IReadOnlyDictionary<string, float[]>>(new Dictionary<string, float[]>(StringComparer.Ordinal));
        }

        return ReadAsync<IReadOnlyDictionary<string, float[]>>(
            connection =>
            {
                var found = new Dictionary<string, float[]>(StringComparer.Ordinal);
                var expected = dimension * sizeof(float);
                foreach (var chunk in textHashes.Distinct(StringComparer.Ordinal).Chunk(LookupChunk))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    using var command = connection.CreateCommand();
                    var sql = new StringBuilder("SELECT text_hash, vector FROM embeddings WHERE generator_id = $generator_id AND dimension = $dimension AND text_hash IN (");
                    for (var i = 0; i < chunk.Length; i++)
                    {
                        var name = "$h" + i.ToString(CultureInfo.InvariantCulture);
                        sql.Append(i == 0 ? "" : ", ").Append(name);
                        command.Parameters.AddWithValue(name, chunk[i]);
                    }

                    command.CommandText = sql.Append(");").ToString();
                    command.Parameters.AddWithValue("$generator_id", generatorId);
                    command.Parameters.AddWithValue("$dimension", dimension);
                    using var reader = command.ExecuteReader();
                    while (reader.Read())
                    {
                        var hash = reader.GetString(0);
                        var bytes = reader.GetFieldValue<byte[]>(1);
                        if (bytes.Length != expected)
                        {
                            SqlitePairStoreLog.CorruptEmbedding(_logger, DatabasePath, hash, generatorId, bytes.Length, expected);
                            continue;
                        }

                        found[hash] = VectorBlob.Decode(bytes);
                    }
                }

                return found;
            },
            cancellationToken);
    }

    public Task SetManyAsync(string generatorId, int dimension, IReadOnlyDictionary<string, float[]> vectors, CancellationToken cancellationToken = default)
    {
        PairStoreArguments.CheckVectors(generatorId, dimension, vectors);

        if (vectors.Count == 0)
        {
            return Task.CompletedTask;
        }

        return WriteAsync(
            (connection, transaction) =>
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = InsertEmbeddingSql;
                command.Parameters.AddWithValue("$generator_id", generatorId);
                command.Parameters.AddWithValue("$dimension", dimension);
                command.Parameters.AddWithValue("$created_at", _time.GetUtcNow().ToUnixTimeMilliseconds());
                var hashParameter = command.Parameters.Add("$text_hash", SqliteType.Text);
                var vectorParameter = command.Parameters.Add("$vector", SqliteType.Blob);
                foreach (var (hash, vector) in vectors)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    hashParameter.Value = hash;
                    vectorParameter.Value = VectorBlob.Encode(vector);
                    command.ExecuteNonQuery();
                }

                return vectors.Count;
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<CachedEmbeddingSet>> ListCachedEmbeddingsAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<CachedEmbeddingSet>>(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT generator_id, dimension, COUNT(*) FROM embeddings GROUP BY generator_id, dimension ORDER BY generator_id, dimension;";
                using var reader = command.ExecuteReader();
                var sets = new List<CachedEmbeddingSet>();
                while (reader.Read())
                {
                    sets.Add(new CachedEmbeddingSet(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2)));
                }

                return sets;
            },
            cancellationToken);
}
