namespace Ancso.Ml.Cli.Infrastructure;

/// <summary>Options every <c>ranker</c> command takes.</summary>
internal static class GlobalOptions
{
    public static Option<string?> Data { get; } = new("--data")
    {
        Description = "Folder of the pair store and exported dataset (default: data/ranker; env ANCSO_DATA_DIR).",
        Recursive = true,
    };

    public static Option<string?> Models { get; } = new("--models")
    {
        Description = "Models folder (default: models; env ANCSO_MODELS_DIR).",
        Recursive = true,
    };

    public static Option<string?> Config { get; } = new("--config")
    {
        Description = "JSON config file with a 'Ranker' section (Ranker:Sqlite, Ranker:Export, Ranker:OpenRouter, ...) (default: ancso.json in the current folder, if present).",
        Recursive = true,
    };

    public static Option<string?> Embeddings { get; } = new("--embeddings")
    {
        Description = "Embedding generator: arctic (offline sentence encoder, the default), hashing (offline, no model) or openrouter (needs OPENROUTER_API_KEY); env ANCSO_EMBEDDINGS.",
        Recursive = true,
    };

    public static Option<string?> Store { get; } = new("--store")
    {
        Description = "Where pairs, cached embeddings and models live: sqlite (the pair store file in the data folder and the models folder, the default) or postgresql " +
            "(the database at Ranker:PostgreSql:ConnectionString, from the config file or env ANCSO_Ranker__PostgreSql__ConnectionString; the models folder then holds the local copy); env ANCSO_STORE.",
        Recursive = true,
    };

    public static Option<bool> Json { get; } = new("--json")
    {
        Description = "Print the result as JSON (fields named as in the text output).",
        Recursive = true,
    };

    public static Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "Print debug logs, and stack traces on failure.",
        Recursive = true,
    };

    public static void AddTo(Command command)
    {
        command.Add(Data);
        command.Add(Models);
        command.Add(Config);
        command.Add(Embeddings);
        command.Add(Store);
        command.Add(Json);
        command.Add(Verbose);
    }
}
