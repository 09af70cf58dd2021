using System.CommandLine;
using Ancso.Ml.Cli.Infrastructure;
using Ancso.Ml.Content;
using Ancso.Ml.Inference;
using Ancso.Ml.Metrics;

namespace Ancso.Ml.Cli.Commands;

/// <summary><c>ancso ranker evaluate --pairs FILE</c>: pairwise accuracy of the active model and of the heuristic on judged pairs.</summary>
internal sealed class EvaluateCommand(CliEnvironment environment) : CliCommand(environment)
{
    private readonly Option<string> _pairs = new("--pairs")
    {
        Description = "JSON Lines file, each line {\"platform\":…,\"section\":…,\"a\":\"text\",\"b\":\"text\",\"label\":1} (1 when a is better, -1 when b is).",
        Required = true,
    };

    public override Command Build() => WithAction(new Command("evaluate",
        "Pairwise accuracy of the active model and of the heuristic fallback on judged pairs, overall and per platform and section. A tie counts as half right.")
    {
        _pairs,
    });

    protected override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        var pairs = await EvaluationPairsFile.ReadAsync(parse.GetValue(_pairs)!, cancellationToken).ConfigureAwait(false);
        var ranker = context.Get<IRankerInferenceService>();
        var analyzer = context.Get<IContentMetricsAnalyzer>();
        await ranker.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var status = await ranker.GetStatusAsync(cancellationToken).ConfigureAwait(false);
        var modelAvailable = status.Provenance.Kind == ProvenanceKind.Model;

        var overall = new Tally();
        var groups = new SortedDictionary<string, Tally>(StringComparer.Ordinal);
        var done = 0;
        await context.Output.WithProgressAsync("evaluating", async progress =>
        {
            foreach (var pair in pairs)
            {
                var a = new ContentItem($"line{pair.Line}:a", pair.Platform, pair.Section, pair.A);
                var b = new ContentItem($"line{pair.Line}:b", pair.Platform, pair.Section, pair.B);
                double? modelCredit = null;
                if (modelAvailable)
                {
                    var comparison = await ranker.CompareAsync(a, b, cancellationToken).ConfigureAwait(false);
                    modelCredit = comparison.Provenance.Kind == ProvenanceKind.Model ? Credit(comparison.AScore - comparison.BScore, pair.Label) : null;
                }

                var heuristicA = HeuristicScorer.Score(analyzer.Analyze(pair.Platform, pair.Section, pair.A));
                var heuristicB = HeuristicScorer.Score(analyzer.Analyze(pair.Platform, pair.Section, pair.B));
                var heuristicCredit = Credit(heuristicA - heuristicB, pair.Label);
                overall.Add(modelCredit, heuristicCredit);
                var key = $"{pair.Platform}/{pair.Section}";
                if (!groups.TryGetValue(key, out var tally))
                {
                    groups[key] = tally = new Tally();
                }

                tally.Add(modelCredit, heuristicCredit);
                progress.Report(new ProgressUpdate(++done / (double)pairs.Count));
            }

            return 0;
        }).ConfigureAwait(false);

        var result = new EvaluateResult(
            pairs.Count,
            modelAvailable ? status.Provenance.ModelVersion : null,
            ProvenanceText.Describe(status.Provenance),
            overall.ModelAccuracy,
            overall.HeuristicAccuracy,
            [.. groups.Select(g => new GroupResult(g.Key, g.Value.Count, g.Value.ModelAccuracy, g.Value.HeuristicAccuracy))]);

        context.Output.Result(result, w =>
        {
            w.WriteLine($"pairs: {result.Pairs}");
            w.WriteLine($"provenance: {result.Provenance}");
            w.WriteLine($"model_accuracy: {CliOutput.Format(result.ModelAccuracy, 3)}");
            w.WriteLine($"heuristic_accuracy: {CliOutput.Format(result.HeuristicAccuracy, 3)}");
            foreach (var group in result.Groups)
            {
                w.WriteLine($"group: {group.Group}  pairs: {group.Pairs}  model_accuracy: {CliOutput.Format(group.ModelAccuracy, 3)}  heuristic_accuracy: {CliOutput.Format(group.HeuristicAccuracy, 3)}");
            }
        });
        return ExitCodes.Success;
    }

    private static double Credit(double difference, int label) => difference == 0 ? 0.5 : (Math.Sign(difference) == label ? 1 : 0);

    private sealed class Tally
    {
        private double _model;
        private int _modelCount;
        private double _heuristic;

        public int Count { get; private set; }

        public double? ModelAccuracy => _modelCount == 0 ? null : _model / _modelCount;

        public double HeuristicAccuracy => Count == 0 ? 0 : _heuristic / Count;

        public void Add(double? model, double heuristic)
        {
            Count++;
            _heuristic += heuristic;
            if (model is { } m)
            {
                _model += m;
                _modelCount++;
            }
        }
    }

    private sealed record GroupResult(string Group, int Pairs, double? ModelAccuracy, double HeuristicAccuracy);

    private sealed record EvaluateResult(int Pairs, string? ModelVersion, string Provenance, double? ModelAccuracy, double HeuristicAccuracy, IReadOnlyList<GroupResult> Groups);
}
