using System.Text;
using Ancso.Ml.Reasons;

namespace Ancso.Ml.Learning.Bootstrap;

/// <summary>Scatters emoji through the text: after roughly one word in five, and a cluster at the end of each line. Lengthens the text.</summary>
internal sealed partial class EmojiNoiseDegradation() : TextDegradation(ReasonTags.EmojiNoise)
{
    private static readonly string[] Emoji = ["🚀", "🔥", "💯", "✨", "🙌", "😎", "💪", "🎉", "👉", "⭐", "🤩", "📈", "💥", "🧠", "👀", "⚡"];

    public override DegradationResult Apply(string text, string section, Random random)
    {
        var lines = text.Split('\n');
        var builder = new StringBuilder(text.Length * 2);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (i > 0)
            {
                builder.Append('\n');
            }

            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal) || line.Trim().Length == 0)
            {
                builder.Append(line);
                continue;
            }

            builder.Append(WordEndRegex().Replace(line, m => random.Next(5) == 0 ? m.Value + " " + TextTools.Pick(random, Emoji) : m.Value));
            builder.Append(' ');
            var cluster = random.Next(1, 4);
            for (var k = 0; k < cluster; k++)
            {
                builder.Append(TextTools.Pick(random, Emoji));
            }
        }

        return DegradationResult.Degraded(builder.ToString());
    }

    [GeneratedRegex(@"(?<=\w)[.,!?]?(?=\s)", RegexOptions.CultureInvariant)]
    private static partial Regex WordEndRegex();
}
