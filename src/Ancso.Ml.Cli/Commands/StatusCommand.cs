using System.CommandLine;
using System.Globalization;
using Ancso.Ml.Cli.Infrastructure;
using Ancso.Ml.Inference;
using Ancso.Ml.Pairs;
using Ancso.Ml.Pairs.Influence;

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
            "and per source the raters: the heaviest raters' share of the votes and how often they agree with the model and with other raters on shared pairs (a flood shows here before it is trained on).")
        {
            _topRaters, _modelSample,
        });
    }

    protected override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        var ranker = context.Get<IRankerInferenceService>();
        await ranker.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var status = await ranker.GetStatusAsync(cancellationToken).ConfigureAwait(false);
        var model = status.ActiveModel;
        var store = context.Get<IPairStore>();
        var counts = await store.CountPairsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var cached = await store.ListCachedEmbeddingsAsync(cancellationToken).ConfigureAwait(false);
        var raters = await context.Get<IRaterReport>().GetAsync(new RaterReportRequest
        {
            TopRaters = parse.GetValue(_topRaters),
            ModelSample = parse.GetValue(_modelSample),
            TrustUnattributed = TrainingSettings.Create(context.Settings).InfluenceLimits.TrustUnattributed,
        }, cancellationToken).ConfigureAwait(false);
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
            context.Settings.PairStoreDescription,
            status.RegistryProblem,
            counts.Total,
            counts.BySource,
            counts.ByPlatform,
            [.. cached.Select(c => new CachedEmbeddings(c.GeneratorId, c.Dimension, c.Count))],
            raters.Sources);

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
            w.WriteLine($"pair_store: {result.PairStore}");
            if (result.RegistryProblem is { } problem)
            {
                w.WriteLine($"registry_problem: {problem}");
            }

            w.WriteLine($"pairs: {result.Pairs}");
            w.WriteLine($"pairs_by_source: {BootstrapCommand.Counts(result.PairsBySource)}");
            w.WriteLine($"pairs_by_platform: {BootstrapCommand.Counts(result.PairsByPlatform)}");
            w.WriteLine("cached_embeddings: " + (result.CachedEmbeddings.Count == 0
                ? "none"
                : string.Join(", ", result.CachedEmbeddings.Select(c => $"{c.Generator} (D={c.Dimension})={c.Count}"))));
            foreach (var source in result.Raters)
            {
                w.WriteLine($"raters: {source.Source}  votes: {source.Votes}  raters: {source.Raters}  unattributed_votes: {source.UnattributedVotes}");
                foreach (var r in source.Heaviest)
                {
                    w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {r.Rater}  votes: {r.Votes}  share: {CliOutput.Format(r.Share, 3)}  model_agreement: {CliOutput.Format(r.ModelAgreement, 3)} ({r.ModelSampled})  peer_agreement: {CliOutput.Format(r.PeerAgreement, 3)} ({r.SharedPairs} shared)"));
                }
            }
        });
        return ExitCodes.Success;
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
        string PairStore,
        string? RegistryProblem,
        int Pairs,
        IReadOnlyDictionary<string, int> PairsBySource,
        IReadOnlyDictionary<string, int> PairsByPlatform,
        IReadOnlyList<CachedEmbeddings> CachedEmbeddings,
        IReadOnlyList<SourceRaters> Raters);

    private sealed record CachedEmbeddings(string Generator, int Dimension, int Count);
}
