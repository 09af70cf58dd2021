using System.Globalization;
using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Pairs.Storage;
using Microsoft.Extensions.DependencyInjection;

// Records user choices into a shared pair store, as a web server process would, through the public API.
// Usage: Ancso.Ml.PairStoreWriter <database path> <writer number> <choices> <shared texts>
// Prints "ready", waits for a line on standard input (so every writer starts at once), records the choices one
// call each, re-sends every tenth (a retried request), then prints "stored=<n> retried=<m>".
if (args.Length != 4)
{
    await Console.Error.WriteLineAsync("Usage: Ancso.Ml.PairStoreWriter <database path> <writer number> <choices> <shared texts>");
    return 2;
}

var databasePath = args[0];
var writer = int.Parse(args[1], CultureInfo.InvariantCulture);
var choices = int.Parse(args[2], CultureInfo.InvariantCulture);
var sharedTexts = int.Parse(args[3], CultureInfo.InvariantCulture);

var services = new ServiceCollection();
services.AddRanker().AddSqlitePairStore(o => o.DatabasePath = databasePath).AddSignals();
await using var provider = services.BuildServiceProvider();
var recorder = provider.GetRequiredService<ITrainingSignalRecorder>();
await provider.GetRequiredService<IPairStore>().CountItemsAsync();

Console.WriteLine("ready");
await Console.In.ReadLineAsync();

try
{
    int stored = 0, retried = 0;
    for (var i = 0; i < choices; i++)
    {
        var choice = new UserChoice(
            "linkedin",
            "headline",
            $"Shared headline {i % sharedTexts}",
            $"Writer {writer} headline {i}",
            i % 2 == 0 ? PairSide.A : PairSide.B)
        {
            PairId = string.Create(CultureInfo.InvariantCulture, $"p_w{writer}_{i:D5}"),
            ReasonTags = ["load"],
        };
        if ((await recorder.RecordUserChoiceAsync(choice)).IsNew)
        {
            stored++;
        }

        if (i % 10 == 0 && !(await recorder.RecordUserChoiceAsync(choice)).IsNew)
        {
            retried++;
        }
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stored={stored} retried={retried}"));
    return 0;
}
catch (Exception e)
{
    await Console.Error.WriteLineAsync(e.ToString());
    return 1;
}
