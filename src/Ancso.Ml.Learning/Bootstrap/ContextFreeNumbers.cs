namespace Ancso.Ml.Learning.Bootstrap;

/// <summary>
/// The figures <see cref="ContextFreeNumbersDegradation"/> adds: counts that could describe anyone in any job, with no
/// baseline, period or object ("15+ years of experience", "6 employers", "98% customer satisfaction"), and outcome
/// figures too big to believe ("300% efficiency gains").
/// </summary>
internal static class ContextFreeNumbers
{
    /// <summary>Counts about a career, for headlines, bios, about sections, READMEs and experience entries.</summary>
    public static IReadOnlyList<Figure> Career { get; } =
    [
        new("{0}+ years of experience", 12, 25, 1), new("{0} employers", 5, 9, 1), new("{0}+ tools", 30, 80, 5),
        new("{0} certifications", 8, 16, 1), new("{0}+ projects delivered", 200, 900, 50), new("{0}% customer satisfaction", 97, 100, 1),
        new("{0}+ hours of training", 5000, 20000, 1000), new("{0} continents", 3, 6, 1), new("{0}+ clients", 100, 600, 50),
        new("{0} industries", 6, 14, 1), new("{0}% success rate", 97, 100, 1), new("{0}+ teams supported", 20, 60, 5),
        new("{0} countries", 10, 30, 1), new("{0}+ people managed", 50, 300, 10),
    ];

    /// <summary>Outcome figures with nothing to compare against, for replacing a concrete result.</summary>
    public static IReadOnlyList<Figure> Outcomes { get; } =
    [
        new("{0}% efficiency gains", 150, 400, 10), new("{0}% cost savings", 60, 90, 5), new("{0}% customer satisfaction", 97, 100, 1),
        new("{0}% better outcomes", 200, 500, 25), new("{0}x productivity", 3, 10, 1), new("{0}% fewer errors", 90, 99, 1),
        new("{0}% quality improvement", 200, 600, 50),
    ];

    /// <summary>Counts about a repository, for repository descriptions.</summary>
    public static IReadOnlyList<Figure> Repository { get; } =
    [
        new("{0}+ downloads", 10000, 90000, 5000), new("{0}+ features", 40, 200, 10), new("{0}% satisfaction", 97, 100, 1),
        new("used in {0} countries", 30, 120, 5), new("{0}+ users", 5000, 50000, 5000), new("{0}% faster", 200, 900, 50),
        new("{0}+ contributors", 50, 300, 10), new("{0}% reliability", 99, 100, 1),
    ];

    /// <summary>Renders <paramref name="count"/> different figures from a pool, each with a random value.</summary>
    /// <param name="pool">The pool.</param>
    /// <param name="count">How many; at most the pool's size.</param>
    /// <param name="random">The source of randomness.</param>
    /// <returns>The rendered figures.</returns>
    public static List<string> Pick(IReadOnlyList<Figure> pool, int count, Random random) =>
        pool.OrderBy(_ => random.Next()).Take(count).Select(f => f.Render(random)).ToList();

    /// <summary>Joins phrases as a list: "a", "a and b", "a, b and c".</summary>
    /// <param name="items">The phrases.</param>
    /// <returns>The list.</returns>
    public static string JoinList(IReadOnlyList<string> items) =>
        items.Count <= 1 ? string.Join(string.Empty, items) : string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1];

    /// <summary>A figure pattern: a format with one placeholder and the range and step of its value.</summary>
    /// <param name="Format">The format, for example <c>"{0}+ clients"</c>.</param>
    /// <param name="Low">The smallest value.</param>
    /// <param name="High">The largest value.</param>
    /// <param name="Step">The value is a multiple of this above <paramref name="Low"/>, so it looks rounded.</param>
    internal sealed record Figure(string Format, int Low, int High, int Step)
    {
        /// <summary>Renders the figure with a random value; values of 1,000 and more get thousands separators.</summary>
        /// <param name="random">The source of randomness.</param>
        /// <returns>The phrase.</returns>
        public string Render(Random random)
        {
            var value = Low + (Step * random.Next(((High - Low) / Step) + 1));
            var number = value.ToString(value >= 1000 ? "N0" : "0", CultureInfo.InvariantCulture);
            return string.Format(CultureInfo.InvariantCulture, Format, number);
        }
    }
}
