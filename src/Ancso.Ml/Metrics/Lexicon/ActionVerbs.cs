using System.Collections.Frozen;

namespace Ancso.Ml.Metrics.Lexicon;

/// <summary>
/// Strong action verbs in every form (base, -s, past, -ing, participle), generated from a compact list.
/// Each entry is <c>base[:past[:ing[:participle]]]</c>; a leading <c>!</c> marks a verb whose base and -s forms are
/// mostly nouns in profiles ("lead", "design"), so only its past, -ing and participle forms count.
/// </summary>
internal static class ActionVerbs
{
    private static readonly string[] ActionSpecs =
    [
        "achieve", "accelerate", "!architect", "automate", "boost", "build:built", "!champion", "coach",
        "consolidate", "create", "cut:cut:cutting", "debug:debugged:debugging", "decrease", "define", "deliver",
        "deploy", "!design", "develop", "double", "drive:drove:driving:driven", "eliminate", "!engineer",
        "establish", "expand", "grow:grew:growing:grown", "halve", "implement", "improve", "increase", "integrate",
        "introduce", "launch", "!lead:led:leading", "lower", "maintain", "!mentor", "migrate", "modernize",
        "modernise", "optimize", "optimise", "!pioneer", "!prototype", "rebuild:rebuilt", "!redesign", "refactor",
        "reduce", "replace", "rewrite:rewrote:rewriting:rewritten", "save", "!scale", "secure",
        "ship:shipped:shipping", "simplify", "spearhead", "speed:sped", "standardize", "standardise", "streamline",
        "triple", "write:wrote:writing:written", "co-found", "cofound", "!found:founded:founding", "hire", "recruit",
        "negotiate", "win:won:winning", "sell:sold", "publish", "!release", "analyze", "analyse", "investigate",
        "resolve", "fix", "diagnose", "detect", "prevent", "harden", "!instrument", "!monitor", "!benchmark",
        "tune", "parallelize", "parallelise", "containerize", "orchestrate", "provision", "unify", "decouple",
        "split:split:splitting", "shard", "compress", "encrypt", "convert", "generate", "render", "validate",
        "parse", "sync", "!schedule", "!stream", "compile", "visualize", "visualise", "lint", "!track",
        "transform", "translate", "train", "fine-tune", "evaluate", "organize", "organise",
        "teach:taught:teaching", "!author", "contribute", "execute", "exceed", "outperform", "surpass", "earn",
        "attract", "acquire", "onboard", "trim:trimmed:trimming", "slash", "shrink:shrank:shrinking:shrunk",
        "raise", "open-source", "invent", "discover", "predict", "forecast", "serve", "stabilize", "stabilise", "unblock",
        "revamp", "overhaul", "restructure", "centralize", "centralise", "digitize", "digitise", "localize",
        "localise", "!profile", "!measure", "!audit", "!review", "!test", "!cache", "!index",
        "manage", "!own", "run:ran:running", "oversee:oversaw:overseeing:overseen", "!direct", "guide", "coordinate",
        "!present", "speak:spoke:speaking:spoken", "convince", "persuade", "!close", "!host", "!model",
        "!map:mapped:mapping", "!plan:planned:planning", "prioritize", "prioritise", "facilitate",
    ];

    private static readonly string[] ResultSpecs =
    [
        "reduce", "cut:cut:cutting", "increase", "improve", "grow:grew:growing:grown", "save", "boost", "double",
        "triple", "halve", "accelerate", "decrease", "lower", "raise", "generate", "eliminate", "speed:sped",
        "exceed", "outperform", "earn", "win:won:winning", "achieve", "expand", "shrink:shrank:shrinking:shrunk",
        "trim:trimmed:trimming", "slash", "surpass", "prevent", "stabilize", "stabilise",
    ];

    /// <summary>Gets every form of every action verb.</summary>
    public static FrozenSet<string> All { get; } = Expand(ActionSpecs);

    /// <summary>Gets every form of the action verbs that name a measurable change.</summary>
    public static FrozenSet<string> Results { get; } = Expand(ResultSpecs);

    private static FrozenSet<string> Expand(string[] specs)
    {
        var forms = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var spec in specs)
        {
            var nounLike = spec.StartsWith('!');
            var parts = (nounLike ? spec[1..] : spec).Split(':');
            var stem = parts[0];
            var past = parts.Length > 1 ? parts[1] : Past(stem);
            var ing = parts.Length > 2 ? parts[2] : Ing(stem);
            var participle = parts.Length > 3 ? parts[3] : past;
            if (!nounLike)
            {
                forms.Add(stem);
                forms.Add(ThirdPerson(stem));
            }

            forms.Add(past);
            forms.Add(ing);
            forms.Add(participle);
        }

        return forms.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';

    private static string ThirdPerson(string stem) =>
        stem.EndsWith('y') && stem.Length > 1 && !IsVowel(stem[^2]) ? stem[..^1] + "ies"
        : stem.EndsWith('s') || stem.EndsWith('x') || stem.EndsWith('z') || stem.EndsWith("sh", StringComparison.Ordinal)
            || stem.EndsWith("ch", StringComparison.Ordinal) ? stem + "es"
        : stem + "s";

    private static string Past(string stem) =>
        stem.EndsWith('e') ? stem + "d"
        : stem.EndsWith('y') && stem.Length > 1 && !IsVowel(stem[^2]) ? stem[..^1] + "ied"
        : stem + "ed";

    private static string Ing(string stem) =>
        stem.EndsWith("ee", StringComparison.Ordinal) ? stem + "ing"
        : stem.EndsWith('e') ? stem[..^1] + "ing"
        : stem + "ing";
}
