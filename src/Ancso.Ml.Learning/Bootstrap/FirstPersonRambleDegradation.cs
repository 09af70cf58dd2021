using Ancso.Ml.Reasons;


namespace Ancso.Ml.Learning.Bootstrap;

/// <summary>
/// Adds rambling first-person asides: an opening about oneself, hedges ("I mean", "honestly, I think") before some
/// sentences and trailing afterthoughts. Lengthens the text.
/// </summary>
internal sealed class FirstPersonRambleDegradation() : TextDegradation(ReasonTags.FirstPersonRamble)
{
    private static readonly string[] Openers =
    [
        "So, a little bit about me: I'm someone who has always, always loved technology, ever since I was a kid, and I feel like that passion has kind of guided me to where I am today, if that makes sense.",
        "I guess I should start by saying that I'm a really curious person and I love learning new things, and I've always been like that, and honestly I think that's what brought me here.",
        "Where do I even begin? I've been on quite a journey, and I'm the kind of person who just really, really enjoys what I do, which I think comes through in everything I do.",
    ];

    private static readonly string[] Hedges = ["I mean, ", "Honestly, I think ", "To be honest, ", "I personally feel that ", "Basically, ", "Like, "];

    private static readonly string[] Afterthoughts =
    [
        ", which I was really happy about, I think",
        ", and I learned so much from that, honestly",
        ", which was a whole thing, but anyway",
        ", if you know what I mean",
        ", and I'm actually quite proud of that, to be honest",
    ];

    public override DegradationResult Apply(string text, string section, Random random)
    {
        if (TextTools.IsShortSection(section))
        {
            var core = TextTools.Decapitalize(text.Trim().TrimEnd('.'));
            return DegradationResult.Degraded($"So basically I'm just someone who really loves what I do and I guess {core}{TextTools.Pick(random, Afterthoughts)}, lol.");
        }

        var sentences = TextTools.SplitSentences(text);
        for (var i = 0; i < sentences.Count; i++)
        {
            var s = sentences[i].Text;
            if (s.Length < 20 || TextTools.IsMarkdownStructure(s) || random.Next(3) != 0)
            {
                continue;
            }

            var body = s.TrimEnd('.');
            var addition = random.Next(2) == 0
                ? TextTools.Pick(random, Hedges) + TextTools.Decapitalize(body)
                : body + TextTools.Pick(random, Afterthoughts);
            sentences[i] = sentences[i] with { Text = addition + (s.EndsWith('.') ? "." : string.Empty) };
        }

        var opener = TextTools.Pick(random, Openers);
        var joined = TextTools.Join(sentences);
        var heading = joined.StartsWith('#') ? joined.Split('\n', 2) : null;
        return DegradationResult.Degraded(heading is { Length: 2 }
            ? heading[0] + "\n\n" + opener + "\n" + heading[1]
            : opener + " " + joined);
    }
}
