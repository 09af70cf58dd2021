using Ancso.Ml.DependencyInjection;
using Ancso.Ml.Learning.Influence;
using Ancso.Ml.PostgreSql;
using Microsoft.Extensions.DependencyInjection;

namespace Ancso.Ml.Cli.Commands;

/// <summary><c>ancso ranker status</c>: the active model, whether ONNX Runtime loaded, the dataset's counts and who taught the model what.</summary>
internal sealed class StatusCommand(CliEnvironment environment) : CliCommand(environment)
{
    private readonly Option<int> _topRaters = new("--top-raters") { Description = "How many of the heaviest raters to show per source.", DefaultValueFactory = _ => 3 };
    private readonly Option<int> _modelSample = new("--model-sample")
    {
        Description = "How many of each shown rater's newest votes the active model scores for model_agreement (0: none, nothing is embedded).",
        DefaultValueFactory = _ => 200,
    };

    public override Command Build()
    {
        _topRaters.Between(1, 100);
        _modelSample.Between(0, 10_000);
        return WithAction(new Command("status",
            "Show the active model (version, when trained, validation accuracy, embedding generator), whether ONNX Runtime loaded, the pair store's counts by source and platform, " +
            "and per source the raters: the heaviest raters' share of the votes and how often they agree with the model and with other raters on shared pairs (a flood shows here before it is trained on). " +
            "With the PostgreSQL store down it answers within Ranker:PostgreSql:StatusTimeout (2 s) with the local copy of the model and the problem (store_problem, registry_problem), exit code 1.")
        {
            _topRaters, _modelSample,
        });
    }

    /// <summary>
    /// A status look must answer within seconds whatever the database does: no listener or folder watcher for the moment
    /// the command runs, and against PostgreSQL each connection attempt, the registry read and the store reads bounded by
    /// <see cref="PostgreSqlOptions.StatusTimeout"/> instead of retried for <see cref="PostgreSqlOptions.RetryTimeout"/>.
    /// </summary>
    protected override void ConfigureServices(IServiceCollection services, CliSettings settings)
    {
        services.PostConfigure<RankerOptions>(o => o.HotReload = false);
        if (settings.Store == CliSettings.PostgreSqlStore)
        {
            services.PostConfigure<PostgreSqlOptions>(PostgreSqlStatusProbe.BoundForStatus);
        }
    }

    protected override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        var ranker = context.Get<IRankerInferenceService>();

        // The database is asked once, briefly, while the model loads (from the registry's local copy when the registry does not answer).
        var database = context.Services.GetService<PostgreSqlStatusProbe>();
        var probe = database is null ? Task.FromResult<string?>(null) : database.ProbeAsync(cancellationToken);
        await ranker.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var status = await ranker.GetStatusAsync(cancellationToken).ConfigureAwait(false);
        var storeProblem = await probe.ConfigureAwait(false);
        var localCopy = database is null ? null : await ReadLocalCopyAsync(status.ModelsDirectory, cancellationToken).ConfigureAwait(false);
        var model = status.ActiveModel;

        PairCounts? counts = null;
        IReadOnlyList<CachedEmbeddingSet>? cached = null;
        RaterReportResult? raters = null;
        var unavailable = "pair counts, cached embeddings and raters";
        if (storeProblem is null)
        {
            try
            {
                var store = context.Get<IPairStore>();
                counts = await store.CountPairsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                unavailable = "cached embeddings and raters";
                cached = await store.ListCachedEmbeddingsAsync(cancellationToken).ConfigureAwait(false);
                unavailable = "raters";
                raters = await context.Get<IRaterReport>().GetAsync(new RaterReportRequest
                {
                    TopRaters = parse.GetValue(_topRaters),
                    ModelSample = parse.GetValue(_modelSample),
                    TrustUnattributed = TrainingSettings.Create(context.Settings).InfluenceLimits.TrustUnattributed,
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (PairStoreException e) when (!cancellationToken.IsCancellationRequested)
            {
                storeProblem = ForTheTool(e.Message.ReplaceLineEndings(" ").Trim());
            }
        }

        if (storeProblem is not null)
        {
            storeProblem += $"; {unavailable} unavailable";
        }

        string[] problems = [.. new[] { status.RegistryProblem, storeProblem is null ? null : "pair store: " + storeProblem }.OfType<string>()];
        var result = new StatusResult(
            ProvenanceText.Describe(status.Provenance),
            model?.Version,
            model?.CreatedAt,
            model?.ValidationAccuracy,
            model?.EmbeddingGeneratorId,
            model?.Temperature,
            status.RuntimeLoaded,
            status.FeatureLayout.EmbeddingGeneratorId,
            status.FeatureLayout.EmbeddingDimension,
            status.ModelsDirectory,
            localCopy,
            context.Settings.PairStoreDescription,
            status.RegistryProblem,
            storeProblem,
            problems,
            counts?.Total,
            counts?.BySource,
            counts?.ByPlatform,
            cached is null ? null : [.. cached.Select(c => new CachedEmbeddings(c.GeneratorId, c.Dimension, c.Count))],
            raters?.Sources);

        context.Output.Result(result, w =>
        {
            w.WriteLine($"provenance: {result.Provenance}");
            w.WriteLine($"model_version: {result.ModelVersion ?? "none"}");
            w.WriteLine($"trained_at: {result.TrainedAt?.ToString("u", CultureInfo.InvariantCulture) ?? "n/a"}");
            w.WriteLine($"validation_accuracy: {CliOutput.Format(result.ValidationAccuracy, 3)}");
            w.WriteLine($"model_embedding_generator: {result.ModelEmbeddingGenerator ?? "n/a"}");
            w.WriteLine($"onnx_runtime_loaded: {(result.OnnxRuntimeLoaded ? "yes" : "no")}");
            w.WriteLine($"embedding_generator: {result.EmbeddingGenerator} (D={result.EmbeddingDimension})");
            w.WriteLine($"models_directory: {result.ModelsDirectory}");
            if (result.LocalCopy is { } copy)
            {
                w.WriteLine($"local_copy: {copy.ActiveVersion ?? "none"}" + (copy.Problem is null ? "" : $" ({copy.Problem})"));
            }

            w.WriteLine($"pair_store: {result.PairStore}");
            if (result.RegistryProblem is { } problem)
            {
                w.WriteLine($"registry_problem: {problem}");
            }

            if (result.StoreProblem is { } store)
            {
                w.WriteLine($"store_problem: {store}");
            }

            w.WriteLine($"pairs: {result.Pairs?.ToString(CultureInfo.InvariantCulture) ?? "n/a"}");
            w.WriteLine($"pairs_by_source: {(result.PairsBySource is null ? "n/a" : BootstrapCommand.Counts(result.PairsBySource))}");
            w.WriteLine($"pairs_by_platform: {(result.PairsByPlatform is null ? "n/a" : BootstrapCommand.Counts(result.PairsByPlatform))}");
            w.WriteLine("cached_embeddings: " + (result.CachedEmbeddings is null
                ? "n/a"
                : result.CachedEmbeddings.Count == 0
                ? "none"
                : string.Join(", ", result.CachedEmbeddings.Select(c => $"{c.Generator} (D={c.Dimension})={c.Count}"))));
            foreach (var source in result.Raters ?? [])
            {
                w.WriteLine($"raters: {source.Source}  votes: {source.Votes}  raters: {source.Raters}  unattributed_votes: {source.UnattributedVotes}");
                foreach (var r in source.Heaviest)
                {
                    w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {r.Rater}  votes: {r.Votes}  share: {CliOutput.Format(r.Share, 3)}  model_agreement: {CliOutput.Format(r.ModelAgreement, 3)} ({r.ModelSampled})  peer_agreement: {CliOutput.Format(r.PeerAgreement, 3)} ({r.SharedPairs} shared)"));
                }
            }
        });

        if (problems.Length == 0)
        {
            return ExitCodes.Success;
        }

        // What could be looked at is on stdout (registry_problem and store_problem in full); what could not is one line
        // on stderr, and the exit code says the status is incomplete.
        string[] summary = [.. new[]
        {
            storeProblem is null ? null : "pair store: " + storeProblem,
            status.RegistryProblem is null ? null : "model registry cannot be reached, scoring uses "
                + (status.Provenance.Kind == ProvenanceKind.Model ? $"the local copy of model {status.Provenance.ModelVersion}" : "the heuristic")
                + " (registry_problem)",
        }.OfType<string>()];
        await context.Output.Error.WriteLineAsync("error: status incomplete: " + string.Join("; ", summary)).ConfigureAwait(false);
        return ExitCodes.Failure;
    }

    /// <summary>
    /// Reads which version the registry's local copy in <paramref name="directory"/> activates (its <c>active_model.json</c>),
    /// as the inference service reads it: what scoring uses while the database cannot be reached.
    /// </summary>
    private static async Task<LocalCopy> ReadLocalCopyAsync(string directory, CancellationToken cancellationToken)
    {
        using var local = new FileModelRegistry(directory);
        try
        {
            return new LocalCopy(local.ModelsDirectory, (await local.GetActiveAsync(cancellationToken).ConfigureAwait(false))?.Version, null);
        }
        catch (Exception e) when (e is ModelRegistryException or IOException or UnauthorizedAccessException)
        {
            return new LocalCopy(local.ModelsDirectory, null, "unusable: " + e.Message.ReplaceLineEndings(" "));
        }
    }

    private sealed record StatusResult(
        string Provenance,
        string? ModelVersion,
        DateTimeOffset? TrainedAt,
        double? ValidationAccuracy,
        string? ModelEmbeddingGenerator,
        double? Temperature,
        bool OnnxRuntimeLoaded,
        string EmbeddingGenerator,
        int EmbeddingDimension,
        string ModelsDirectory,
        LocalCopy? LocalCopy,
        string PairStore,
        string? RegistryProblem,
        string? StoreProblem,
        IReadOnlyList<string> Problems,
        int? Pairs,
        IReadOnlyDictionary<string, int>? PairsBySource,
        IReadOnlyDictionary<string, int>? PairsByPlatform,
        IReadOnlyList<CachedEmbeddings>? CachedEmbeddings,
        IReadOnlyList<SourceRaters>? Raters);

    private sealed record CachedEmbeddings(string Generator, int Dimension, int Count);

    /// <summary>The model registry's local copy (PostgreSQL store): its folder and the version its pointer activates.</summary>
    private sealed record LocalCopy(string Directory, string? ActiveVersion, string? Problem);
}
