using Ancso.Ml.Features;
using Ancso.Ml.Inference;
using Ancso.Ml.Learning.Bootstrap;
using Ancso.Ml.Learning.Influence;
using Ancso.Ml.Pairs.Erasure;
using Ancso.Ml.Pairs.Signals;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Adds the learning side (<c>Ancso.Ml.Learning</c>) to the ranker: bootstrap pairs, the training dataset's export, the
/// exported dataset's erasure and the rater report. Each needs a pair store, added by <c>.AddSqlitePairStore()</c>
/// (<c>Ancso.Ml.Sqlite</c>) or <c>.UsePostgreSql(…)</c> (<c>Ancso.Ml.PostgreSql</c>), or an <see cref="IPairStore"/> the host registers.
/// </summary>
public static class LearningRankerBuilderExtensions
{
    /// <summary>Registers <see cref="IPairBootstrapper"/> (and the signals it records through, <c>AddSignals()</c>).</summary>
    /// <param name="builder">The ranker's builder.</param>
    /// <returns>The builder.</returns>
    public static IRankerBuilder AddBootstrap(this IRankerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddSignals();
        builder.Services.TryAddSingleton<IPairBootstrapper>(static sp => new PairBootstrapper(
            sp.GetRequiredService<IContentMetricsAnalyzer>(),
            sp.GetRequiredService<ITrainingSignalRecorder>()));
        return builder;
    }

    /// <summary>
    /// Registers <see cref="IPairDatasetExporter"/>, which writes the stored pairs as a training dataset, with
    /// <see cref="DatasetExportOptions"/> bound from <c>Ranker:Export</c> (when <c>AddRanker(configuration)</c> was given
    /// the <c>Ranker</c> section) and validated at start, and the eraser of the exported dataset
    /// (<see cref="AddExportedDatasetErasure(IRankerBuilder)"/>).
    /// </summary>
    /// <param name="builder">The ranker's builder.</param>
    /// <returns>The builder.</returns>
    public static IRankerBuilder AddDatasetExport(this IRankerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        builder.AddExportedDatasetErasure();
        services.TryAddSingleton<IPairDatasetExporter>(static sp => new PairDatasetExporter(
            LearningServices.RequirePairStore(sp, nameof(IPairDatasetExporter)),
            sp.GetRequiredService<IFeatureBuilder>(),
            sp.GetRequiredService<IOptions<DatasetExportOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()?.CreateLogger<PairDatasetExporter>()));
        return builder;
    }

    /// <summary>
    /// Registers the dataset export (see <see cref="AddDatasetExport(IRankerBuilder)"/>), configuring
    /// <see cref="DatasetExportOptions"/> with <paramref name="configure"/>, applied after the <c>Ranker:Export</c> section.
    /// </summary>
    /// <param name="builder">The ranker's builder.</param>
    /// <param name="configure">Configures the options, for example <see cref="DatasetExportOptions.DatasetDirectory"/>.</param>
    /// <returns>The builder.</returns>
    public static IRankerBuilder AddDatasetExport(this IRankerBuilder builder, Action<DatasetExportOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.AddDatasetExport();
        builder.Services.Configure(configure);
        return builder;
    }

    /// <summary>
    /// Registers the <see cref="IPairCopyEraser"/> of the exported dataset: after an erasure, <see cref="IPairEraser"/>
    /// deletes the dataset in <see cref="DatasetExportOptions.DatasetDirectory"/> (<c>Ranker:Export</c>) when it held erased pairs. A web app that
    /// erases people's data while another process exports into a shared data folder registers this alone.
    /// </summary>
    /// <param name="builder">The ranker's builder.</param>
    /// <returns>The builder.</returns>
    public static IRankerBuilder AddExportedDatasetErasure(this IRankerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddDatasetExportOptions();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IPairCopyEraser, ExportedDatasetEraser>(static sp => new ExportedDatasetEraser(
            sp.GetRequiredService<IOptions<DatasetExportOptions>>(),
            sp.GetService<ILoggerFactory>()?.CreateLogger<ExportedDatasetEraser>())));
        return builder;
    }

    /// <summary>
    /// Registers <see cref="IRaterReport"/> (who taught the model what: per source, the raters, the heaviest raters'
    /// share, their agreement with the model and with each other), with the signals it reads (<c>AddSignals()</c>).
    /// </summary>
    /// <param name="builder">The ranker's builder.</param>
    /// <returns>The builder.</returns>
    public static IRankerBuilder AddRaterReport(this IRankerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddSignals();
        builder.Services.TryAddSingleton<IRaterReport>(static sp => new RaterReport(
            LearningServices.RequirePairStore(sp, nameof(IRaterReport)),
            sp.GetRequiredService<IRankerInferenceService>()));
        return builder;
    }

    private static void AddDatasetExportOptions(this IRankerBuilder builder)
    {
        builder.AddComponentOptions<DatasetExportOptions>(DatasetExportOptions.SectionName);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DatasetExportOptions>, DatasetExportOptionsValidator>());
    }
}

/// <summary>Helpers of the learning side's registrations.</summary>
internal static class LearningServices
{
    public static IPairStore RequirePairStore(IServiceProvider services, string needer) =>
        services.GetService<IPairStore>() ?? throw new InvalidOperationException(
            $"{needer} needs a pair store, and none is registered. Add one after AddRanker(): .AddSqlitePairStore() " +
            "(package Ancso.Ml.Sqlite), .UsePostgreSql(connectionString) (package Ancso.Ml.PostgreSql), or register an IPairStore.");
}
