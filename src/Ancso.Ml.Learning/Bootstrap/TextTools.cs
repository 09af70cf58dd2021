using System.Text;

namespace Ancso.Ml.Learning.Bootstrap;

/// <summary>Small text helpers shared by the degradations and the pair generator.</summary>
internal static partial class TextTools
{
    /// <summary>Counts the ASCII digits in a text.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The number of characters '0' to '9'.</returns>
    public static int CountDigits(string text)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Counts the whitespace-separated words of a text.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The number of words.</returns>
    public static int CountWords(string text) => WordRegex().Count(text);

    /// <summary>
    /// Returns whether <paramref name="degraded"/> differs from <paramref name="original"/> by enough words to be a
    /// meaningful pair: the case-sensitive word multisets differ in at least two words and in at least 4% of the longer
    /// text's words.
    /// </summary>
    /// <param name="original">The original text.</param>
    /// <param name="degraded">The degraded text.</param>
    /// <returns><see langword="true"/> when the texts differ meaningfully.</returns>
    public static bool DiffersMeaningfully(string original, string degraded)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var originalWords = 0;
        foreach (Match m in WordRegex().Matches(original))
        {
            counts[m.Value] = counts.GetValueOrDefault(m.Value) + 1;
            originalWords++;
        }

        var degradedWords = 0;
        foreach (Match m in WordRegex().Matches(degraded))
        {
            counts[m.Value] = counts.GetValueOrDefault(m.Value) - 1;
            degradedWords++;
        }

        var difference = counts.Values.Sum(Math.Abs);
        var longer = Math.Max(originalWords, degradedWords);
        return difference >= 2 && difference >= 0.04 * longer;
    }

    /// <summary>
    /// Splits a text into sentences, each with the whitespace that follows it, so that concatenating
    /// <see cref="Sentence.Text"/> and <see cref="Sentence.Separator"/> of every item gives back the text exactly.
    /// A sentence ends at '.', '!' or '?' followed by whitespace, or at a line break.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The sentences in order.</returns>
    public static List<Sentence> SplitSentences(string text)
    {
        var result = new List<Sentence>();
        var position = 0;
        foreach (Match m in SentenceBreakRegex().Matches(text))
        {
            var end = m.Index;
            result.Add(new Sentence(text[position..end], m.Value));
            position = m.Index + m.Length;
        }

        if (position < text.Length)
        {
            result.Add(new Sentence(text[position..], string.Empty));
        }

        return result;
    }

    /// <summary>Joins sentences back into one text.</summary>
    /// <param name="sentences">The sentences.</param>
    /// <returns>The text.</returns>
    public static string Join(IEnumerable<Sentence> sentences)
    {
        var builder = new StringBuilder();
        foreach (var s in sentences)
        {
            builder.Append(s.Text).Append(s.Separator);
        }

        return builder.ToString();
    }

    /// <summary>Picks a random element.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="random">The source of randomness.</param>
    /// <param name="items">A non-empty list.</param>
    /// <returns>One of the items.</returns>
    public static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>Returns <paramref name="text"/> with its first letter upper-cased (invariant culture).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The capitalised text.</returns>
    public static string Capitalize(string text) =>
        text.Length == 0 || !char.IsLower(text[0]) ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>Returns <paramref name="text"/> with its first letter lower-cased unless it looks like a name or acronym.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The text, de-capitalised where safe.</returns>
    public static string Decapitalize(string text)
    {
        if (text.Length < 2 || !char.IsUpper(text[0]) || char.IsUpper(text[1]))
        {
            return text;
        }

        var firstWord = text.Split(' ', 2)[0];
        return CommonSentenceStarts.Contains(firstWord) ? char.ToLowerInvariant(text[0]) + text[1..] : text;
    }

    /// <summary>Returns whether a number is a year rather than a figure.</summary>
    /// <param name="number">The number's digits.</param>
    /// <returns><see langword="true"/> for four digits from 1950 to 2099.</returns>
    public static bool IsYear(string number) =>
        number.Length == 4 && int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1950 and <= 2099;

    /// <summary>Returns whether a text is a short, single-line section (headline, bio, repository description).</summary>
    /// <param name="section">The section name.</param>
    /// <returns><see langword="true"/> for headline, bio and repo_description.</returns>
    public static bool IsShortSection(string section) =>
        section is Content.ContentSections.Headline or Content.ContentSections.Bio or Content.ContentSections.RepoDescription;

    /// <summary>Returns whether a line is Markdown structure rather than prose (a heading, code fence, image or link-only line).</summary>
    /// <param name="line">The line, untrimmed.</param>
    /// <returns><see langword="true"/> for structural lines.</returns>
    public static bool IsMarkdownStructure(string line)
    {
        var trimmed = line.TrimStart();
        return trimmed.StartsWith('#') || trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("![", StringComparison.Ordinal)
            || trimmed.StartsWith('|') || trimmed.StartsWith('<');
    }

    /// <summary>
    /// Adds a paragraph to a longer text: at the start (after a leading Markdown heading line, if any) or at the end. A text
    /// made of paragraphs, or a README, gets the paragraph as a paragraph of its own; a single block of prose gets it as
    /// one more sentence.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="paragraph">The paragraph to add, without surrounding whitespace.</param>
    /// <param name="atStart">Whether to add it before the prose rather than after it.</param>
    /// <returns>The text with the paragraph.</returns>
    public static string AddParagraph(string text, string paragraph, bool atStart)
    {
        var trimmed = text.Trim();
        var separator = trimmed.Contains("\n\n", StringComparison.Ordinal) || trimmed.StartsWith('#') ? "\n\n" : " ";
        if (!atStart)
        {
            return trimmed + separator + paragraph;
        }

        var lines = trimmed.Split('\n', 2);
        return !lines[0].StartsWith('#') ? paragraph + separator + trimmed
            : lines.Length == 2 ? lines[0] + "\n\n" + paragraph + "\n\n" + lines[1].TrimStart()
            : lines[0] + "\n\n" + paragraph;
    }

    /// <summary>
    /// Returns the indexes of the sentences that are prose: outside fenced code, not Markdown structure
    /// (<see cref="IsMarkdownStructure"/>), and at least <paramref name="minimumWords"/> words long.
    /// </summary>
    /// <param name="sentences">The sentences of a text (<see cref="SplitSentences"/>).</param>
    /// <param name="minimumWords">The fewest words a prose sentence has.</param>
    /// <returns>The indexes, in order.</returns>
    public static List<int> ProseSentences(IReadOnlyList<Sentence> sentences, int minimumWords)
    {
        var prose = new List<int>();
        var inFence = false;
        for (var i = 0; i < sentences.Count; i++)
        {
            var text = sentences[i].Text;
            if (text.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
            }
            else if (!inFence && !IsMarkdownStructure(text) && CountWords(text) >= minimumWords)
            {
                prose.Add(i);
            }
        }

        return prose;
    }

    /// <summary>Returns a text without trailing whitespace and without a final full stop.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The text, ready for a clause to be appended.</returns>
    public static string WithoutFinalStop(string text) => text.TrimEnd().TrimEnd('.').TrimEnd();

    private static readonly HashSet<string> CommonSentenceStarts = new(StringComparer.Ordinal)
    {
        "The", "A", "An", "Our", "My", "This", "That", "These", "Those", "Every", "Each", "Most", "All", "Some", "Small",
        "Two", "Three", "Four", "Five", "Six", "Weekly", "Daily", "Automated", "Accessible", "Reusable", "Notes",
    };

    [GeneratedRegex(@"\S+", RegexOptions.CultureInvariant)]
    private static partial Regex WordRegex();

    [GeneratedRegex(@"(?<=[.!?])[ \t]+|[ \t]*\n\s*", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceBreakRegex();
}

/// <summary>A sentence and the whitespace after it.</summary>
/// <param name="Text">The sentence, without the whitespace that follows it.</param>
/// <param name="Separator">The whitespace that followed the sentence (spaces or line breaks), possibly empty.</param>
internal readonly record struct Sentence(string Text, string Separator);
