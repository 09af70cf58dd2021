namespace Ancso.Ml.Cli.Commands;

/// <summary><c>ancso ranker compare</c>: scores two texts of one platform and section and says which is better.</summary>
internal sealed class CompareCommand(CliEnvironment environment) : CliCommand(environment)
{
    private readonly Option<string> _platform = new("--platform") { Description = "Platform of both texts: github or linkedin (others are scored generically).", Required = true };
    private readonly Option<string> _section = new("--section") { Description = "Section of both texts, e.g. headline, about, experience, bio, readme, repo_description.", Required = true };
    private readonly Option<string> _a = new("--a") { Description = "Text A.", Required = true };
    private readonly Option<string> _b = new("--b") { Description = "Text B.", Required = true };

    public override Command Build()
    {
        foreach (var text in new[] { _a, _b })
        {
            // The WebApi refuses blank text too: a score of nothing is no judgement of anything.
            text.Validators.Add(result =>
            {
                if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string>()))
                {
                    result.AddError($"{text.Name} is blank: give the text to compare.");
                }
            });
        }

        var command = new Command("compare", "Compare two texts: both scores, the preference (a, b or tie), the confidence, the reasons (why the preferred text wins) and the provenance.")
        {
            _platform, _section, _a, _b,
        };
        return WithAction(command);
    }

    protected override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        var platform = parse.GetValue(_platform)!;
        var section = parse.GetValue(_section)!;
        var a = new ContentItem("a", platform, section, parse.GetValue(_a)!);
        var b = new ContentItem("b", platform, section, parse.GetValue(_b)!);
        var ranker = context.Get<IRankerInferenceService>();
        await ranker.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var comparison = await ranker.CompareAsync(a, b, cancellationToken).ConfigureAwait(false);
        var result = new CompareResult(
            comparison.AScore,
            comparison.BScore,
            comparison.Preference.ToString().ToLowerInvariant(),
            comparison.Confidence,
            ProvenanceText.Describe(comparison.Provenance),
            comparison.Provenance.ModelVersion,
            [.. comparison.Reasons.Select(r => new ReasonEntry(r.Tag, r.Strength))],
            comparison.ReasonSource);
        context.Output.Result(result, w =>
        {
            w.WriteLine($"a_score: {CliOutput.Format(result.AScore)}");
            w.WriteLine($"b_score: {CliOutput.Format(result.BScore)}");
            w.WriteLine($"preference: {result.Preference}");
            w.WriteLine($"confidence: {CliOutput.Format(result.Confidence, 3)}");
            w.WriteLine(result.Reasons.Count == 0
                ? "reasons: none"
                : $"reasons: {string.Join(", ", result.Reasons.Select(r => $"{r.Tag} ({CliOutput.Format(r.Strength, 2)})"))} [{ReasonSourceText(result.ReasonSource)}]");
            w.WriteLine($"provenance: {result.Provenance}");
            if (result.ModelVersion is not null)
            {
                w.WriteLine($"model_version: {result.ModelVersion}");
            }
        });
        return ExitCodes.Success;
    }

    private static string ReasonSourceText(ReasonSource source) => source switch
    {
        ReasonSource.Model => "from the model",
        ReasonSource.MetricDifferences => "from the metric differences",
        _ => "none",
    };

    private sealed record CompareResult(float AScore, float BScore, string Preference, double Confidence, string Provenance, string? ModelVersion, IReadOnlyList<ReasonEntry> Reasons, ReasonSource ReasonSource);

    private sealed record ReasonEntry(string Tag, double Strength);
}
