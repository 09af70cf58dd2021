using Microsoft.Extensions.Configuration;

namespace Ancso.Ml.Cli.Infrastructure;

/// <summary>
/// Where the tool reads and writes, resolved in this order: command-line options, environment variables
/// (<c>ANCSO_DATA_DIR</c>, <c>ANCSO_MODELS_DIR</c>, or any setting as <c>ANCSO_Ranker__ModelsDirectory</c>), the config
/// file, the defaults (<c>data/ranker</c>, <c>models</c>, relative to the current folder).
/// </summary>
internal sealed record CliSettings(string DataDirectory, string ModelsDirectory, bool Json, bool Verbose, IConfiguration Configuration)
{
    public const string DefaultDataDirectory = "data/ranker";
    public const string DefaultModelsDirectory = "models";
    public const string DefaultConfigFile = "ancso.json";

    /// <summary>The configuration key of the data folder: the pair store (<c>pairs.db</c>) and the exported dataset live there.</summary>
    public const string DataDirectoryKey = "Ranker:Export:DatasetDirectory";

    /// <summary>The configuration key of the models folder.</summary>
    public const string ModelsDirectoryKey = "Ranker:ModelsDirectory";

    /// <summary>The configuration key of the pair store's database file; <c>&lt;data&gt;/pairs.db</c> unless set.</summary>
    public const string DatabasePathKey = "Ranker:Sqlite:DatabasePath";

    /// <summary>The configuration key naming the embedding generator: <c>arctic-int8</c> (default), <c>arctic</c>, <c>hashing</c> or <c>openrouter</c>.</summary>
    public const string EmbeddingsKey = "Embeddings";

    /// <summary>The configuration key naming the store: <c>sqlite</c> or <c>postgresql</c>.</summary>
    public const string StoreKey = "Store";

    /// <summary>The configuration key of the PostgreSQL connection string.</summary>
    public const string PostgreSqlConnectionStringKey = "Ranker:PostgreSql:ConnectionString";

    /// <summary>The SQLite pair store file and the models folder: the default.</summary>
    public const string SqliteStore = "sqlite";

    /// <summary>PostgreSQL (Ancso.Ml.PostgreSql): pairs, cached embeddings and models in one database.</summary>
    public const string PostgreSqlStore = "postgresql";

    /// <summary>
    /// Gets the store: <c>sqlite</c> or <c>postgresql</c>, as set by <c>--store</c>, <c>ANCSO_STORE</c> or 'Store' in the
    /// config file; <c>postgresql</c> when only a PostgreSQL connection string is configured; <c>sqlite</c> otherwise.
    /// </summary>
    public string Store => (Configuration[StoreKey] ?? (string.IsNullOrWhiteSpace(Configuration[PostgreSqlConnectionStringKey]) ? SqliteStore : PostgreSqlStore))
        .Trim().ToLowerInvariant() switch
    {
        SqliteStore => SqliteStore,
        PostgreSqlStore or "postgres" or "pg" => PostgreSqlStore,
        var other => throw new CliException($"Unknown store '{other}' (--store, ANCSO_STORE or 'Store' in the config file); use sqlite or postgresql.", ExitCodes.Usage),
    };

    /// <summary>Gets how output names the pair store: the SQLite file, or the PostgreSQL database (never its password).</summary>
    public string PairStoreDescription
    {
        get
        {
            if (Store != PostgreSqlStore)
            {
                return DatabasePath;
            }

            var builder = new Npgsql.NpgsqlConnectionStringBuilder(Configuration[PostgreSqlConnectionStringKey] ?? "");
            return $"postgresql://{builder.Host}:{builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}/{builder.Database}, schema {Configuration["Ranker:PostgreSql:Schema"] ?? "ancso"}";
        }
    }

    /// <summary>The offline sentence encoder (<c>local:arctic-embed-xs</c>, Ancso.Ml.Embeddings.Local) in float32.</summary>
    public const string ArcticEmbeddings = "arctic";

    /// <summary>
    /// The same encoder with its weight matrix products in int8 (<c>local:arctic-embed-xs-int8</c>): the default, about 2.5
    /// times faster with the same accuracy on the judged pairs; another embedder id, so models trained with <c>arctic</c> need it named.
    /// </summary>
    public const string ArcticInt8Embeddings = "arctic-int8";

    /// <summary>The dependency-free offline hashing generator (<c>ancso:hashing-v1</c>).</summary>
    public const string HashingEmbeddings = "hashing";

    /// <summary>OpenRouter or another OpenAI-compatible service.</summary>
    public const string OpenRouterEmbeddings = "openrouter";

    /// <summary>Gets the embedding generator's name: <c>arctic</c>, <c>arctic-int8</c>, <c>hashing</c> or <c>openrouter</c>.</summary>
    public string Embeddings => (Configuration[EmbeddingsKey] ?? ArcticInt8Embeddings).Trim().ToLowerInvariant() switch
    {
        ArcticEmbeddings => ArcticEmbeddings,
        ArcticInt8Embeddings => ArcticInt8Embeddings,
        HashingEmbeddings => HashingEmbeddings,
        OpenRouterEmbeddings => OpenRouterEmbeddings,
        var other => throw new CliException($"Unknown embedding generator '{other}' (--embeddings, ANCSO_EMBEDDINGS or 'Embeddings' in the config file); use arctic, arctic-int8, hashing or openrouter.", ExitCodes.Usage),
    };

    /// <summary>Gets the pair store's database file.</summary>
    public string DatabasePath => Path.GetFullPath(Configuration[DatabasePathKey] ?? Path.Combine(DataDirectory, "pairs.db"));

    /// <summary>Gets the exported dataset's folder (its <c>metadata.json</c> names the dataset file).</summary>
    public string DatasetPath => DataDirectory;

    /// <summary>The largest config file read: 1 MiB.</summary>
    internal const long MaxConfigBytes = 1 << 20;

    /// <summary>Adds a JSON config file, read as every input file is: a regular file only, never blocking, at most 1 MiB.</summary>
    private static void AddConfigFile(ConfigurationBuilder builder, string path)
    {
        byte[] bytes;
        try
        {
            using var file = Ancso.Ml.IO.InputFile.Open(path, MaxConfigBytes);
            bytes = file.ReadAll();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"Config file: {ex.Message}", ExitCodes.Usage);
        }

        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(bytes, new System.Text.Json.JsonDocumentOptions
            {
                CommentHandling = System.Text.Json.JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
            });
            if (document.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object)
            {
                throw new CliException($"Config file '{path}': the file holds a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}; a config file is one JSON object with a Ranker section (see README, Configuration).", ExitCodes.Usage);
            }
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new CliException($"Config file '{path}', line {ex.LineNumber + 1}: not valid JSON ({ex.Message.ReplaceLineEndings(" ")}).", ExitCodes.Usage);
        }

        builder.AddJsonStream(new MemoryStream(bytes, writable: false));
    }

    public static CliSettings Resolve(ParseResult parse)
    {
        var builder = new ConfigurationBuilder();
        var configFile = parse.GetValue(GlobalOptions.Config);
        if (configFile is not null)
        {
            var full = Path.GetFullPath(configFile);
            if (!File.Exists(full))
            {
                throw new CliException($"Config file '{full}' does not exist.", ExitCodes.Usage);
            }

            AddConfigFile(builder, full);
        }
        else if (File.Exists(DefaultConfigFile))
        {
            AddConfigFile(builder, Path.GetFullPath(DefaultConfigFile));
        }

        builder.AddEnvironmentVariables("ANCSO_");
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        AddIfSet(overrides, DataDirectoryKey, Environment.GetEnvironmentVariable("ANCSO_DATA_DIR"));
        AddIfSet(overrides, ModelsDirectoryKey, Environment.GetEnvironmentVariable("ANCSO_MODELS_DIR"));
        AddIfSet(overrides, DataDirectoryKey, parse.GetValue(GlobalOptions.Data));
        AddIfSet(overrides, ModelsDirectoryKey, parse.GetValue(GlobalOptions.Models));
        AddIfSet(overrides, EmbeddingsKey, Environment.GetEnvironmentVariable("ANCSO_EMBEDDINGS"));
        AddIfSet(overrides, EmbeddingsKey, parse.GetValue(GlobalOptions.Embeddings));
        AddIfSet(overrides, StoreKey, Environment.GetEnvironmentVariable("ANCSO_STORE"));
        AddIfSet(overrides, StoreKey, parse.GetValue(GlobalOptions.Store));
        builder.AddInMemoryCollection(overrides);

        IConfiguration configuration;
        try
        {
            configuration = builder.Build();
        }
        catch (InvalidDataException ex)
        {
            throw new CliException($"Config file is not valid JSON: {ex.Message}", ExitCodes.Usage);
        }

        var data = configuration[DataDirectoryKey] ?? DefaultDataDirectory;
        var models = configuration[ModelsDirectoryKey] ?? DefaultModelsDirectory;
        return new CliSettings(Path.GetFullPath(data), Path.GetFullPath(models), parse.GetValue(GlobalOptions.Json), parse.GetValue(GlobalOptions.Verbose), configuration);
    }

    private static void AddIfSet(Dictionary<string, string?> values, string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            values[key] = value;
        }
    }
}
