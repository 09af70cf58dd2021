namespace Ancso.Ml.Cli.Commands;

/// <summary><c>ancso ranker items</c>: lists stored items with their ids, to label them.</summary>
internal sealed class ItemsCommand(CliEnvironment environment) : CliCommand(environment)
{
    private const int PreviewLength = 72;
    private readonly Option<string?> _platform = new("--platform") { Description = "Only items of this platform." };
    private readonly Option<string?> _section = new("--section") { Description = "Only items of this section." };
    private readonly Option<int> _limit = new("--limit") { Description = "At most this many items.", DefaultValueFactory = _ => 20 };
    private readonly Option<int> _skip = new("--skip") { Description = "Skip this many items first (paging).", DefaultValueFactory = _ => 0 };

    public override Command Build()
    {
        _limit.Between(1, 10_000);
        _skip.AtLeast(0);
        return WithAction(new Command("items", "List stored items (id, platform, section, the start of the text) to find the ids that 'label' takes.")
        {
            _platform, _section, _limit, _skip,
        });
    }

    protected override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        var store = context.Get<IPairStore>();
        var platform = parse.GetValue(_platform);
        var section = parse.GetValue(_section);
        var items = await store.ListItemsAsync(
            new ItemQuery { Platform = platform, Section = section, Skip = parse.GetValue(_skip), Take = parse.GetValue(_limit) },
            cancellationToken).ConfigureAwait(false);
        var total = await store.CountItemsAsync(platform, section, cancellationToken).ConfigureAwait(false);
        var result = new ItemsResult(total, [.. items.Select(i => new ItemRow(i.Id, i.Platform, i.Section, i.Text))]);
        context.Output.Result(result, w =>
        {
            foreach (var item in result.Items)
            {
                w.WriteLine($"{item.Id}  {item.Platform}/{item.Section}  {Preview(item.Text)}");
            }

            w.WriteLine($"items: {result.Items.Count} of {result.Total}");
        });
        return ExitCodes.Success;
    }

    /// <summary>The start of a text on one line, for listings.</summary>
    internal static string Preview(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= PreviewLength ? line : string.Concat(line.AsSpan(0, PreviewLength - 3), "...");
    }

    private sealed record ItemRow(string Id, string Platform, string Section, string Text);

    private sealed record ItemsResult(int Total, IReadOnlyList<ItemRow> Items);
}
