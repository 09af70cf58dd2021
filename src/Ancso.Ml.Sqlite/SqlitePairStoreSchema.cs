namespace Ancso.Ml.Sqlite;

/// <summary>
/// The pair store's schema, as ordered migration steps. A released step never changes: a new schema is a new step
/// appended here, so every older file can be brought forward.
/// </summary>
internal static class SqlitePairStoreSchema
{
    /// <summary>The SQLite <c>application_id</c> of a pair store file: the ASCII bytes <c>AnPS</c>.</summary>
    public const int ApplicationId = 0x416E5053;

    /// <summary>Gets the migration steps, in order.</summary>
    public static IReadOnlyList<SqliteMigration> Migrations { get; } =
    [
        new SqliteMigration(1, "items, pairs and the embedding cache", """
            CREATE TABLE items (
                seq INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                content_hash TEXT NOT NULL UNIQUE,
                platform TEXT NOT NULL,
                section TEXT NOT NULL,
                text TEXT NOT NULL,
                text_hash TEXT NOT NULL,
                metrics TEXT NULL,
                created_at INTEGER NOT NULL
            );
            CREATE INDEX ix_items_platform_section ON items (platform, section);
            CREATE TABLE pairs (
                seq INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                item_a TEXT NOT NULL REFERENCES items (id),
                item_b TEXT NOT NULL REFERENCES items (id),
                platform TEXT NOT NULL,
                section TEXT NOT NULL,
                label INTEGER NOT NULL CHECK (label IN (1, -1)),
                source TEXT NOT NULL,
                tags TEXT NOT NULL,
                note TEXT NULL,
                created_at INTEGER NOT NULL,
                CHECK (item_a <> item_b)
            );
            CREATE INDEX ix_pairs_platform_source ON pairs (platform, source);
            CREATE INDEX ix_pairs_source ON pairs (source);
            CREATE TABLE embeddings (
                generator_id TEXT NOT NULL,
                dimension INTEGER NOT NULL,
                text_hash TEXT NOT NULL,
                vector BLOB NOT NULL,
                created_at INTEGER NOT NULL,
                PRIMARY KEY (generator_id, dimension, text_hash)
            ) WITHOUT ROWID;
            """),
        new SqliteMigration(2, "the rater of each pair (a keyed pseudonym; existing pairs are unattributed)", """
            ALTER TABLE pairs ADD COLUMN rater TEXT NULL CHECK (rater IS NULL OR (length(rater) = 34 AND substr(rater, 1, 2) = 'r_' AND substr(rater, 3) NOT GLOB '*[^0-9a-f]*'));
            CREATE INDEX ix_pairs_rater ON pairs (rater) WHERE rater IS NOT NULL;
            """),
        new SqliteMigration(3, "the store's id, the erasure log, and the indexes an erasure looks pairs, items and embeddings up by", """
            CREATE TABLE store_info (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                store_id TEXT NOT NULL CHECK (length(store_id) = 32 AND store_id NOT GLOB '*[^0-9a-f]*'),
                max_erased_seq INTEGER NOT NULL DEFAULT 0,
                vacuumed_generation INTEGER NOT NULL DEFAULT 0
            );
            INSERT INTO store_info (id, store_id) VALUES (1, lower(hex(randomblob(16))));
            CREATE TABLE erased_pairs (
                generation INTEGER NOT NULL CHECK (generation > 0),
                seq INTEGER NOT NULL,
                platform TEXT NOT NULL,
                section TEXT NOT NULL,
                source TEXT NOT NULL,
                erased_at INTEGER NOT NULL
            );
            CREATE INDEX ix_erased_pairs_generation ON erased_pairs (generation, seq, platform, section, source);
            CREATE INDEX ix_pairs_item_a ON pairs (item_a);
            CREATE INDEX ix_pairs_item_b ON pairs (item_b);
            CREATE INDEX ix_pairs_created_at ON pairs (created_at) WHERE source <> 'bootstrap';
            CREATE INDEX ix_items_text_hash ON items (text_hash);
            CREATE INDEX ix_embeddings_text_hash ON embeddings (text_hash);
            """),
    ];
}
