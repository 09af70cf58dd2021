using Ancso.Ml.Content;
using Ancso.Ml.Metrics;
using BenchmarkDotNet.Attributes;

namespace Ancso.Ml.Benchmarks.Metrics;

/// <summary>
/// <see cref="ContentMetricsAnalyzer.Analyze"/> on a realistic text of about 300 characters per section, against a
/// baseline that only counts words, so the results read as "this many word-count passes".
/// </summary>
[MemoryDiagnoser]
public class MetricsAnalyzerBenchmarks
{
    private static readonly Dictionary<string, (string Platform, string Text)> Samples = new()
    {
        [ContentSections.Headline] = (ContentPlatforms.LinkedIn,
            "Staff Backend Engineer at Adyen | Payments infrastructure in Go and Kafka | Cut settlement latency from 480 ms "
            + "to 120 ms for 40M daily transactions | Led a team of 12 engineers through the ledger migration | Speaker at "
            + "GopherCon EU | Open to mentoring engineers moving into distributed systems"),
        [ContentSections.About] = (ContentPlatforms.LinkedIn,
            "I build payment systems that stay up. For six years I have worked on settlement and ledger services at Adyen, "
            + "where I led the migration of 40 services to Kubernetes and cut p99 latency from 480 ms to 120 ms. "
            + "Before that I shipped fraud tooling at a fintech startup. I care about simple designs, good on-call, and docs."),
        [ContentSections.Readme] = (ContentPlatforms.GitHub,
            "# Hi, I'm Ana 👋\n\nBackend engineer working on payments infrastructure in Go and Rust.\n\n## Projects\n"
            + "- [ledgerkit](https://github.com/ana/ledgerkit): a double-entry ledger library for Go\n"
            + "- [kq](https://github.com/ana/kq): a CLI that queries Kafka topics with SQL\n\n"
            + "![Go](https://img.shields.io/badge/Go-00ADD8) Writing at https://ana.dev"),
    };

    private readonly ContentMetricsAnalyzer _analyzer = new();
    private string _platform = string.Empty;
    private string _text = string.Empty;

    /// <summary>Gets or sets the section whose sample is analyzed.</summary>
    [Params(ContentSections.Headline, ContentSections.About, ContentSections.Readme)]
    public string Section { get; set; } = ContentSections.Headline;

    /// <summary>Picks the sample for <see cref="Section"/>.</summary>
    [GlobalSetup]
    public void Setup() => (_platform, _text) = Samples[Section];

    /// <summary>The baseline: one pass over the text counting whitespace-separated words.</summary>
    /// <returns>The word count.</returns>
    [Benchmark(Baseline = true)]
    public int CountWords()
    {
        var words = 0;
        var inWord = false;
        foreach (var c in _text)
        {
            var letter = !char.IsWhiteSpace(c);
            words += letter && !inWord ? 1 : 0;
            inWord = letter;
        }

        return words;
    }

    /// <summary>The full analysis: scan, lexicon lookups and the six metric formulas.</summary>
    /// <returns>The metrics.</returns>
    [Benchmark]
    public ContentMetrics Analyze() => _analyzer.Analyze(_platform, Section, _text);
}
