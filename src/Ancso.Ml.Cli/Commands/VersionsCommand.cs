using Ancso.Ml.Pairs.Erasure;

namespace Ancso.Ml.Cli.Commands;

/// <summary><c>ancso ranker versions</c>: lists the stored model versions, newest first, marking the active one.</summary>
internal sealed class VersionsCommand(CliEnvironment environment) : CliCommand(environment)
{
    public override Command Build() => WithAction(new Command("versions",
        "List the model versions stored in the models folder, newest first; '*' marks the active one, and trained_on_erased_data those that learned from data erased since (yes, no, or unknown without a training fingerprint). Use 'activate <version>' to roll back."));

    protected override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        var registry = context.Get<IModelRegistry>();
        var versions = await registry.ListVersionsAsync(cancellationToken).ConfigureAwait(false);
        Dictionary<string, bool?> erased = [];
        string? erasureProblem = null;
        try
        {
            erased = (await context.Get<IPairEraser>().CheckModelsAsync(cancellationToken).ConfigureAwait(false))
                .ToDictionary(static m => m.Version, static m => m.TrainedOnErasedData, StringComparer.Ordinal);
        }
        catch (PairStoreException ex)
        {
            // The versions are still worth listing; whether they learned from erased data needs the store.
            erasureProblem = ex.Message;
        }

        var rows = versions.Select(v => new VersionRow(
            v.Version,
            v.IsActive,
            v.Metadata?.CreatedAt,
            v.Metadata?.ValidationAccuracy,
            v.Metadata?.EmbeddingGeneratorId,
            v.Metadata is null ? v.Problem ?? "metadata unreadable" : null,
            erased.GetValueOrDefault(v.Version))).ToList();
        context.Output.Result(new VersionsResult(registry.ModelsDirectory, rows, erasureProblem), w =>
        {
            w.WriteLine($"models_directory: {registry.ModelsDirectory}");
            if (erasureProblem is not null)
            {
                w.WriteLine($"erasure_check: unavailable ({erasureProblem})");
            }
            if (rows.Count == 0)
            {
                w.WriteLine("versions: none (train one with 'ancso ranker train')");
            }

            foreach (var row in rows)
            {
                var created = row.CreatedAt?.ToString("u", CultureInfo.InvariantCulture) ?? "unknown";
                var erasedText = row.TrainedOnErasedData switch { true => "yes", false => "no", null => "unknown" };
                w.WriteLine($"{(row.Active ? "*" : " ")} {row.Version}  created: {created}  validation_accuracy: {CliOutput.Format(row.ValidationAccuracy, 3)}  embedding_generator: {row.EmbeddingGenerator ?? "unknown"}  trained_on_erased_data: {erasedText}{(row.Problem is null ? "" : "  problem: " + row.Problem)}");
            }
        });
        return ExitCodes.Success;
    }

    private sealed record VersionRow(string Version, bool Active, DateTimeOffset? CreatedAt, double? ValidationAccuracy, string? EmbeddingGenerator, string? Problem, bool? TrainedOnErasedData);

    private sealed record VersionsResult(string ModelsDirectory, IReadOnlyList<VersionRow> Versions, string? ErasureCheckProblem);
}
