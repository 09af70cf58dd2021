using System.Text;
using Ancso.Ml.Reasons;

namespace Ancso.Ml.Learning.Bootstrap;

/// <summary>
/// Introduces typos and grammar slips: common misspellings, swapped, dropped or doubled letters, dropped articles, a
/// lower-case "i" and confused homophones. About one word in eight is touched (at least two). Code, links and names
/// with digits or symbols are left alone.
/// </summary>
internal sealed partial class TyposDegradation() : TextDegradation(ReasonTags.Typos)
{
    private static readonly Dictionary<string, string> Misspellings = new(StringComparer.Ordinal)
    {
        ["receive"] = "recieve", ["separate"] = "seperate", ["definitely"] = "definately", ["experience"] = "experiance",
        ["environment"] = "enviroment", ["development"] = "developement", ["successful"] = "succesful",
        ["performance"] = "performence", ["which"] = "wich", ["across"] = "accross", ["responsible"] = "responsable",
        ["their"] = "there", ["its"] = "it's", ["your"] = "you're", ["than"] = "then", ["independent"] = "independant",
        ["maintenance"] = "maintainance", ["occasionally"] = "ocasionally", ["necessary"] = "neccessary",
        ["existing"] = "existant", ["reliability"] = "relaibility", ["accessibility"] = "accesibility",
        ["engineer"] = "enginer", ["engineering"] = "enginering", ["management"] = "managment", ["business"] = "buisness",
        ["government"] = "goverment", ["similar"] = "similiar", ["until"] = "untill", ["beginning"] = "begining",
    };

    private static readonly HashSet<string> Articles = new(StringComparer.Ordinal) { "the", "a", "an" };

    public override DegradationResult Apply(string text, string section, Random random)
    {
        var matches = WordRegex().Matches(text);
        var candidates = matches.Where(m => IsEditable(m.Value)).ToList();
        var target = Math.Clamp((int)Math.Round(matches.Count / 8.0), 2, 24);
        if (candidates.Count < 2)
        {
            return DegradationResult.NotApplicable("too few plain words to misspell");
        }

        var chosen = candidates.OrderBy(_ => random.Next()).Take(target).OrderBy(m => m.Index).ToList();
        var builder = new StringBuilder(text.Length);
        var position = 0;
        foreach (var m in chosen)
        {
            builder.Append(text, position, m.Index - position);
            var replacement = Misspell(m.Value, random);
            builder.Append(replacement);
            position = m.Index + m.Length;
            if (replacement.Length == 0 && position < text.Length && text[position] == ' ')
            {
                position++;
            }
        }

        builder.Append(text, position, text.Length - position);
        return DegradationResult.Degraded(builder.ToString());
    }

    private static bool IsEditable(string word) => word.Length >= 3 || Articles.Contains(word) || word == "I";

    private static string Misspell(string word, Random random)
    {
        if (word == "I")
        {
            return "i";
        }

        if (Articles.Contains(word))
        {
            return string.Empty;
        }

        var lower = word.ToLowerInvariant();
        if (Misspellings.TryGetValue(lower, out var known))
        {
            return Vocabulary.MatchCase(word, known);
        }

        var chars = word.ToCharArray();
        var inner = random.Next(1, chars.Length - 1);
        switch (random.Next(3))
        {
            case 0 when chars[inner] != chars[inner + 1]:
                (chars[inner], chars[inner + 1]) = (chars[inner + 1], chars[inner]);
                return new string(chars);
            case 1:
                return word.Remove(inner, 1);
            default:
                return word.Insert(inner, word[inner].ToString());
        }
    }

    [GeneratedRegex(@"(?<![\w/.`@#&-])[A-Za-z]+(?![\w/`@#&-]|\.\w)", RegexOptions.CultureInvariant)]
    private static partial Regex WordRegex();
}
