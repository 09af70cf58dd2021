using Ancso.Ml.DependencyInjection;
using Ancso.Ml.Learning.Influence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ancso.Ml.Samples.RetrainWorker;

/// <summary>Wires the ranker, the trainer and the retraining check from configuration.</summary>
public static class RetrainWorkerServiceCollectionExtensions
{
    /// <summary>The section of the influence limits each retraining applies: <c>Ranker:Training:InfluenceLimits</c>, as the CLI reads it.</summary>
    public const string InfluenceLimitsSectionName = "Ranker:Training:InfluenceLimits";

    /// <summary>
    /// Registers the ranker (section <c>Ranker</c>, the embedding generator named by <c>Embeddings</c>: <c>arctic-int8</c> by
    /// default, <c>arctic</c> or <c>hashing</c>) with its eraser (the retention period, <c>Ranker:Signals:Retention</c>),
    /// the trainer with its influence limits (section <c>Ranker:Training:InfluenceLimits</c>), <see cref="Retrainer"/> and
    /// the hosted check (section <c>Retrain</c>).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The app's configuration.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddRetrainWorker(this IServiceCollection services, IConfiguration configuration)
    {
        // AddSignals registers IPairEraser, which applies the retention period (Ranker:Signals:Retention) before each check.
        // Erasing by age needs no rater key: the worker never sees a person's id.
        // The embedder the ancso CLI trains with (arctic-embed-xs in int8), so the worker's models and the CLI's are alike and
        // the WebApi sample, on the same default, scores with them; "Embeddings": "hashing" keeps the hashing generator.
        var ranker = services.AddRanker(configuration.GetSection(RankerOptions.SectionName))
            .UseConfiguredEmbeddings(configuration)
            .AddSignals();

        // With Ranker:PostgreSql:ConnectionString set, the worker reads the pairs every API instance records and
        // activates its models in that database, where every instance hears of them (LISTEN/NOTIFY).
        var postgreSql = configuration.GetSection("Ranker:PostgreSql");
        if (string.IsNullOrWhiteSpace(postgreSql["ConnectionString"]))
        {
            ranker.AddSqlitePairStore();
        }
        else
        {
            ranker.UsePostgreSql(); // binds Ranker:PostgreSql
        }

        services.AddRankerTraining();

        // How much any one person can teach the model: the trainer's limits, on by default; configurable here.
        services.AddOptions<InfluenceLimitOptions>()
            .Bind(configuration.GetSection(InfluenceLimitsSectionName))
            .Validate(o => o.MaxRaterShare is > 0 and <= 1, "Ranker:Training:InfluenceLimits:MaxRaterShare must be a share in (0, 1] (for example 0.05); 1 turns the cap off.")
            .ValidateOnStart();
        services.AddOptions<RetrainOptions>()
            .Bind(configuration.GetSection(RetrainOptions.SectionName))
            .Validate(o => o.MinNewPairs >= 1, "Retrain:MinNewPairs must be at least 1.")
            .Validate(o => o.CheckInterval >= TimeSpan.FromSeconds(1), "Retrain:CheckInterval must be at least one second (a TimeSpan such as '00:05:00').")
            .Validate(o => o.Epochs >= 1, "Retrain:Epochs must be at least 1.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.StateFile), "Retrain:StateFile must name a file.")
            .ValidateOnStart();
        services.AddSingleton<Retrainer>();
        services.AddHostedService<RetrainBackgroundService>();
        return services;
    }
}
