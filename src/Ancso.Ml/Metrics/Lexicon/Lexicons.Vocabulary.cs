using System.Collections.Frozen;

namespace Ancso.Ml.Metrics.Lexicon;

/// <summary>Professional vocabulary: technologies, fields, roles, project kinds and README topics.</summary>
internal static partial class Lexicons
{
    /// <summary>Gets named technologies, languages, tools, platforms and standards.</summary>
    public static FrozenSet<string> Technologies { get; } = Set(
        "c#", "c++", "f#", ".net", "dotnet", "asp.net", "java", "kotlin", "scala", "go", "golang", "rust", "python",
        "ruby", "rails", "php", "laravel", "symfony", "javascript", "typescript", "js", "ts", "node", "node.js",
        "nodejs", "deno", "react", "angular", "vue", "vue.js", "svelte", "next.js", "nextjs", "nuxt", "django",
        "flask", "fastapi", "spring", "hibernate", "nestjs", "graphql", "grpc", "rest", "restful", "api", "apis",
        "sdk", "http", "websocket", "websockets", "kafka", "rabbitmq", "redis", "memcached", "postgres",
        "postgresql", "mysql", "sqlite", "sql", "nosql", "mongodb", "cassandra", "dynamodb", "elasticsearch",
        "opensearch", "clickhouse", "snowflake", "bigquery", "redshift", "spark", "hadoop", "flink", "airflow",
        "dbt", "pandas", "numpy", "pytorch", "tensorflow", "keras", "jax", "scikit-learn", "sklearn", "onnx",
        "cuda", "llm", "llms", "gpt", "rag", "transformers", "huggingface", "langchain", "kubernetes", "k8s",
        "docker", "helm", "terraform", "ansible", "pulumi", "aws", "azure", "gcp", "lambda", "ec2", "s3",
        "cloudflare", "vercel", "netlify", "heroku", "linux", "unix", "bash", "powershell", "git", "github",
        "gitlab", "jenkins", "ci", "cd", "prometheus", "grafana", "datadog", "opentelemetry", "otel", "nginx",
        "envoy", "istio", "wasm", "webassembly", "swift", "swiftui", "objective-c", "ios", "android", "flutter",
        "dart", "unity", "unreal", "matlab", "julia", "haskell", "elixir", "erlang", "clojure", "ocaml", "zig",
        "lua", "perl", "solidity", "ethereum", "html", "css", "sass", "tailwind", "webpack", "vite", "babel",
        "jest", "pytest", "junit", "nunit", "xunit", "selenium", "playwright", "cypress", "figma", "jira",
        "openapi", "swagger", "oauth", "oauth2", "jwt", "saml", "tls", "tcp", "udp", "dns", "bgp", "ebpf", "llvm",
        "gcc", "clang", "jvm", "clr", "blazor", "maui", "xamarin", "wpf", "winui", "linq", "orleans", "signalr",
        "vscode", "neovim", "vim", "emacs", "gitops", "argo", "argocd", "jupyter", "tableau", "powerbi", "sap",
        "salesforce", "hubspot", "openai", "bert", "opencv", "ros", "arduino", "fpga", "verilog", "vhdl", "rtos",
        "qt", "gtk", "electron", "tauri", "redux", "rxjs", "d3", "three.js", "webgl", "opengl", "vulkan",
        "directx", "protobuf", "avro", "parquet", "iceberg", "kinesis", "sqs", "sns", "pubsub", "nats", "zeromq",
        "consul", "keycloak", "auth0", "okta", "ldap", "kerberos", "postgis", "ffmpeg", "webrtc", "ktor",
        "quarkus", "micronaut", "akka", "cloudformation", "cdk", "bicep", "mlflow", "kubeflow", "dask", "polars",
        "duckdb", "tokio", "actix", "axum", "serde", "cargo", "npm", "yarn", "pnpm", "pip", "poetry", "nuget",
        "maven", "gradle", "bazel", "cmake", "msbuild", "efcore", "dapper", "mediatr", "automapper", "xml",
        "json", "yaml", "toml", "csv", "markdown", "regex", "oauth", "openid", "grpc-web", "ssr", "spa", "pwa",
        "vitest", "storybook", "remix", "astro", "gatsby", "htmx", "alpine.js", "jquery", "bootstrap", "sqlalchemy",
        "celery", "kubectl", "eks", "aks", "gke", "fargate", "ecs", "rds", "aurora", "cosmosdb", "firebase",
        "supabase", "prisma", "drizzle", "trpc", "zod", "sentry", "splunk", "elk", "kibana", "logstash", "jaeger",
        "zipkin", "loki", "tempo", "vault", "nomad", "packer", "vagrant", "ubuntu", "debian", "nixos", "nix",
        "macos", "windows", "posix", "sqlserver", "oracle", "mariadb", "neo4j", "pinecone", "weaviate", "qdrant",
        "pgvector", "faiss", "llama", "mistral", "claude", "whisper", "diffusion", "lora", "rlhf", "onnxruntime",
        "torchsharp", "ml.net", "mlir", "triton", "tensorrt", "openmp", "mpi", "simd", "avx", "neon", "arm64",
        "x86", "risc-v", "stm32", "esp32", "raspberry", "zephyr", "freertos", "can", "modbus", "mqtt", "coap",
        "ble", "lorawan", "5g", "lte", "sip", "voip", "hl7", "fhir", "dicom", "pci", "soc2", "hipaa", "gdpr",
        "iso27001", "owasp", "iam", "sso", "mfa", "2fa", "kms", "hsm", "pki", "x509", "ssh", "vpn", "wireguard",
        "p99", "p95", "p90", "p50", "slo", "sli", "sla", "xunit.net", "benchmarkdotnet", "roslyn", "msal");

    /// <summary>Gets fields and focus areas.</summary>
    public static FrozenSet<string> Domains { get; } = Set(
        "backend", "back-end", "frontend", "front-end", "full-stack", "fullstack", "infrastructure", "infra",
        "platform", "platforms", "payments", "payment", "fintech", "healthtech", "healthcare", "edtech",
        "security", "cybersecurity", "appsec", "cloud", "cloud-native", "data", "database", "databases",
        "analytics", "machine", "learning", "ml", "ai", "nlp", "distributed", "systems", "compilers", "compiler",
        "mobile", "web", "embedded", "devops", "sre", "reliability", "observability", "performance", "scalability",
        "open-source", "opensource", "oss", "accessibility", "a11y", "ux", "ui", "product", "growth",
        "e-commerce", "ecommerce", "logistics", "robotics", "networking", "storage", "streaming", "search",
        "recommendations", "recommender", "ranking", "vision", "graphics", "gaming", "games", "identity",
        "authentication", "authorization", "microservices", "microservice", "serverless", "automation", "testing",
        "qa", "tooling", "dx", "compliance", "privacy", "fraud", "risk", "trading", "banking", "insurance",
        "marketplace", "marketplaces", "saas", "b2b", "b2c", "enterprise", "startup", "startups", "event-driven",
        "real-time", "realtime", "concurrency", "kernel", "kernels", "firmware", "hardware", "iot", "blockchain",
        "research", "algorithms", "optimization", "optimisation", "simulation", "quantum", "bioinformatics",
        "genomics", "geospatial", "maps", "video", "audio", "speech", "generative", "genai", "mlops", "dataops",
        "etl", "elt", "pipelines", "pipeline", "warehouse", "warehousing", "lakehouse", "bi", "visualization",
        "visualisation", "design", "design-systems", "architecture", "engineering", "software", "developer-tools",
        "devtools", "dev-tools", "api-first", "inference", "training", "evaluation", "agents", "llmops",
        "networks", "network", "protocols", "cryptography", "crypto", "telecom", "automotive", "aerospace",
        "energy", "climate", "biotech", "medtech", "retail", "media", "advertising", "adtech", "martech",
        "hr-tech", "legaltech", "proptech", "insurtech", "govtech", "nonprofit", "education", "accounting",
        "finance", "billing", "checkout", "subscriptions", "onboarding", "migrations", "migration", "caching",
        "indexing", "queues", "messaging", "scheduling", "orchestration", "containers", "virtualization",
        "monitoring", "alerting", "incident", "on-call", "chaos", "load-testing", "profiling", "benchmarking",
        "refactoring", "modernization", "legacy", "monolith", "interoperability", "localization", "i18n",
        "seo", "cms", "crm", "erp", "ecosystem", "developer-experience", "frontend-infrastructure",
        "computer", "science", "statistics", "mathematics", "physics", "economics", "operations", "supply",
        "chain", "sales", "marketing", "customer", "success", "support", "recruiting", "talent", "people",
        "leadership", "management", "strategy", "partnerships", "consulting");

    /// <summary>Gets roles and job titles.</summary>
    public static FrozenSet<string> Roles { get; } = Set(
        "engineer", "developer", "dev", "programmer", "architect", "manager", "director", "head", "lead",
        "founder", "co-founder", "cofounder", "ceo", "cto", "cpo", "coo", "cfo", "ciso", "vp", "designer",
        "scientist", "researcher", "analyst", "consultant", "contractor", "freelancer", "specialist",
        "administrator", "admin", "maintainer", "contributor", "author", "writer", "advocate", "instructor",
        "teacher", "professor", "lecturer", "student", "intern", "graduate", "recruiter", "marketer", "strategist",
        "advisor", "adviser", "owner", "pm", "tpm", "em", "hacker", "builder", "creator", "entrepreneur",
        "technologist", "practitioner", "officer", "partner", "associate", "coordinator", "principal", "staff",
        "senior", "junior", "sdet", "tester", "operator", "producer", "editor", "speaker", "mentor", "coach",
        "trainer", "investor", "president", "chair", "fellow", "postdoc", "phd", "candidate", "apprentice");

    /// <summary>Gets kinds of software project a repository description names.</summary>
    public static FrozenSet<string> RepoKinds { get; } = Set(
        "library", "lib", "framework", "tool", "toolkit", "cli", "sdk", "api", "client", "server", "service",
        "plugin", "extension", "bot", "app", "application", "parser", "compiler", "engine", "wrapper", "driver",
        "template", "boilerplate", "starter", "action", "package", "module", "utility", "utilities", "generator",
        "dashboard", "runtime", "emulator", "interpreter", "bindings", "implementation", "port", "proxy",
        "scraper", "bundler", "linter", "formatter", "orm", "component", "components", "theme", "collection",
        "list", "dataset", "benchmark", "benchmarks", "demo", "example", "examples", "tutorial", "course", "game",
        "website", "site", "config", "configuration", "dotfiles", "scripts", "script", "workflow", "operator",
        "controller", "daemon", "agent", "shell", "editor", "viewer", "converter", "validator", "analyzer",
        "analyser", "profiler", "debugger", "simulator", "visualizer", "monitor", "exporter", "importer", "sync",
        "scheduler", "queue", "cache", "database", "store", "index", "search", "gateway", "middleware", "adapter",
        "connector", "integration", "sandbox", "playground", "specification", "spec", "protocol", "format",
        "language", "dsl", "kernel", "os", "firmware", "model", "models", "pipeline", "notebook", "notebooks");

    /// <summary>Gets words a profile README uses to say what its owner works on.</summary>
    public static FrozenSet<string> ReadmeTopics { get; } = Set(
        "working", "building", "currently", "learning", "projects", "project", "blog", "contact", "reach",
        "talks", "writing", "maintain", "maintainer", "maintaining", "contributor", "contributing", "open-source",
        "portfolio", "ask", "interests", "stack", "tools", "hobby", "side", "newsletter", "podcast", "speaker",
        "sponsor", "sponsors", "docs", "work", "focus", "built", "created", "author", "hiring", "email",
        "mastodon", "twitter", "linkedin", "website", "publications", "papers", "research");
}
