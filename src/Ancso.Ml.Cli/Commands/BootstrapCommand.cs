using Ancso.Ml.Learning.Bootstrap;

namespace Ancso.Ml.Cli.Commands;

/// <summary><c>ancso ranker bootstrap</c>: makes labelled pairs from the built-in benchmark profiles and stores them.</summary>
internal sealed class BootstrapCommand(CliEnvironment environment) : CliCommand(environment)
{
    /// <summary>The most pairs per platform the command asks for; the corpus yields far fewer, and says so.</summary>
    internal const int MaxPairs = 1_000_000;

    private readonly Option<string[]> _platform = new("--platform")
    {
        Description = "Platform(s) to bootstrap: github, linkedin, or both (repeat the option). Default: both.",
        AllowMultipleArgumentsPerToken = true,
    };

    private readonly Option<int> _pairs = new("--n-pairs")
    {
        Description = "Pairs to make per platform. When the corpus yields fewer, the command says so and stores what it can.",
        DefaultValueFactory = _ => PairBootstrapRequest.DefaultPairCount,
    };

    private readonly Option<int> _seed = new("--seed")
    {
        Description = "Seed: the same seed and count give the same pairs (and bootstrapping twice stores nothing new).",
        DefaultValueFactory = _ => PairBootstrapRequest.DefaultSeed,
    };

    private readonly Option<double> _crossTextShare = new("--cross-text-share")
    {
        Description = "Largest share of cross-text pairs (two benchmark texts labelled by the heuristic's wide score gap), 0 to 0.5. Default 0: the heuristic trusts numbers and keywords, and a model trained on its labels learns that too.",
        DefaultValueFactory = _ => PairBootstrapRequest.DefaultCrossTextShare,
    };

    public override Command Build()
    {
        _crossTextShare.ZeroUpTo(PairBootstrapRequest.MaximumCrossTextShare);
        _platform.AcceptOnlyFromAmong([.. ContentPlatforms.All]);
        _pairs.Between(1, MaxPairs);
        _seed.AnyWholeNumber();
        return WithAction(new Command("bootstrap",
            "Make pairs whose label is true by construction from the benchmark profiles shipped with Ancso.Ml (each text against a degraded variant of itself; with --cross-text-share also texts far apart in heuristic quality) and store them as source 'bootstrap'.")
        {
            _platform, _pairs, _seed, _crossTextShare,
        });
    }

    internal static async Task<IReadOnlyList<BootstrapSummary>> RunAsync(
        CliContext context, IReadOnlyList<string> platforms, int pairCount, int seed, CancellationToken cancellationToken,
        double crossTextShare = PairBootstrapRequest.DefaultCrossTextShare)
    {
        var bootstrapper = context.Get<IPairBootstrapper>();
        var summaries = new List<BootstrapSummary>();
        foreach (var platform in platforms)
        {
            var outcome = await context.Output.WithProgressAsync($"bootstrap {platform}", async progress =>
                await bootstrapper.BootstrapAsync(
                    new PairBootstrapRequest(platform) { PairCount = pairCount, Seed = seed, CrossTextShare = crossTextShare },
                    new Progress(progress),
                    cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
            var generated = outcome.Generated;
            summaries.Add(new BootstrapSummary(
                platform,
                generated.Requested,
                generated.Produced,
                outcome.Added,
                outcome.AlreadyStored,
                generated.Available,
                generated.Shortfall,
                generated.Warnings,
                generated.CountsBySection,
                generated.CountsByKind));
        }

        return summaries;
    }

    internal static void Write(TextWriter w, IReadOnlyList<BootstrapSummary> summaries)
    {
        foreach (var s in summaries)
        {
            w.WriteLine($"platform: {s.Platform}  requested: {s.Requested}  produced: {s.Produced}  added: {s.Added}  already_stored: {s.AlreadyStored}");
            w.WriteLine($"  by_section: {Counts(s.BySection)}");
            w.WriteLine($"  by_kind: {Counts(s.ByKind)}");
            if (s.Shortfall is not null)
            {
                w.WriteLine($"  shortfall: {s.Shortfall}");
            }

            foreach (var warning in s.Warnings)
            {
                w.WriteLine($"  warning: {warning}");
            }
        }
    }

    internal static string Counts(IReadOnlyDictionary<string, int> counts) =>
        counts.Count == 0 ? "none" : string.Join(", ", counts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    protected override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        var requested = parse.GetValue(_platform);
        IReadOnlyList<string> platforms = requested is { Length: > 0 } ? [.. requested.Distinct(StringComparer.Ordinal)] : ContentPlatforms.All;
        var summaries = await RunAsync(context, platforms, parse.GetValue(_pairs), parse.GetValue(_seed), cancellationToken, parse.GetValue(_crossTextShare)).ConfigureAwait(false);
        context.Output.Result(new BootstrapResultJson(summaries), w => Write(w, summaries));
        return ExitCodes.Success;
    }

    private sealed class Progress(IProgress<ProgressUpdate> target) : IProgress<PairBootstrapProgress>
    {
        public void Report(PairBootstrapProgress value) =>
            target.Report(new ProgressUpdate(value.Total == 0 ? 1 : (double)value.Stored / value.Total, $"{value.Stored}/{value.Total} pairs"));
    }

    private sealed record BootstrapResultJson(IReadOnlyList<BootstrapSummary> Platforms);
}

/// <summary>One platform's bootstrap, as printed.</summary>
internal sealed record BootstrapSummary(
    string Platform,
    int Requested,
    int Produced,
    int Added,
    int AlreadyStored,
    int Available,
    string? Shortfall,
    IReadOnlyList<string> Warnings,
    IReadOnlyDictionary<string, int> BySection,
    IReadOnlyDictionary<string, int> ByKind);
