using Ancso.Ml.Pairs.Suggestions;

namespace Ancso.Ml.Cli.Commands;

/// <summary><c>ancso ranker suggest</c>: pairs of stored items the model is least certain about, ready for <c>label</c>.</summary>
internal sealed class SuggestCommand(CliEnvironment environment) : CliCommand(environment)
{
    private readonly Option<int> _count = new("--n") { Description = "How many pairs to suggest.", DefaultValueFactory = _ => 20 };
    private readonly Option<string?> _platform = new("--platform") { Description = "Only items of this platform." };
    private readonly Option<string?> _section = new("--section") { Description = "Only items of this section." };

    public override Command Build()
    {
        _count.Between(1, 1000);
        return WithAction(new Command("suggest",
            "Suggest pairs of stored items to label: those the active model is least certain about (lowest calibrated confidence), each item once, no near-duplicates, none already labelled. Label them with 'ancso ranker label'.")
        {
            _count, _platform, _section,
        });
    }

    protected override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        IReadOnlyList<PairSuggestion> suggestions;
        try
        {
            suggestions = await context.Get<IPairSuggester>().SuggestAsync(new PairSuggestionRequest
            {
                Count = parse.GetValue(_count),
                Platform = parse.GetValue(_platform),
                Section = parse.GetValue(_section),
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            throw new CliException(ex.Message.Split(" (Parameter", 2)[0], ExitCodes.Usage);
        }

        var rows = suggestions.Select(s => new SuggestionRow(s.ItemA.Id, s.ItemB.Id, s.ItemA.Platform, s.ItemA.Section, s.Confidence, s.ItemA.Text, s.ItemB.Text)).ToList();
        var result = new SuggestResult(suggestions.Count > 0 ? ProvenanceText.Describe(suggestions[0].Provenance) : null, rows);
        context.Output.Result(result, w =>
        {
            if (result.Provenance is { } provenance)
            {
                w.WriteLine($"provenance: {provenance}");
            }

            foreach (var row in rows)
            {
                w.WriteLine($"a: {row.A}  b: {row.B}  {row.Platform}/{row.Section}  confidence: {CliOutput.Format(row.Confidence, 3)}");
                w.WriteLine($"  a: {ItemsCommand.Preview(row.AText)}");
                w.WriteLine($"  b: {ItemsCommand.Preview(row.BText)}");
            }

            w.WriteLine($"suggested: {rows.Count}");
            if (rows.Count > 0)
            {
                w.WriteLine($"label with: ancso ranker label --a {rows[0].A} --b {rows[0].B} --better a|b");
            }
        });
        return ExitCodes.Success;
    }

    private sealed record SuggestionRow(string A, string B, string Platform, string Section, double Confidence, string AText, string BText);

    private sealed record SuggestResult(string? Provenance, IReadOnlyList<SuggestionRow> Pairs);
}
