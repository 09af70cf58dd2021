using System.CommandLine;
using System.Globalization;
using Ancso.Ml.Cli.Infrastructure;
using Ancso.Ml.Models;

namespace Ancso.Ml.Cli.Commands;

/// <summary><c>ancso ranker versions</c>: lists the stored model versions, newest first, marking the active one.</summary>
internal sealed class VersionsCommand(CliEnvironment environment) : CliCommand(environment)
{
    public override Command Build() => WithAction(new Command("versions",
        "List the model versions stored in the models folder, newest first; '*' marks the active one. Use 'activate <version>' to roll back."));

    protected override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        var registry = context.Get<IModelRegistry>();
        var versions = await registry.ListVersionsAsync(cancellationToken).ConfigureAwait(false);
        var rows = versions.Select(v => new VersionRow(
            v.Version,
            v.IsActive,
            v.Metadata?.CreatedAt,
            v.Metadata?.ValidationAccuracy,
            v.Metadata?.EmbeddingGeneratorId,
            v.Metadata is null ? v.Problem ?? "metadata unreadable" : null)).ToList();
        context.Output.Result(new VersionsResult(registry.ModelsDirectory, rows), w =>
        {
            w.WriteLine($"models_directory: {registry.ModelsDirectory}");
            if (rows.Count == 0)
            {
                w.WriteLine("versions: none (train one with 'ancso ranker train')");
            }

            foreach (var row in rows)
            {
                var created = row.CreatedAt?.ToString("u", CultureInfo.InvariantCulture) ?? "unknown";
                w.WriteLine($"{(row.Active ? "*" : " ")} {row.Version}  created: {created}  validation_accuracy: {CliOutput.Format(row.ValidationAccuracy, 3)}  embedding_generator: {row.EmbeddingGenerator ?? "unknown"}{(row.Problem is null ? "" : "  problem: " + row.Problem)}");
            }
        });
        return ExitCodes.Success;
    }

    private sealed record VersionRow(string Version, bool Active, DateTimeOffset? CreatedAt, double? ValidationAccuracy, string? EmbeddingGenerator, string? Problem);

    private sealed record VersionsResult(string ModelsDirectory, IReadOnlyList<VersionRow> Versions);
}
