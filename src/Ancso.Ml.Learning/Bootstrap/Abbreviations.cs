namespace Ancso.Ml.Learning.Bootstrap;

/// <summary>
/// Abbreviations and acronyms for <see cref="AbbreviationSoupDegradation"/>: office shorthand that fits any job
/// ("management" → "mgmt", "with" → "w/", "responsible for" → "resp. for", "cross-functional" → "x-func") plus a few
/// common in health, teaching and trades ("registered nurse" → "RN", "special educational needs" → "SEN").
/// </summary>
internal static class Abbreviations
{
    /// <summary>Gets the replacements, keyed case-insensitively by the phrase they replace.</summary>
    public static IReadOnlyDictionary<string, string> Phrases { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["responsible for"] = "resp. for", ["cross-functional"] = "x-func", ["subject matter expert"] = "SME",
        ["subject-matter expert"] = "SME", ["key performance indicators"] = "KPIs", ["targets"] = "KPIs", ["goals"] = "OKRs",
        ["objectives"] = "OKRs", ["end-to-end"] = "E2E", ["end to end"] = "E2E", ["business-to-business"] = "B2B",
        ["business-to-consumer"] = "B2C", ["quality assurance"] = "QA", ["user experience"] = "UX", ["user interface"] = "UI",
        ["business intelligence"] = "BI", ["project manager"] = "PM", ["product manager"] = "PM", ["human resources"] = "HR",
        ["customer relationship management"] = "CRM", ["health and safety"] = "H&S", ["research and development"] = "R&D",
        ["learning and development"] = "L&D", ["return on investment"] = "ROI", ["year over year"] = "YoY",
        ["year-over-year"] = "YoY", ["for example"] = "e.g.", ["registered nurse"] = "RN", ["intensive care"] = "ICU",
        ["accident and emergency"] = "A&E", ["continuing professional development"] = "CPD", ["special educational needs"] = "SEN",
        ["general practitioner"] = "GP", ["standard operating procedures"] = "SOPs", ["customer service"] = "CS",
        ["customer experience"] = "CX", ["small businesses"] = "SMBs", ["in charge of"] = "i/c", ["as well as"] = "+",
        ["per cent"] = "%", ["percent"] = "%", ["with"] = "w/", ["without"] = "w/o", ["and"] = "&", ["between"] = "b/w",
        ["because"] = "b/c", ["through"] = "thru", ["including"] = "incl.", ["approximately"] = "approx.", ["about"] = "abt",
        ["regarding"] = "re:", ["versus"] = "vs.", ["at"] = "@", ["number"] = "no.", ["numbers"] = "nos.",
        ["management"] = "mgmt", ["manager"] = "mgr", ["managers"] = "mgrs", ["development"] = "dev", ["developer"] = "dev",
        ["developers"] = "devs", ["department"] = "dept", ["departments"] = "depts", ["experience"] = "exp.",
        ["years"] = "yrs", ["year"] = "yr", ["months"] = "mos", ["weeks"] = "wks", ["hours"] = "hrs", ["minutes"] = "mins",
        ["business"] = "biz", ["information"] = "info", ["communication"] = "comms", ["communications"] = "comms",
        ["professional"] = "prof.", ["professionals"] = "profs", ["organisation"] = "org", ["organization"] = "org",
        ["organisations"] = "orgs", ["organizations"] = "orgs", ["project"] = "proj.", ["projects"] = "projs",
        ["requirements"] = "reqs", ["administration"] = "admin", ["coordinated"] = "coord.", ["coordinating"] = "coord.",
        ["coordination"] = "coord.", ["documentation"] = "docs", ["environment"] = "env", ["environments"] = "envs",
        ["configuration"] = "config", ["production"] = "prod", ["specification"] = "spec", ["specifications"] = "specs",
        ["technical"] = "tech.", ["technology"] = "tech", ["technologies"] = "techs", ["senior"] = "Sr.", ["junior"] = "Jr.",
        ["assistant"] = "asst.", ["university"] = "uni", ["school"] = "sch.", ["patients"] = "pts", ["patient"] = "pt",
        ["hospital"] = "hosp.", ["weekly"] = "wkly", ["monthly"] = "mthly", ["government"] = "govt", ["international"] = "intl",
        ["average"] = "avg", ["maximum"] = "max", ["minimum"] = "min", ["reporting"] = "rptg", ["procedures"] = "SOPs",
        ["processes"] = "procs", ["maintenance"] = "maint.", ["services"] = "svcs", ["messages"] = "msgs",
        ["applications"] = "apps", ["application"] = "app", ["customers"] = "custs", ["accounts"] = "accts",
        ["performance"] = "perf", ["infrastructure"] = "infra", ["implementation"] = "impl.", ["additional"] = "addl",
        ["especially"] = "esp.", ["equipment"] = "equip.", ["medication"] = "meds", ["medications"] = "meds",
        ["laboratory"] = "lab", ["temperature"] = "temp.", ["certificate"] = "cert", ["certificates"] = "certs",
        ["certification"] = "cert", ["certifications"] = "certs", ["financial"] = "fin.", ["installation"] = "install",
        ["installations"] = "installs", ["independent"] = "indep.", ["recommendations"] = "recs", ["quarter"] = "Q",
        ["reconciliation"] = "recon", ["reconciliations"] = "recons", ["subsidiaries"] = "subs", ["adjustment"] = "adj.",
        ["adjustments"] = "adjs", ["introduced"] = "intro'd", ["instead of"] = "vs.", ["working days"] = "WDs",
        ["paediatric"] = "paeds", ["pediatric"] = "peds", ["comprehensive"] = "comp.", ["secondary"] = "sec.",
        ["electric vehicle"] = "EV", ["electrical"] = "elec.", ["domestic"] = "dom.", ["commercial"] = "comm.",
        ["residential"] = "resi", ["people"] = "ppl", ["something"] = "sth", ["within"] = "w/in", ["weekend"] = "wknd",
        ["weekends"] = "wknds", ["knowledge"] = "knowl.", ["measurements"] = "meas.", ["photos"] = "pics",
        ["following"] = "foll.", ["account"] = "acct", ["approved"] = "appr.", ["received"] = "rec'd",
    };

    /// <summary>
    /// Gets acronyms tacked on as a tag cluster that the keyword metric counts as vocabulary ("CRM/ERP", "QA"). None has a
    /// digit, so the cluster does not change the digit count.
    /// </summary>
    public static IReadOnlyList<string> KeywordTags { get; } = ["UX/UI", "CRM/ERP", "QA", "BI", "SaaS", "PM", "ops/infra", "HR/admin"];

    /// <summary>Gets shorthand acronyms for the cluster that are not keywords ("SME", "KPIs/OKRs"); none has a digit.</summary>
    public static IReadOnlyList<string> ShorthandTags { get; } = ["SME", "x-func", "KPIs/OKRs", "SOPs", "ROI", "YoY", "L&D", "CX", "BAU"];

    /// <summary>Gets a pattern matching any phrase of <see cref="Phrases"/> as whole words, longest first.</summary>
    public static Regex Pattern { get; } = new(
        @"(?<![\w/.@#&-])(?:" + string.Join('|', Phrases.Keys.OrderByDescending(k => k.Length).Select(Regex.Escape)) + @")(?![\w/@#&'’-])",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase,
        TimeSpan.FromSeconds(1));
}
