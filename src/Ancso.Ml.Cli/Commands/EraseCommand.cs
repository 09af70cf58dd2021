using System.Text.RegularExpressions;
using Ancso.Ml.Pairs.Erasure;
using Ancso.Ml.Pairs.Signals;
using Microsoft.Extensions.Options;

namespace Ancso.Ml.Cli.Commands;

/// <summary>
/// <c>ancso ranker erase</c>: erases a person's data (by rater, item, text or age) from the pair store, with the unused
/// items, their cached embeddings and the exported dataset that held them; says which model versions learned from it,
/// and optionally trains a replacement and deletes them.
/// </summary>
internal sealed partial class EraseCommand(CliEnvironment environment) : CliCommand(environment)
{
    private readonly Option<string?> _rater = new("--rater") { Description = "Erase the choices, edits and labels of this rater (your id for the person; its keyed pseudonym is looked up, so Ranker:Signals:RaterKey must be set)." };
    private readonly Option<string?> _item = new("--item") { Description = "Erase every pair of this stored item (find ids with 'ancso ranker items')." };
    private readonly Option<string?> _text = new("--text") { Description = "Erase every pair of every item with exactly this text, in any platform and section." };
    private readonly Option<string?> _olderThan = new("--older-than") { Description = "Erase people's pairs (every source but bootstrap) stored longer ago than this: 365d, 12h, 30m, or a TimeSpan such as 365.00:00:00." };
    private readonly Option<bool> _retention = new("--retention") { Description = "Erase people's pairs older than the configured retention period, Ranker:Signals:Retention." };
    private readonly Option<bool> _dryRun = new("--dry-run") { Description = "Only count what the store would erase; change nothing." };
    private readonly Option<bool> _retrain = new("--retrain") { Description = "Then train a replacement from the pair store and activate it (the active model learned from erased data otherwise keeps serving)." };
    private readonly Option<bool> _purgeModels = new("--purge-models") { Description = "Then delete the stored model versions that learned from erased data, except the active one (never leaving no model to serve)." };

    public override Command Build() => WithAction(new Command("erase",
        "Erase a person's data: their pairs, the items and cached embeddings nobody else's pairs use, and the exported dataset in the data folder that held them. " +
        "Criteria combine (all must match); at least one is required. Says which stored model versions learned from erased data; --retrain replaces the active one, --purge-models deletes them. " +
        "Running it again is a no-op; after an interruption it finishes the rest.")
    {
        _rater, _item, _text, _olderThan, _retention, _dryRun, _retrain, _purgeModels,
    });

    protected override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        var dryRun = parse.GetValue(_dryRun);
        if (dryRun && (parse.GetValue(_retrain) || parse.GetValue(_purgeModels)))
        {
            throw new CliException("--dry-run changes nothing; it cannot be combined with --retrain or --purge-models.", ExitCodes.Usage);
        }

        var olderThan = parse.GetValue(_olderThan) is { } given ? ParseAge(given) : (TimeSpan?)null;
        if (parse.GetValue(_retention))
        {
            if (olderThan is not null)
            {
                throw new CliException("--older-than and --retention both give an age; use one.", ExitCodes.Usage);
            }

            olderThan = context.Get<IOptions<SignalOptions>>().Value.Retention
                ?? throw new CliException("--retention: no retention period is configured. Set Ranker:Signals:Retention (for example 365.00:00:00) in the config file or ANCSO_Ranker__Signals__Retention, or give --older-than.", ExitCodes.Usage);
        }

        var request = new ErasureRequest
        {
            RaterId = parse.GetValue(_rater),
            ItemId = parse.GetValue(_item),
            Text = parse.GetValue(_text),
            OlderThan = olderThan,
            DryRun = dryRun,
        };
        if (request is { RaterId: null, ItemId: null, Text: null, OlderThan: null })
        {
            throw new CliException("Say whose data to erase: --rater ID, --item ID, --text TEXT, --older-than DURATION or --retention.", ExitCodes.Usage);
        }

        if (request.RaterId is not null && !RaterPseudonyms.IsValidRaterId(request.RaterId))
        {
            throw new CliException("--rater: a rater id is 1 to 256 characters without control characters.", ExitCodes.Usage);
        }

        var eraser = context.Get<IPairEraser>();
        ErasureResult erased;
        try
        {
            erased = await eraser.EraseAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            throw new CliException(CliCommand.WithoutParameter(ex), ex, ExitCodes.Usage);
        }
        catch (InvalidOperationException ex) when (request.RaterId is not null)
        {
            throw new CliException(CliCommand.ForTheTool(ex.Message.Replace("Set Ranker:Signals:RaterKey", "Set Ranker:Signals:RaterKey in the config file", StringComparison.Ordinal)), ex, ExitCodes.Usage);
        }

        string? retrained = null;
        if (parse.GetValue(_retrain))
        {
            var options = TrainingSettings.Create(context.Settings);
            options.DatasetPath = null; // the store is the one input
            options.Source = RankerTrainingSource.FromPairStore(context.Get<IPairStore>(), context.Get<IFeatureBuilder>());
            options.OutputDirectory = context.Settings.ModelsDirectory;
            options.Activate = true;
            retrained = (await TrainCommand.RunAsync(context, options, cancellationToken).ConfigureAwait(false)).ModelVersion;
        }

        ModelPurgeResult? purged = null;
        if (parse.GetValue(_purgeModels))
        {
            purged = await eraser.PurgeModelsAsync(cancellationToken).ConfigureAwait(false);
        }

        var models = retrained is null && purged is null ? null : await eraser.CheckModelsAsync(cancellationToken).ConfigureAwait(false);
        var stillMarked = models?.Where(static m => m.TrainedOnErasedData == true).Select(static m => m.Version).ToList() ?? [.. erased.ModelsTrainedOnErasedData];
        var activeMarked = models?.Any(static m => m.IsActive && m.TrainedOnErasedData == true) ?? erased.ActiveModelTrainedOnErasedData;
        var result = new EraseResult(
            dryRun, erased.Store.Pairs, erased.Store.Items, erased.Store.Embeddings, erased.DatasetFilesDeleted,
            stillMarked, activeMarked, retrained, purged?.Deleted ?? []);
        context.Output.Result(result, w =>
        {
            w.WriteLine($"{(dryRun ? "would_erase" : "erased")}: pairs {result.Pairs}  items {result.Items}  embeddings {result.Embeddings}");
            if (!dryRun)
            {
                w.WriteLine("datasets_deleted: " + (result.DatasetFilesDeleted.Count == 0 ? "none" : string.Join(", ", result.DatasetFilesDeleted)));
            }

            if (retrained is not null)
            {
                w.WriteLine($"retrained: {retrained} (active)");
            }

            if (purged is not null)
            {
                w.WriteLine("purged_models: " + (result.PurgedModels.Count == 0 ? "none" : string.Join(", ", result.PurgedModels)));
            }

            w.WriteLine("models_trained_on_erased_data: " + (result.ModelsTrainedOnErasedData.Count == 0 ? "none" : string.Join(", ", result.ModelsTrainedOnErasedData)));
            if (result.ActiveModelTrainedOnErasedData)
            {
                w.WriteLine("the active model learned from erased data: run 'ancso ranker erase ... --retrain' (or train and activate a new model), then --purge-models");
            }
        });
        return ExitCodes.Success;
    }

    /// <summary>Parses an age: a number and a unit (<c>d</c>, <c>h</c>, <c>m</c>, <c>s</c>), or a TimeSpan (<c>365.00:00:00</c>).</summary>
    internal static TimeSpan ParseAge(string value)
    {
        var match = AgePattern().Match(value.Trim());
        TimeSpan age;
        if (match.Success && double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
        {
            age = match.Groups[2].Value switch
            {
                "d" => TimeSpan.FromDays(amount),
                "h" => TimeSpan.FromHours(amount),
                "m" => TimeSpan.FromMinutes(amount),
                _ => TimeSpan.FromSeconds(amount),
            };
        }
        else if (!TimeSpan.TryParse(value.Trim(), CultureInfo.InvariantCulture, out age))
        {
            throw new CliException($"--older-than '{value}' is not a duration: give a number and a unit (365d, 12h, 30m, 90s) or a TimeSpan (365.00:00:00).", ExitCodes.Usage);
        }

        return age > TimeSpan.Zero
            ? age
            : throw new CliException($"--older-than '{value}' is not a positive duration.", ExitCodes.Usage);
    }

    [GeneratedRegex(@"^(\d{1,7}(?:\.\d+)?)\s*([dhms])$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AgePattern();

    private sealed record EraseResult(
        bool DryRun, int Pairs, int Items, int Embeddings, IReadOnlyList<string> DatasetFilesDeleted,
        IReadOnlyList<string> ModelsTrainedOnErasedData, bool ActiveModelTrainedOnErasedData, string? Retrained, IReadOnlyList<string> PurgedModels);
}
