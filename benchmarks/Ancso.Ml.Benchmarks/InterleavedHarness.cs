using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace Ancso.Ml.Benchmarks;

/// <summary>
/// <c>interleaved &lt;class&gt; [rounds] [calls]</c>: runs one benchmark class's methods in turn, round after round, and
/// prints each method's median time per call and its median ratio to the baseline over the rounds. On a shared machine,
/// whose load changes from one second to the next, the ratios of methods measured side by side hold where
/// BenchmarkDotNet's one-method-after-another means do not. A class with categories (<c>[BenchmarkCategory]</c>) gets
/// each method's ratio to the baseline of its own category.
/// </summary>
internal static class InterleavedHarness
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2 || BenchmarkSmoke.BenchmarkTypes.FirstOrDefault(t => t.Name == args[1]) is not { } type)
        {
            await Console.Error.WriteLineAsync("usage: interleaved <benchmark class> [rounds = 30] [calls per round = 10]").ConfigureAwait(false);
            return 2;
        }

        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 30;
        var calls = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 10;
        var instance = Activator.CreateInstance(type)!;
        var methods = type.GetMethods().Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null).ToArray();
        var baselines = methods.ToDictionary(m => m, m => methods.FirstOrDefault(b => b.GetCustomAttribute<BenchmarkAttribute>()!.Baseline && Category(b) == Category(m)) ?? methods[0]);
        type.GetMethods().Single(m => m.GetCustomAttribute<GlobalSetupAttribute>() is not null).Invoke(instance, null);
        var times = methods.ToDictionary(m => m, _ => new List<double>());
        try
        {
            for (var round = -2; round < rounds; round++)
            {
                foreach (var method in methods)
                {
                    var watch = Stopwatch.StartNew();
                    for (var i = 0; i < calls; i++)
                    {
                        await BenchmarkSmoke.Unwrap(method.Invoke(instance, null)).ConfigureAwait(false);
                    }

                    if (round >= 0)
                    {
                        times[method].Add(watch.Elapsed.TotalMilliseconds / calls);
                    }
                }
            }
        }
        finally
        {
            type.GetMethods().Single(m => m.GetCustomAttribute<GlobalCleanupAttribute>() is not null).Invoke(instance, null);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{type.Name}: {rounds} rounds of {calls} calls per method, interleaved; {Environment.ProcessorCount} cores"));
        Console.WriteLine("| Method | Baseline | Median µs/call | Median ratio to baseline | Baseline / method |");
        Console.WriteLine("|---|---|---:|---:|---:|");
        foreach (var method in methods)
        {
            var ratios = times[method].Zip(times[baselines[method]], (m, b) => m / b).ToList();
            var ratio = Median(ratios);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {method.Name} | {baselines[method].Name} | {Median(times[method]) * 1000:F1} | {ratio:F3} | {1 / ratio:F2}× |"));
        }

        return 0;
    }

    private static string Category(MethodInfo method) =>
        string.Join(",", method.GetCustomAttribute<BenchmarkCategoryAttribute>()?.Categories ?? []);

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
