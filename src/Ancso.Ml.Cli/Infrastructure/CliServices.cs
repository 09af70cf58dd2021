using Ancso.Ml.Embeddings.Local;
using Ancso.Ml.DependencyInjection;
using Ancso.Ml.PostgreSql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ancso.Ml.Cli.Infrastructure;

/// <summary>Builds the SDK's services for one command, from the resolved settings.</summary>
internal static class CliServices
{
    /// <param name="settings">The resolved settings.</param>
    /// <param name="configure">The command's own changes, made last (see <see cref="CliCommand.ConfigureServices"/>).</param>
    public static ServiceProvider Build(CliSettings settings, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            // Without --verbose the tool prints results and one-line errors only: a log entry carries a stack trace
            // when it has an exception, and whatever went wrong reaches the user through the command's own output.
            logging.SetMinimumLevel(settings.Verbose ? LogLevel.Debug : LogLevel.None);
            logging.AddSimpleConsole(o => o.SingleLine = true);
            logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        });
        var ranker = services.AddRanker(settings.Configuration.GetSection(RankerOptions.SectionName))
            .AddBootstrap()
            .AddDatasetExport()
            .AddRaterReport();
        services.PostConfigure<RankerOptions>(o => o.ModelsDirectory = settings.ModelsDirectory);
        services.PostConfigure<DatasetExportOptions>(o => o.DatasetDirectory = settings.DataDirectory);
        if (settings.Store == CliSettings.PostgreSqlStore)
        {
            var section = settings.Configuration.GetSection(PostgreSqlOptions.SectionName);
            if (string.IsNullOrWhiteSpace(section["ConnectionString"]))
            {
                throw new CliException(
                    $"--store postgresql needs a connection string: set '{CliSettings.PostgreSqlConnectionStringKey}' in the config file or the environment variable ANCSO_Ranker__PostgreSql__ConnectionString.",
                    ExitCodes.Usage);
            }

            ranker.UsePostgreSql(); // binds Ranker:PostgreSql
        }
        else
        {
            ranker.AddSqlitePairStore(o => o.DatabasePath = settings.DatabasePath);
        }

        services.AddRankerTraining();
        switch (settings.Embeddings)
        {
            case CliSettings.OpenRouterEmbeddings:
                ranker.UseOpenRouterEmbeddings(); // binds Ranker:OpenRouter; the key may come from OPENROUTER_API_KEY
                break;
            case CliSettings.ArcticEmbeddings or CliSettings.ArcticInt8Embeddings:
                var local = settings.Configuration.GetSection(LocalEmbeddingOptions.SectionName);
                ranker.UseLocalEmbeddings(); // binds Ranker:LocalEmbeddings
                if (settings.Embeddings == CliSettings.ArcticInt8Embeddings)
                {
                    services.PostConfigure<LocalEmbeddingOptions>(o => o.Precision = LocalEmbeddingPrecision.Int8);
                }

                // A command that embeds in bulk (export, evaluate) has the machine to itself: use every core unless configured.
                if (local[nameof(LocalEmbeddingOptions.IntraOpThreads)] is null)
                {
                    services.PostConfigure<LocalEmbeddingOptions>(o => o.IntraOpThreads = Environment.ProcessorCount);
                }

                break;
        }

        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false, ValidateScopes = true });
    }
}
