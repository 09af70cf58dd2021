using Ancso.Ml.Pairs.Signals;

namespace Ancso.Ml.Cli.Commands;

/// <summary><c>ancso ranker label</c>: records a manual judgement between two stored items.</summary>
internal sealed class LabelCommand(CliEnvironment environment) : CliCommand(environment)
{
    private readonly Option<string> _a = new("--a") { Description = "Id of item A (find ids with 'ancso ranker items').", Required = true };
    private readonly Option<string> _b = new("--b") { Description = "Id of item B.", Required = true };
    private readonly Option<string> _better = new("--better") { Description = "Which item is better: a or b.", Required = true };
    private readonly Option<string?> _tags = new("--tags") { Description = "Comma-separated reasons, e.g. clarity,impact." };
    private readonly Option<string?> _note = new("--note") { Description = "A free-text note stored with the pair." };
    private readonly Option<string?> _rater = new("--rater")
    {
        Description = "Who gives the label (your id for the person). Stored only as a keyed pseudonym: needs Ranker:Signals:RaterKey (config file or ANCSO_Ranker__Signals__RaterKey). Without it the label is unattributed.",
    };

    public override Command Build()
    {
        _better.AcceptOnlyFromAmong("a", "b");
        return WithAction(new Command("label", "Record a manual label: which of two stored items (same platform and section) is better, with reason tags. Stored as source 'manual'.")
        {
            _a, _b, _better, _tags, _note, _rater,
        });
    }

    protected override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        var store = context.Get<IPairStore>();
        var a = parse.GetValue(_a)!;
        var b = parse.GetValue(_b)!;
        foreach (var (id, side) in new[] { (a, "--a"), (b, "--b") })
        {
            if (await store.GetItemAsync(id, cancellationToken).ConfigureAwait(false) is null)
            {
                throw new CliException($"Unknown item id '{id}' ({side}): it is not in the pair store at '{context.Settings.PairStoreDescription}'. List ids with 'ancso ranker items'. Nothing was stored.");
            }
        }

        var tags = (parse.GetValue(_tags) ?? "").Split(',', StringSplitOptions.TrimEntries);
        var label = new ManualLabel(a, b, parse.GetValue(_better) == "a" ? PairSide.A : PairSide.B)
        {
            Tags = tags is [""] ? [] : tags,
            Note = parse.GetValue(_note),
            RaterId = parse.GetValue(_rater),
        };
        RecordedPair recorded;
        try
        {
            recorded = await context.Get<ITrainingSignalRecorder>().RecordManualLabelAsync(label, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException ex) when (label.RaterId is not null && !RaterPseudonyms.IsValidRaterId(label.RaterId))
        {
            throw new CliException("--rater: " + CliCommand.WithoutParameter(ex), ex, ExitCodes.Usage);
        }
        catch (ArgumentException ex)
        {
            throw new CliException(CliCommand.WithoutParameter(ex), ex);
        }
        catch (InvalidOperationException ex) when (label.RaterId is not null)
        {
            // No rater key, or one that is not base64 of 32 bytes: a setting to fix.
            throw new CliException(CliCommand.ForTheTool(ex.Message.Replace("Set Ranker:Signals:RaterKey", "Set Ranker:Signals:RaterKey in the config file", StringComparison.Ordinal)), ex, ExitCodes.Usage);
        }

        var result = new LabelResult(recorded.PairId, recorded.ItemAId, recorded.ItemBId, recorded.Label, recorded.Source, recorded.IsNew, recorded.Rater);
        context.Output.Result(result, w =>
        {
            w.WriteLine($"pair_id: {result.PairId}");
            w.WriteLine($"a: {result.A}  b: {result.B}  label: {result.Label}  source: {result.Source}");
            w.WriteLine($"rater: {result.Rater ?? "unattributed"}");
            w.WriteLine($"stored: {(result.New ? "new" : "already stored")}");
        });
        return ExitCodes.Success;
    }

    private sealed record LabelResult(string PairId, string A, string B, int Label, string Source, bool New, string? Rater);
}
