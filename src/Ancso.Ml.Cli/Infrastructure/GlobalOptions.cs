namespace Ancso.Ml.Cli.Infrastructure;

/// <summary>Options every <c>ranker</c> command takes.</summary>
internal static class GlobalOptions
{
    public static Option<string?> Data { get; } = Recursive<string?>(
        "--data",
        "Folder of the pair store and exported dataset (default: data/ranker; env ANCSO_DATA_DIR).");

    public static Option<string?> Models { get; } = Recursive<string?>(
        "--models",
        "Models folder (default: models; env ANCSO_MODELS_DIR).");

    public static Option<string?> Config { get; } = Recursive<string?>(
        "--config",
        "JSON config file with a 'Ranker' section (Ranker:Sqlite, Ranker:Export, Ranker:OpenRouter, ...) (default: ancso.json in the current folder, if present).");

    public static Option<string?> Embeddings { get; } = Recursive<string?>(
        "--embeddings",
        "Embedding generator: arctic-int8 (offline sentence encoder in int8, the default), arctic (the same in float32, another embedder id), hashing (offline, no model) or openrouter (needs OPENROUTER_API_KEY); env ANCSO_EMBEDDINGS.");

    public static Option<string?> Store { get; } = Recursive<string?>(
        "--store",
        "Where pairs, cached embeddings and models live: sqlite (the pair store file in the data folder and the models folder, the default) or postgresql " +
        "(the database at Ranker:PostgreSql:ConnectionString, from the config file or env ANCSO_Ranker__PostgreSql__ConnectionString; the models folder then holds the local copy); env ANCSO_STORE.");

    public static Option<bool> Json { get; } = Recursive<bool>(
        "--json",
        "Print the result as JSON (fields named as in the text output).");

    public static Option<bool> Verbose { get; } = Recursive<bool>(
        "--verbose",
        "Print debug logs, and stack traces on failure.");

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

    /// <summary>An option that every subcommand of the command it is added to takes as well.</summary>
    private static Option<T> Recursive<T>(string name, string description) => new(name)
    {
        Description = description,
        Recursive = true,
    };
}
