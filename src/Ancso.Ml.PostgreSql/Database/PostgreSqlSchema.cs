namespace Ancso.Ml.PostgreSql.Database;

/// <summary>
/// The tables of the PostgreSQL backend, as ordered migration steps. A released step never changes: a new schema is a
/// new step appended here, so every older database can be brought forward.
/// </summary>
internal static class PostgreSqlSchema
{
    /// <summary>Gets the migration steps, in order.</summary>
    public static IReadOnlyList<PostgreSqlMigration> Migrations { get; } =
    [
        new PostgreSqlMigration(1, "items, pairs, the embedding cache and the model registry", """
            CREATE TABLE {schema}.items (
                seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                id text NOT NULL UNIQUE,
                content_hash text NOT NULL UNIQUE,
                platform text NOT NULL,
                section text NOT NULL,
                text text NOT NULL,
                text_hash text NOT NULL,
                metrics real[] NULL,
                created_at timestamptz NOT NULL
            );
            CREATE INDEX items_platform_section ON {schema}.items (platform, section);
            CREATE TABLE {schema}.pairs (
                seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                id text NOT NULL UNIQUE,
                item_a text NOT NULL REFERENCES {schema}.items (id),
                item_b text NOT NULL REFERENCES {schema}.items (id),
                platform text NOT NULL,
                section text NOT NULL,
                label smallint NOT NULL CHECK (label IN (1, -1)),
                source text NOT NULL,
                tags text[] NOT NULL,
                note text NULL,
                created_at timestamptz NOT NULL,
                xact xid8 NOT NULL DEFAULT pg_current_xact_id(),
                CHECK (item_a <> item_b)
            );
            CREATE INDEX pairs_platform_source ON {schema}.pairs (platform, source);
            CREATE INDEX pairs_source ON {schema}.pairs (source);
            CREATE TABLE {schema}.embeddings (
                generator_id text NOT NULL,
                dimension integer NOT NULL,
                text_hash text NOT NULL,
                vector bytea NOT NULL,
                created_at timestamptz NOT NULL,
                PRIMARY KEY (generator_id, dimension, text_hash)
            );
            CREATE TABLE {schema}.model_versions (
                version text PRIMARY KEY,
                onnx bytea NOT NULL,
                onnx_sha256 text NOT NULL,
                metadata text NOT NULL,
                created_at timestamptz NOT NULL
            );
            CREATE TABLE {schema}.model_state (
                id smallint PRIMARY KEY CHECK (id = 1),
                active_version text NULL REFERENCES {schema}.model_versions (version),
                previous_version text NULL REFERENCES {schema}.model_versions (version),
                activated_at timestamptz NULL
            );
            INSERT INTO {schema}.model_state (id) VALUES (1);
            CREATE TABLE {schema}.model_activations (
                seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                version text NOT NULL REFERENCES {schema}.model_versions (version),
                previous_version text NULL,
                kind text NOT NULL CHECK (kind IN ('activate', 'rollback')),
                activated_at timestamptz NOT NULL
            );
            """),
        new PostgreSqlMigration(2, "the rater of each pair (a keyed pseudonym; existing pairs are unattributed)", """
            ALTER TABLE {schema}.pairs ADD COLUMN rater text NULL CHECK (rater IS NULL OR rater ~ '^r_[0-9a-f]{32}$');
            CREATE INDEX pairs_rater ON {schema}.pairs (rater) WHERE rater IS NOT NULL;
            """),
        new PostgreSqlMigration(3, "the store's id, the erasure log, and the indexes an erasure looks pairs, items and embeddings up by", """
            CREATE TABLE {schema}.store_info (
                id smallint PRIMARY KEY CHECK (id = 1),
                store_id text NOT NULL CHECK (store_id ~ '^[0-9a-f]{32}$')
            );
            INSERT INTO {schema}.store_info (id, store_id) VALUES (1, replace(gen_random_uuid()::text, '-', ''));
            CREATE TABLE {schema}.erased_pairs (
                generation bigint NOT NULL CHECK (generation > 0),
                seq bigint NOT NULL,
                platform text NOT NULL,
                section text NOT NULL,
                source text NOT NULL,
                erased_at timestamptz NOT NULL
            );
            CREATE INDEX erased_pairs_generation ON {schema}.erased_pairs (generation, seq) INCLUDE (platform, section, source);
            CREATE INDEX pairs_item_a ON {schema}.pairs (item_a);
            CREATE INDEX pairs_item_b ON {schema}.pairs (item_b);
            CREATE INDEX pairs_created_at ON {schema}.pairs (created_at) WHERE source <> 'bootstrap';
            CREATE INDEX items_text_hash ON {schema}.items (text_hash);
            CREATE INDEX embeddings_text_hash ON {schema}.embeddings (text_hash);
            """),
    ];
}
