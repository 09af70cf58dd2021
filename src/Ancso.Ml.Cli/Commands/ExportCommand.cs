namespace Ancso.Ml.Cli.Commands;

/// <summary>
/// <c>ancso ranker export</c>: writes the pair store as <c>dataset.jsonl</c> and <c>metadata.json</c>, the original system's
/// layout that its Python tools read (or, with <c>--format compact</c>, as <c>dataset.bin</c>), or only counts.
/// </summary>
internal sealed class ExportCommand(CliEnvironment environment) : CliCommand(environment)
{
    private readonly Option<string?> _out = new("--out") { Description = "Folder to write the dataset and metadata.json into (default: the data folder, data/ranker)." };
    private readonly Option<string> _format = new("--format")
    {
        Description = "jsonl: dataset.jsonl, one JSON pair per line with both feature vectors (the default: the original system's format, which its Python tools read); " +
            "compact: dataset.bin, each item's features once as float32 (3 to 7 times smaller, written and read many times faster; 'train' reads either).",
        DefaultValueFactory = _ => "jsonl",
    };
    private readonly Option<string?> _platform = new("--platform") { Description = "Export only this platform's pairs (github, linkedin, ...)." };
    private readonly Option<string?> _source = new("--source") { Description = "Export only pairs of this source: bootstrap, user_choice, before_after or manual." };
    private readonly Option<bool> _stats = new("--stats") { Description = "Count the matching pairs by source, platform and section; write nothing." };

    public override Command Build()
    {
        _source.AcceptOnlyFromAmong([.. PairSources.All]);
        _format.AcceptOnlyFromAmong("jsonl", "compact");
        return WithAction(new Command("export",
            "Export the pair store as a training dataset: each item's feature vector (embedding, then metrics) and the pairs, written to a temporary file and renamed into place.")
        {
            _out, _format, _platform, _source, _stats,
        });
    }

    internal static async Task<ExportSummary> RunAsync(CliContext context, PairDatasetExportRequest request, CancellationToken cancellationToken)
    {
        var exporter = context.Get<IPairDatasetExporter>();
        PairDatasetExportResult result;
        try
        {
            result = request.StatisticsOnly
                ? await exporter.ExportAsync(request, cancellationToken).ConfigureAwait(false)
                : await context.Output.WithProgressAsync("export", progress => exporter.ExportAsync(
                    new PairDatasetExportRequest
                    {
                        OutputDirectory = request.OutputDirectory,
                        Format = request.Format,
                        Platform = request.Platform,
                        Source = request.Source,
                        Progress = new Progress(progress),
                    },
                    cancellationToken)).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex)
        {
            throw new CliException(ex.Message, ex);
        }

        return new ExportSummary(
            result.StatisticsOnly,
            result.StatisticsOnly ? null : result.Format == PairDatasetFormat.Jsonl ? "jsonl" : "compact",
            result.Counts.Total,
            result.Counts.BySource,
            result.Counts.ByPlatform,
            result.Counts.BySection,
            result.DatasetPath,
            result.MetadataPath,
            result.Metadata?.DatasetHash,
            result.Layout.EmbeddingGeneratorId,
            result.Layout.EmbeddingDimension,
            result.StatisticsOnly ? null : result.EmbeddingsFromCache,
            result.StatisticsOnly ? null : result.EmbeddingsGenerated);
    }

    internal static void Write(TextWriter w, ExportSummary s)
    {
        w.WriteLine($"pairs: {s.Pairs}");
        w.WriteLine($"by_source: {BootstrapCommand.Counts(s.BySource)}");
        w.WriteLine($"by_platform: {BootstrapCommand.Counts(s.ByPlatform)}");
        w.WriteLine($"by_section: {BootstrapCommand.Counts(s.BySection)}");
        w.WriteLine($"embedding_generator: {s.EmbeddingGenerator} (D={s.EmbeddingDimension})");
        if (!s.StatisticsOnly)
        {
            w.WriteLine($"embeddings_from_cache: {s.EmbeddingsFromCache}  embeddings_generated: {s.EmbeddingsGenerated}");
            w.WriteLine($"format: {s.Format}");
            w.WriteLine($"dataset: {s.Dataset}");
            w.WriteLine($"metadata: {s.Metadata}");
            w.WriteLine($"dataset_hash: {s.DatasetHash}");
        }
    }

    protected override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        var output = parse.GetValue(_out);
        var request = new PairDatasetExportRequest
        {
            OutputDirectory = output is null ? context.Settings.DataDirectory : Path.GetFullPath(output),
            Platform = parse.GetValue(_platform),
            Source = parse.GetValue(_source),
            StatisticsOnly = parse.GetValue(_stats),
            Format = parse.GetValue(_format) == "compact" ? PairDatasetFormat.Compact : PairDatasetFormat.Jsonl,
        };
        var summary = await RunAsync(context, request, cancellationToken).ConfigureAwait(false);
        context.Output.Result(summary, w => Write(w, summary));
        return ExitCodes.Success;
    }

    private sealed class Progress(IProgress<ProgressUpdate> target) : IProgress<PairDatasetExportProgress>
    {
        public void Report(PairDatasetExportProgress value) =>
            target.Report(new ProgressUpdate(value.Total == 0 ? 1 : (double)value.Written / value.Total, $"{value.Written}/{value.Total} pairs"));
    }
}

/// <summary>An export, as printed.</summary>
internal sealed record ExportSummary(
    bool StatisticsOnly,
    string? Format,
    int Pairs,
    IReadOnlyDictionary<string, int> BySource,
    IReadOnlyDictionary<string, int> ByPlatform,
    IReadOnlyDictionary<string, int> BySection,
    string? Dataset,
    string? Metadata,
    string? DatasetHash,
    string EmbeddingGenerator,
    int EmbeddingDimension,
    int? EmbeddingsFromCache,
    int? EmbeddingsGenerated);
