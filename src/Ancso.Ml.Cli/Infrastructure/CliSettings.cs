using System.CommandLine;
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

            builder.AddJsonFile(full, optional: false);
        }
        else if (File.Exists(DefaultConfigFile))
        {
            builder.AddJsonFile(Path.GetFullPath(DefaultConfigFile), optional: false);
        }

        builder.AddEnvironmentVariables("ANCSO_");
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        AddIfSet(overrides, "PairStore:DataDirectory", Environment.GetEnvironmentVariable("ANCSO_DATA_DIR"));
        AddIfSet(overrides, "Ranker:ModelsDirectory", Environment.GetEnvironmentVariable("ANCSO_MODELS_DIR"));
        AddIfSet(overrides, "PairStore:DataDirectory", parse.GetValue(GlobalOptions.Data));
        AddIfSet(overrides, "Ranker:ModelsDirectory", parse.GetValue(GlobalOptions.Models));
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

        var data = configuration["PairStore:DataDirectory"] ?? DefaultDataDirectory;
        var models = configuration["Ranker:ModelsDirectory"] ?? DefaultModelsDirectory;
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
