using Ancso.Ml.Embeddings;

namespace Ancso.Ml.PostgreSql.Pairs;

/// <summary>
/// The pair store in PostgreSQL, shared by every instance of an app: the same ids, idempotence and export order as the
/// SQLite store. Each write is one transaction (items and pairs inserted with <c>ON CONFLICT DO NOTHING</c> from arrays,
/// one round trip), repeated as a whole while the database is unreachable or breaks a deadlock. Also the embedding cache
/// (<see cref="IEmbeddingCache"/>).
/// </summary>
internal sealed partial class PostgreSqlPairStore : IPairStore, IEmbeddingCache
{
    private const string NothingStored =
        "Nothing of this call was stored, unless the connection dropped while the transaction committed; either way retrying it is safe, since a pair is stored once.";

    private const string NothingChanged = "Nothing was changed.";

    private readonly PostgreSqlDatabase _database;
    private readonly string _items;
    private readonly string _pairs;
    private readonly string _embeddings;
    private readonly string _storeInfo;
    private readonly string _erasedPairs;
    private readonly PostgreSqlRows _rows;

    public PostgreSqlPairStore(PostgreSqlDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _items = database.QuotedSchema + ".items";
        _pairs = database.QuotedSchema + ".pairs";
        _embeddings = database.QuotedSchema + ".embeddings";
        _storeInfo = database.QuotedSchema + ".store_info";
        _erasedPairs = database.QuotedSchema + ".erased_pairs";
        _rows = new PostgreSqlRows(database.Description);
    }

    /// <summary>Gets how messages name the store's database.</summary>
    public string Description => _database.Description;

    private static PairStoreException Fail(string message, Exception cause) =>
        cause as PairStoreException ?? new PairStoreException(message, cause);

    private Task<T> ReadAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        _database.RunAsync(work, Fail, NothingChanged, cancellationToken);
}
