using System.Diagnostics;
using System.Globalization;
using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Pairs.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Ancso.Ml.Benchmarks.Dataset;

/// <summary>
/// <c>store-prepare &lt;data folder&gt; [pairs] [items]</c>: fills <c>&lt;data folder&gt;/pairs.db</c> with generated
/// LinkedIn headlines (distinct texts) and random pairs between them, labelled by a hidden score, for the large
/// export and training measurements (benchmarks/README.md). Seeded, so the same arguments give the same store.
/// </summary>
internal static class StorePreparation
{
    private static readonly string[] Roles = ["Backend engineer", "Data scientist", "Product designer", "SRE", "Security engineer", "Mobile developer", "ML engineer", "Tech lead"];
    private static readonly string[] Work = ["payment APIs", "fraud models", "search ranking", "CI pipelines", "design systems", "mobile checkout", "data platforms", "observability"];
    private static readonly string[] Tools = ["Go", "Rust", "C#", "Python", "Kotlin", "TypeScript", "PostgreSQL", "Kafka"];
    private static readonly string[] Sources = [PairSources.Bootstrap, PairSources.UserChoice, PairSources.BeforeAfter, PairSources.Manual];

    public static async Task RunAsync(string folder, int pairCount, int itemCount)
    {
        Directory.CreateDirectory(folder);
        var services = new ServiceCollection();
        services.AddRanker().AddSqlitePairStore(o => o.DatabasePath = Path.Combine(folder, "pairs.db"));
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IPairStore>();
        var random = new Random(7);
        var texts = new string[itemCount];
        var quality = new double[itemCount];
        for (var i = 0; i < itemCount; i++)
        {
            texts[i] = string.Create(CultureInfo.InvariantCulture,
                $"{Roles[random.Next(Roles.Length)]} #{i}: built {Work[random.Next(Work.Length)]} in {Tools[random.Next(Tools.Length)]} and {Tools[random.Next(Tools.Length)]}, cut cost by {random.Next(5, 95)}% for {random.Next(2, 900)} teams");
            quality[i] = random.NextDouble();
        }

        var clock = Stopwatch.StartNew();
        var stored = 0;
        var batch = new List<NewPair>(5000);
        for (var p = 0; p < pairCount; p++)
        {
            int a, b;
            do
            {
                a = random.Next(itemCount);
                b = random.Next(itemCount);
            }
            while (a == b);
            batch.Add(new NewPair("linkedin", "headline", texts[a], texts[b], quality[a] > quality[b] ? PairSide.A : PairSide.B, Sources[p % Sources.Length])
            {
                Id = string.Create(CultureInfo.InvariantCulture, $"p_{p:D8}"),
            });
            if (batch.Count == batch.Capacity || p == pairCount - 1)
            {
                stored += await store.AddPairsAsync(batch);
                batch.Clear();
                if (stored % 100_000 == 0)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{stored} pairs stored ({clock.Elapsed.TotalSeconds:F0} s)"));
                }
            }
        }

        var items = await store.CountItemsAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"stored {stored} pairs over {items} items in {Path.Combine(folder, "pairs.db")} ({clock.Elapsed.TotalSeconds:F1} s)"));
    }
}
