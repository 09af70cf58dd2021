using System.Collections.Frozen;

namespace Ancso.Ml.Metrics.Lexicon;

/// <summary>What numbers can be about: outcomes, countable objects, units, scales and comparatives.</summary>
internal static partial class Lexicons
{
    /// <summary>Gets results that can be measured.</summary>
    public static FrozenSet<string> Outcomes { get; } = Set(
        "latency", "revenue", "arr", "mrr", "cost", "costs", "spend", "spending", "throughput", "uptime",
        "availability", "conversion", "conversions", "retention", "churn", "errors", "error", "downtime",
        "incidents", "outages", "outage", "load", "sales", "savings", "efficiency", "adoption", "engagement",
        "signups", "sign-ups", "traffic", "bugs", "defects", "coverage", "speed", "p99", "p95", "p90", "p50",
        "sla", "slo", "nps", "csat", "margin", "margins", "profit", "profits", "roi", "budget", "response",
        "memory", "cpu", "footprint", "bundle", "size", "accuracy", "precision", "recall", "f1", "auc", "mttr",
        "mttd", "velocity", "productivity", "satisfaction", "headcount", "backlog", "runtime", "qps", "rps",
        "tps", "frequency", "rate", "time", "times", "duration", "cycle", "lead-time", "time-to-market",
        "deploys", "deployments", "releases", "bill", "invoice", "fees", "gmv", "aov", "ltv", "cac", "funding",
        "valuation", "growth", "performance", "reliability", "stability", "startup", "boot", "build", "builds",
        "queries", "storage", "bandwidth", "tickets", "escalations", "complaints", "fraud", "chargebacks",
        "false", "positives", "alerts", "noise", "toil", "waste", "usage", "activation", "pipeline", "bookings");

    /// <summary>Gets countable objects a number can refer to.</summary>
    public static FrozenSet<string> Measures { get; } = Set(
        "users", "customers", "clients", "engineers", "developers", "people", "members", "teams", "services",
        "microservices", "repos", "repositories", "projects", "countries", "markets", "stars", "downloads",
        "installs", "requests", "transactions", "queries", "events", "messages", "servers", "nodes", "clusters",
        "machines", "pipelines", "deployments", "releases", "apps", "applications", "websites", "sites",
        "students", "contributors", "commits", "prs", "tests", "endpoints", "tables", "rows", "records",
        "documents", "files", "lines", "pages", "products", "features", "stores", "locations", "partners",
        "employees", "reports", "hires", "patents", "papers", "talks", "articles", "posts", "followers",
        "subscribers", "visitors", "sessions", "orders", "payments", "accounts", "devices", "vehicles", "models",
        "datasets", "languages", "regions", "offices", "hospitals", "schools", "merchants", "sellers", "buyers",
        "tenants", "brands", "campaigns", "companies", "startups", "workloads", "jobs", "builds", "containers",
        "functions", "modules", "packages", "libraries", "plugins", "integrations", "apis", "issues", "bugs",
        "tickets", "incidents", "vulnerabilities", "cves", "countries", "cities", "sprints", "squads", "reports",
        "designers", "scientists", "analysts", "interns", "mentees", "direct", "reports", "hours", "days", "weeks",
        "months", "years", "quarters", "petabytes", "terabytes", "gigabytes", "images", "videos", "streams",
        "calls", "lines-of-code", "loc", "instances", "pods", "vms", "gpus", "cpus", "cores", "shards",
        "partitions", "topics", "dashboards", "alerts", "screens", "flows", "experiments", "tenants",
        "learners", "attendees", "readers", "views", "impressions", "clicks", "signups", "sign-ups", "leads",
        "deals", "contracts", "suppliers", "vendors", "warehouses", "stores", "restaurants", "drivers", "riders",
        "patients", "doctors", "nurses", "banks", "investors", "rounds", "languages", "frameworks", "teammates");

    /// <summary>Gets units of measurement.</summary>
    public static FrozenSet<string> Units { get; } = Set(
        "ms", "millisecond", "milliseconds", "µs", "us", "microseconds", "ns", "s", "sec", "secs", "second",
        "seconds", "minute", "minutes", "min", "mins", "hour", "hours", "hr", "hrs", "h", "day", "days", "d",
        "week", "weeks", "wk", "month", "months", "mo", "year", "years", "yr", "yrs", "y", "quarter", "quarters",
        "kb", "mb", "gb", "tb", "pb", "kib", "mib", "gib", "tib", "percent", "percentage", "points", "pp", "pts",
        "bps", "kbps", "mbps", "gbps", "qps", "rps", "tps", "fps", "usd", "eur", "gbp", "dollars", "euros",
        "pounds", "ghz", "mhz", "kw", "mw", "kwh", "km", "miles", "kg", "tons", "tonnes", "nines", "rpm",
        "req/s", "ops", "iops", "ops/s", "rows/s", "x", "times", "fold", "stars", "★");

    /// <summary>Gets scale and modifier words that may stand between a number and what it counts ("2M monthly active users").</summary>
    public static FrozenSet<string> Scales { get; } = Set(
        "thousand", "thousands", "million", "millions", "billion", "billions", "trillion", "k", "m", "mm", "b",
        "bn", "hundred", "hundreds", "dozen", "dozens", "lakh", "crore", "more", "new", "active", "daily",
        "monthly", "weekly", "annual", "concurrent", "paying", "unique", "production", "internal", "external",
        "open-source", "senior", "junior", "backend", "frontend", "mobile", "enterprise", "global", "critical",
        "legacy", "distributed", "cross-functional", "full-time", "direct");

    /// <summary>Gets comparatives a multiplier or percentage can qualify.</summary>
    public static FrozenSet<string> Comparatives { get; } = Set(
        "faster", "slower", "cheaper", "smaller", "larger", "bigger", "fewer", "less", "lower", "higher",
        "quicker", "reduction", "increase", "improvement", "speedup", "speed-up", "throughput", "more",
        "cheaper", "leaner", "lighter", "better", "shorter", "longer");

    /// <summary>Gets objects too vague for a figure to be about.</summary>
    public static FrozenSet<string> VagueObjects { get; } = Set(
        "everything", "anything", "all", "things", "stuff", "whatever", "everyone", "anyone", "everywhere",
        "results", "impact", "value", "outcomes", "success", "engineer", "engineers", "developer", "developers",
        "productivity", "mindset", "growth", "effort", "energy", "vibes");
}
