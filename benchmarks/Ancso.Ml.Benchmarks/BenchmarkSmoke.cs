using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace Ancso.Ml.Benchmarks;

/// <summary>
/// Runs every benchmark once, in process, without measuring: global setup, each <c>[Benchmark]</c> method, global
/// cleanup. Fails when a benchmark throws or a result says it came from the heuristic. Keeps the benchmarks from rotting;
/// a test calls it, and <c>--smoke</c> runs it from the command line.
/// </summary>
public static class BenchmarkSmoke
{
    /// <summary>Gets the benchmark classes of this assembly.</summary>
    public static IReadOnlyList<Type> BenchmarkTypes { get; } =
    [
        .. typeof(BenchmarkSmoke).Assembly.GetTypes()
            .Where(t => t.IsPublic && !t.IsAbstract && t.GetMethods().Any(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null))
            .OrderBy(t => t.FullName, StringComparer.Ordinal),
    ];

    /// <summary>Runs every benchmark of <paramref name="type"/> once.</summary>
    /// <param name="type">A benchmark class.</param>
    /// <param name="log">Receives one line per benchmark.</param>
    /// <returns>The benchmarks run.</returns>
    public static async Task<IReadOnlyList<string>> RunAsync(Type type, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(log);
        var instance = Activator.CreateInstance(type)!;
        var methods = type.GetMethods();
        Invoke<GlobalSetupAttribute>(instance, methods);
        var ran = new List<string>();
        try
        {
            foreach (var method in methods.Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null))
            {
                var result = await Unwrap(method.Invoke(instance, null)).ConfigureAwait(false);
                Check(method.Name, result);
                await log.WriteLineAsync($"{type.Name}.{method.Name}: {Describe(result)}").ConfigureAwait(false);
                ran.Add(method.Name);
            }
        }
        finally
        {
            Invoke<GlobalCleanupAttribute>(instance, methods);
        }

        return ran;
    }

    private static void Invoke<TAttribute>(object instance, MethodInfo[] methods)
        where TAttribute : Attribute
    {
        foreach (var method in methods.Where(m => m.GetCustomAttribute<TAttribute>() is not null))
        {
            method.Invoke(instance, null);
        }
    }

    internal static async Task<object?> Unwrap(object? value)
    {
        switch (value)
        {
            case Task task:
                await task.ConfigureAwait(false);
                return task.GetType().GetProperty("Result")?.GetValue(task);
            case not null when value.GetType().IsGenericType && value.GetType().GetGenericTypeDefinition() == typeof(ValueTask<>):
                var asTask = (Task)value.GetType().GetMethod("AsTask")!.Invoke(value, null)!;
                return await Unwrap(asTask).ConfigureAwait(false);
            default:
                return value;
        }
    }

    private static void Check(string name, object? result)
    {
        var provenance = result?.GetType().GetProperty("Provenance")?.GetValue(result) as Ancso.Ml.Inference.ScoreProvenance;
        if (provenance is { Kind: Ancso.Ml.Inference.ProvenanceKind.Heuristic })
        {
            throw new InvalidOperationException($"Benchmark {name} scored with the heuristic ({provenance}); it must measure the model.");
        }

        if (result is float score && !float.IsFinite(score))
        {
            throw new InvalidOperationException($"Benchmark {name} returned {score}.");
        }
    }

    private static string Describe(object? result) => result switch
    {
        Ancso.Ml.Inference.ItemScore s => $"{s.Score:G6} ({s.Provenance})",
        Ancso.Ml.Inference.ComparisonResult c => $"{c.Preference} {c.Confidence:F3} ({c.Provenance})",
        Ancso.Ml.Inference.RankingResult r => $"{r.Items.Count} items ({r.Provenance})",
        _ => Convert.ToString(result, System.Globalization.CultureInfo.InvariantCulture) ?? "null",
    };
}
