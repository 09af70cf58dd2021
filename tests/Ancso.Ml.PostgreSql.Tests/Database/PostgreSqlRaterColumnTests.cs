using Ancso.Ml.Embeddings;
using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Pairs.Storage;
using Ancso.Ml.PostgreSql.Database;
using Ancso.Ml.PostgreSql.Pairs;
using Ancso.Ml.PostgreSql.Tests.Server;
using Npgsql;

namespace Ancso.Ml.PostgreSql.Tests.Database;

/// <summary>Schema step 2, the rater of each pair: an existing store is brought forward, and the column takes pseudonyms only.</summary>
public sealed class PostgreSqlRaterColumnTests
{
    private const string Rater = "r_0123456789abcdef0123456789abcdef";

    private PostgreSqlServer _server = null!;
    private string _schema = null!;

    private string Quoted => $"\"{_schema}\"";

    [OneTimeSetUp]
    public async Task StartServer() => _server = await PostgreSqlServer.GetAsync();

    [SetUp]
    public void SetUp() => _schema = PostgreSqlServer.NewSchema();

    [TearDown]
    public async Task TearDown() => await _server.ScalarAsync($"DROP SCHEMA IF EXISTS {Quoted} CASCADE;");

    [Test]
    public async Task GetPairAsync_StoreAtVersionOneWithAPair_MigratesToVersionTwoAndReadsThePairUnattributed()
    {
        // A store as version 1 left it: step 1's tables, its row in schema_migrations, and a pair.
        var v1 = PostgreSqlSchema.Migrations[0];
        Assert.That(v1.Version, Is.EqualTo(1));
        await _server.ScalarAsync($"""
            CREATE SCHEMA {Quoted};
            CREATE TABLE {Quoted}.schema_migrations (
                version integer PRIMARY KEY,
                description text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            );
            {v1.Sql.Replace("{schema}", Quoted, StringComparison.Ordinal)}
            INSERT INTO {Quoted}.schema_migrations (version, description) VALUES (1, '{v1.Description}');
            {InsertItemSql("Engineer")}
            {InsertItemSql("Backend engineer shipping payment APIs in Go")}
            INSERT INTO {Quoted}.pairs (id, item_a, item_b, platform, section, label, source, tags, note, created_at)
            VALUES ('p_old', '{ItemId("Engineer")}', '{ItemId("Backend engineer shipping payment APIs in Go")}', 'linkedin', 'headline', -1, 'user_choice', ARRAY['clarity'], NULL, now());
            """);
        Assert.That(await _server.ScalarAsync($"SELECT count(*) FROM information_schema.columns WHERE table_schema = '{_schema}' AND table_name = 'pairs' AND column_name = 'rater';"), Is.Zero);

        await using var database = Database();
        var store = new PostgreSqlPairStore(database);
        var old = await store.GetPairAsync("p_old");

        Assert.That(await _server.ScalarAsync($"SELECT string_agg(version::text, ',' ORDER BY version) FROM {Quoted}.schema_migrations;"), Is.EqualTo("1,2,3"));
        Assert.That(old, Is.Not.Null);
        Assert.That((old!.Rater, old.Better, old.Source, old.ItemA.Text), Is.EqualTo(((string?)null, PairSide.B, PairSources.UserChoice, "Engineer")));
        Assert.That(old.Tags, Is.EqualTo(new[] { "clarity" }));

        await store.AddPairsAsync([new NewPair("linkedin", "headline", "Engineer", "Staff engineer", PairSide.B, PairSources.UserChoice) { Id = "p_new", Rater = Rater }]);
        var streamed = new List<StoredPair>();
        await foreach (var pair in store.StreamPairsAsync())
        {
            streamed.Add(pair);
        }

        Assert.That(streamed.Select(p => (p.Id, p.Rater)), Is.EqualTo(new[] { ("p_old", (string?)null), ("p_new", Rater) }));
    }

    [TestCase("alice@example.com")]
    [TestCase("r_0123456789ABCDEF0123456789ABCDEF")]
    [TestCase("r_0123456789abcdef0123456789abcde")]
    [TestCase("r_0123456789abcdef0123456789abcdef0")]
    [TestCase("r_0123456789abcdef0123456789abcdef\n")]
    [TestCase("x_0123456789abcdef0123456789abcdef")]
    [TestCase("")]
    public async Task InsertPair_RaterNotAPseudonymWrittenBySql_RefusedByTheCheckConstraint(string rater)
    {
        await using var database = await MigratedAsync();

        var e = Assert.ThrowsAsync<PostgresException>(() => InsertPairAsync("p_raw", rater));

        Assert.That(e!.SqlState, Is.EqualTo(PostgresErrorCodes.CheckViolation));
        Assert.That(await _server.ScalarAsync($"SELECT count(*) FROM {Quoted}.pairs;"), Is.EqualTo(1L));
    }

    [Test]
    public async Task InsertPair_PseudonymWrittenBySql_ReadBackByTheStore()
    {
        await using var database = await MigratedAsync();

        await InsertPairAsync("p_raw", Rater);

        Assert.That((await new PostgreSqlPairStore(database).GetPairAsync("p_raw"))!.Rater, Is.EqualTo(Rater));
    }

    /// <summary>A store at the newest version holding one pair, <c>p_first</c>.</summary>
    private async Task<PostgreSqlDatabase> MigratedAsync()
    {
        var database = Database();
        await new PostgreSqlPairStore(database).AddPairsAsync([new NewPair("linkedin", "headline", "Old", "New", PairSide.A, PairSources.UserChoice) { Id = "p_first" }]);
        return database;
    }

    private async Task InsertPairAsync(string id, string rater)
    {
        await using var connection = new NpgsqlConnection(_server.ConnectionString() + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"INSERT INTO {Quoted}.pairs (id, item_a, item_b, platform, section, label, source, tags, created_at, rater) " +
            $"SELECT @id, item_a, item_b, platform, section, label, source, tags, now(), @rater FROM {Quoted}.pairs WHERE id = 'p_first';", connection);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("rater", rater);
        Assert.That(await command.ExecuteNonQueryAsync(), Is.EqualTo(1));
    }

    private string InsertItemSql(string text) =>
        $"INSERT INTO {Quoted}.items (id, content_hash, platform, section, text, text_hash, metrics, created_at) " +
        $"VALUES ('{ItemId(text)}', '{PairIds.ContentHash("linkedin", "headline", text)}', 'linkedin', 'headline', '{text}', '{EmbeddingTextHash.Compute(text)}', NULL, now());";

    private static string ItemId(string text) => PairIds.ForItem("linkedin", "headline", text);

    private PostgreSqlDatabase Database() =>
        new(PostgreSqlDatabase.CreateDataSource(_server.ConnectionString()), ownsDataSource: true, new PostgreSqlOptions { Schema = _schema });
}
