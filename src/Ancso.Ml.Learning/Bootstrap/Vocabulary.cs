namespace Ancso.Ml.Learning.Bootstrap;

/// <summary>Word lists shared by the degradations: technology names and the forms of common action verbs.</summary>
internal static class Vocabulary
{
    /// <summary>Technology names, as they are usually spelled.</summary>
    public static IReadOnlyList<string> TechTerms { get; } =
    [
        "Go", "Golang", "Rust", "Python", "Java", "Kotlin", "Kotlin Multiplatform", "Swift", "SwiftUI", "C#", ".NET", "C++",
        "TypeScript", "JavaScript", "Node.js", "React", "Svelte", "D3", "Vue", "Angular", "Ruby", "Rails", "Ruby on Rails",
        "Elixir", "Phoenix", "Haskell", "Julia", "Fortran", "Stan", "brms", "tidyverse", "PHP", "Laravel", "SQL",
        "PostgreSQL", "Postgres", "PostGIS", "QGIS", "MySQL", "SQLite", "Redis", "Kafka", "Apache Spark", "Spark", "dbt",
        "Airflow", "Parquet", "S3", "AWS", "Azure", "GCP", "GKE", "Kubernetes", "Docker", "Terraform", "Ansible",
        "Argo CD", "Helm", "Prometheus", "Grafana", "OpenTelemetry", "Elasticsearch", "Lucene", "GraphQL", "gRPC",
        "Flask", "FastAPI", "Django", "Spring Boot", "Spring", "Express", "PyTorch", "TensorFlow", "pandas", "Polars",
        "Scanpy", "Nextflow", "ROS 2", "Unity", "Unreal Engine", "Godot 4", "Godot", "Vulkan", "JUCE", "Qiskit", "Cirq",
        "LLVM", "eBPF", "XDP", "DPDK", "Zephyr", "AUTOSAR", "MISRA C", "KiCad", "QMK", "RP2040", "Jetpack Compose",
        "Android", "iOS", "Storybook", "Playwright", "Pact", "Semgrep", "Figma", "Feast", "Kubeflow", "Backstage",
        "Agones", "TensorRT", "Jetson", "YOLO", "BigQuery", "Hedgehog", "Foundry", "Solidity", "Ecto", "MicroPython",
        "HealthKit", "FHIR", "HL7v2", "NetworkX", "Houdini", "Linux", "GitHub Actions", "Jenkins", "Chromatic", "Vale",
        "WebSockets", "LoRaWAN", "AVIF", "WebP", "Lighthouse", "ELK", "Nginx", "Scrum", "Agile",
    ];

    /// <summary>
    /// Matches one technology name or a run of them joined by commas, slashes, middle dots, "and" or "&amp;"
    /// ("Go, Terraform and Prometheus").
    /// </summary>
    public static Regex TechRun { get; } = BuildTechRun();

    /// <summary>Matches a single technology name.</summary>
    public static Regex TechTerm { get; } = new(
        $"(?<![\\w.#+]){TermAlternation()}(?![\\w#+])",
        RegexOptions.CultureInvariant,
        TimeSpan.FromSeconds(1));

    /// <summary>Action verbs: past tense → forms.</summary>
    public static IReadOnlyDictionary<string, VerbForms> VerbsByPast { get; } = BuildVerbs()
        .ToDictionary(v => v.Past, StringComparer.OrdinalIgnoreCase);

    /// <summary>Action verbs: base form → forms.</summary>
    public static IReadOnlyDictionary<string, VerbForms> VerbsByBase { get; } = BuildVerbs()
        .ToDictionary(v => v.Base, StringComparer.OrdinalIgnoreCase);

    /// <summary>Returns <paramref name="replacement"/> with the case of <paramref name="original"/>'s first letter.</summary>
    /// <param name="original">The word being replaced.</param>
    /// <param name="replacement">The replacement, in lower case.</param>
    /// <returns>The replacement with matching capitalisation.</returns>
    public static string MatchCase(string original, string replacement) =>
        original.Length > 0 && char.IsUpper(original[0]) ? TextTools.Capitalize(replacement) : replacement;

    private static string TermAlternation() =>
        "(?:" + string.Join('|', TechTerms.OrderByDescending(t => t.Length).Select(Regex.Escape)) + ")";

    private static Regex BuildTechRun()
    {
        var term = $"(?<![\\w.#+]){TermAlternation()}(?![\\w#+])";
        var joiner = @"(?:\s*[,/·|]\s*|\s+and\s+|\s+&\s+|,\s+and\s+)";
        return new Regex($"{term}(?:{joiner}{term})*", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    private static VerbForms[] BuildVerbs() =>
    [
        new("built", "build", "builds", "built", "building"),
        new("led", "lead", "leads", "led", "leading"),
        new("designed", "design", "designs", "designed", "designing"),
        new("wrote", "write", "writes", "written", "writing"),
        new("rewrote", "rewrite", "rewrites", "rewritten", "rewriting"),
        new("introduced", "introduce", "introduces", "introduced", "introducing"),
        new("moved", "move", "moves", "moved", "moving"),
        new("added", "add", "adds", "added", "adding"),
        new("reduced", "reduce", "reduces", "reduced", "reducing"),
        new("shipped", "ship", "ships", "shipped", "shipping"),
        new("migrated", "migrate", "migrates", "migrated", "migrating"),
        new("launched", "launch", "launches", "launched", "launching"),
        new("implemented", "implement", "implements", "implemented", "implementing"),
        new("created", "create", "creates", "created", "creating"),
        new("maintained", "maintain", "maintains", "maintained", "maintaining"),
        new("developed", "develop", "develops", "developed", "developing"),
        new("delivered", "deliver", "delivers", "delivered", "delivering"),
        new("grew", "grow", "grows", "grown", "growing"),
        new("replaced", "replace", "replaces", "replaced", "replacing"),
        new("automated", "automate", "automates", "automated", "automating"),
        new("trained", "train", "trains", "trained", "training"),
        new("published", "publish", "publishes", "published", "publishing"),
        new("found", "find", "finds", "found", "finding"),
        new("ran", "run", "runs", "run", "running"),
        new("made", "make", "makes", "made", "making"),
        new("converted", "convert", "converts", "converted", "converting"),
        new("tested", "test", "tests", "tested", "testing"),
        new("handled", "handle", "handles", "handled", "handling"),
        new("ported", "port", "ports", "ported", "porting"),
        new("hired", "hire", "hires", "hired", "hiring"),
        new("managed", "manage", "manages", "managed", "managing"),
        new("redesigned", "redesign", "redesigns", "redesigned", "redesigning"),
        new("restructured", "restructure", "restructures", "restructured", "restructuring"),
        new("owned", "own", "owns", "owned", "owning"),
        new("documented", "document", "documents", "documented", "documenting"),
        new("deployed", "deploy", "deploys", "deployed", "deploying"),
        new("mentored", "mentor", "mentors", "mentored", "mentoring"),
        new("upgraded", "upgrade", "upgrades", "upgraded", "upgrading"),
        new("partitioned", "partition", "partitions", "partitioned", "partitioning"),
        new("detected", "detect", "detects", "detected", "detecting"),
        new("worked", "work", "works", "worked", "working"),
        new("contributed", "contribute", "contributes", "contributed", "contributing"),
        new("recruited", "recruit", "recruits", "recruited", "recruiting"),
        new("tuned", "tune", "tunes", "tuned", "tuning"),
        new("fixed", "fix", "fixes", "fixed", "fixing"),
        new("reviewed", "review", "reviews", "reviewed", "reviewing"),
        new("taught", "teach", "teaches", "taught", "teaching"),
        new("removed", "remove", "removes", "removed", "removing"),
        new("integrated", "integrate", "integrates", "integrated", "integrating"),
        new("co-founded", "co-found", "co-founds", "co-founded", "co-founding"),
        new("supported", "support", "supports", "supported", "supporting"),
        new("organised", "organise", "organises", "organised", "organising"),
    ];
}

/// <summary>The forms of an action verb.</summary>
/// <param name="Past">Simple past: "built".</param>
/// <param name="Base">Base form: "build".</param>
/// <param name="ThirdPerson">Third person present: "builds".</param>
/// <param name="Participle">Past participle: "built".</param>
/// <param name="Gerund">Gerund: "building".</param>
internal sealed record VerbForms(string Past, string Base, string ThirdPerson, string Participle, string Gerund);
