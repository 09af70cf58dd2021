namespace Ancso.Ml.Metrics.Lexicon;

/// <summary>The classes a word can belong to; one word may carry several.</summary>
[Flags]
internal enum WordClass : uint
{
    /// <summary>No class: an ordinary content word.</summary>
    None = 0,

    /// <summary>A function word (the, of, and…); not counted as content.</summary>
    Stop = 1u << 0,

    /// <summary>I, me, my, I'm…</summary>
    FirstPerson = 1u << 1,

    /// <summary>A form of "be" that can start a passive (is, was, been…).</summary>
    BeAuxiliary = 1u << 2,

    /// <summary>An irregular past participle (built, led, written…).</summary>
    Participle = 1u << 3,

    /// <summary>An -ed word that after "be" is an adjective, not a passive (based, interested…).</summary>
    NotParticiple = 1u << 4,

    /// <summary>A strong action verb in any form (led, built, shipped, migrating…).</summary>
    ActionVerb = 1u << 5,

    /// <summary>An action verb that names a measurable change (reduced, grew, saved…).</summary>
    ResultVerb = 1u << 6,

    /// <summary>A weak verb that hides ownership (helped, assisted, participated…).</summary>
    WeakVerb = 1u << 7,

    /// <summary>A buzzword or self-praise (synergy, ninja, passionate, results-driven…).</summary>
    Buzzword = 1u << 8,

    /// <summary>A hedge that softens a claim (maybe, somewhat, basically…).</summary>
    Hedge = 1u << 9,

    /// <summary>A vague word standing in for a specific one (various, several, significantly…).</summary>
    Vague = 1u << 10,

    /// <summary>A filler word (etc, whatsoever…).</summary>
    Filler = 1u << 11,

    /// <summary>A named technology, language, tool or standard (C#, Kafka, PostgreSQL…).</summary>
    Tech = 1u << 12,

    /// <summary>A field or focus area (payments, infrastructure, backend…).</summary>
    Domain = 1u << 13,

    /// <summary>A role (engineer, founder, designer…).</summary>
    Role = 1u << 14,

    /// <summary>A result that can be measured (latency, revenue, uptime…).</summary>
    Outcome = 1u << 15,

    /// <summary>A countable object a number can refer to (users, engineers, services…).</summary>
    Measure = 1u << 16,

    /// <summary>A unit of measurement (ms, GB, hours, percent…).</summary>
    Unit = 1u << 17,

    /// <summary>A scale word between a number and its object (thousand, million, k…).</summary>
    Scale = 1u << 18,

    /// <summary>A comparative that a multiplier can qualify (faster, cheaper, fewer…).</summary>
    Comparative = 1u << 19,

    /// <summary>An object too vague for a figure to be about (everything, anything, stuff…).</summary>
    VagueObject = 1u << 20,

    /// <summary>A kind of software project (library, CLI, framework…).</summary>
    RepoKind = 1u << 21,

    /// <summary>A word a profile README uses to say what its owner does (working, building, projects…).</summary>
    ReadmeTopic = 1u << 22,

    /// <summary>An abbreviation whose period ends a sentence only before a capital (etc, Inc, Ltd…).</summary>
    Abbreviation = 1u << 23,

    /// <summary>The word "from" (the start of a from–to comparison).</summary>
    From = 1u << 24,

    /// <summary>The word "to" (the end of a from–to comparison).</summary>
    To = 1u << 25,

    /// <summary>Assigned by the scanner: a capitalized word mid-sentence that no lexicon knows (a product, company or place).</summary>
    ProperNoun = 1u << 26,

    /// <summary>An abbreviation that introduces what follows (e.g, i.e, vs, Dr…); its period never ends a sentence.</summary>
    LeadingAbbreviation = 1u << 27,
}
