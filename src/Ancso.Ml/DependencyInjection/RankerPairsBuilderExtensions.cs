using Ancso.Ml.Features;
using Ancso.Ml.Inference;
using Ancso.Ml.Pairs.Erasure;
using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Pairs.Suggestions;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Adds people's side to the ranker: recording their choices, suggesting what to judge next, and erasing a person's
/// data (bootstrap, export and the rater report are in <c>Ancso.Ml.Learning</c>). Each needs a pair store, added by <c>.AddSqlitePairStore()</c> (<c>Ancso.Ml.Sqlite</c>) or
/// <c>.UsePostgreSql(…)</c> (<c>Ancso.Ml.PostgreSql</c>), or an <see cref="IPairStore"/> the host registers.
/// </summary>
public static class RankerPairsBuilderExtensions
{
    /// <summary>
    /// Registers <see cref="ITrainingSignalRecorder"/> (user choices, before/after edits, manual labels),
    /// <see cref="IRaterPseudonymizer"/> (keyed with <see cref="SignalOptions.RaterKey"/>, bound from
    /// <c>Ranker:Signals</c> (<see cref="SignalOptions.SectionName"/>) when <c>AddRanker(configuration)</c> was given the
    /// <c>Ranker</c> section, and validated at start), <see cref="IPairSuggester"/>
    /// (which pairs a person should judge next) and <see cref="IPairEraser"/> (a person's data erased, with the models
    /// that learned from it, and every copy an <see cref="IPairCopyEraser"/> knows, such as an exported dataset).
    /// </summary>
    /// <param name="builder">The ranker's builder.</param>
    /// <returns>The builder.</returns>
    public static IRankerBuilder AddSignals(this IRankerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        builder.AddComponentOptions<SignalOptions>(SignalOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SignalOptions>, SignalOptionsValidator>());
        services.TryAddSingleton<IRaterPseudonymizer>(static sp => new HmacRaterPseudonymizer(sp.GetRequiredService<IOptions<SignalOptions>>()));
        services.TryAddSingleton<ITrainingSignalRecorder>(static sp => new TrainingSignalRecorder(
            RequirePairStore(sp, nameof(ITrainingSignalRecorder)),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IRaterPseudonymizer>()));
        services.TryAddSingleton<IPairEraser>(static sp => new PairEraser(
            RequirePairStore(sp, nameof(IPairEraser)),
            sp.GetRequiredService<IRaterPseudonymizer>(),
            sp.GetRequiredService<IModelRegistry>(),
            sp.GetServices<IPairCopyEraser>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()?.CreateLogger<PairEraser>()));
        services.TryAddSingleton<IPairSuggester>(static sp => new PairSuggester(
            RequirePairStore(sp, nameof(IPairSuggester)),
            sp.GetRequiredService<IRankerInferenceService>()));
        return builder;
    }

    /// <summary>Registers the recorder, configuring <see cref="SignalOptions"/> (the rater key) with <paramref name="configure"/>.</summary>
    /// <param name="builder">The ranker's builder.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The builder.</returns>
    public static IRankerBuilder AddSignals(this IRankerBuilder builder, Action<SignalOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.AddSignals();
        builder.Services.Configure(configure);
        return builder;
    }

    private static IPairStore RequirePairStore(IServiceProvider services, string needer) =>
        services.GetService<IPairStore>() ?? throw new InvalidOperationException(
            $"{needer} needs a pair store, and none is registered. Add one after AddRanker(): .AddSqlitePairStore() " +
            "(package Ancso.Ml.Sqlite), .UsePostgreSql(connectionString) (package Ancso.Ml.PostgreSql), or register an IPairStore.");
}
