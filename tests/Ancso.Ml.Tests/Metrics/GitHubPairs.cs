using Ancso.Ml.Content;

namespace Ancso.Ml.Tests.Metrics;

/// <summary>Hand-written GitHub pairs (bio, README, repository description) where one text is clearly better.</summary>
public static class GitHubPairs
{
    private const string G = ContentPlatforms.GitHub;

    private const string StrongReadme =
        "# Hi, I'm Ana 👋\n\n"
        + "I'm a backend engineer at Stripe working on payment APIs in Go and PostgreSQL.\n\n"
        + "## What I'm working on\n"
        + "- **ledger-sync**: a CLI that reconciles Stripe payouts with your accounting system\n"
        + "- Contributing to the OpenTelemetry Go SDK\n\n"
        + "## Writing\n"
        + "I blog about distributed systems at [ana.dev](https://ana.dev).\n\n"
        + "## Contact\n"
        + "Reach me on [Mastodon](https://hachyderm.io/@ana).";

    public static IReadOnlyList<ContentPair> All { get; } =
    [
        new("role and stack vs emoji bio", G, ContentSections.Bio,
            "Backend engineer at Shopify. Go, Postgres and distributed systems.",
            "🚀🚀🚀 Code ninja 🔥 Rockstar dev 💯💯 Coffee ☕☕☕"),
        new("focus vs empty bio", G, ContentSections.Bio,
            "Compiler engineer working on LLVM and Rust tooling.",
            "I code stuff."),
        new("focus vs stuffed bio", G, ContentSections.Bio,
            "Data scientist at Spotify. NLP, recommendations, PyTorch.",
            "Data scientist | Python | Python | ML | Python | AI | ML | Python | Data | AI | Python"),
        new("short vs long padded bio", G, ContentSections.Bio,
            "Maintainer of FastAPI plugins. Python, async and API design.",
            "I am a passionate and highly motivated software developer who loves to code and learn new things every day and I "
            + "am always trying to improve myself in order to become the best developer in the world, etc. etc."),
        new("focus vs inflated bio", G, ContentSections.Bio,
            "Security researcher. Fuzzing, browser exploits and Linux kernel bugs.",
            "10x developer. 1000% passion. 100x productivity. 24/7."),
        new("plain vs shouting bio", G, ContentSections.Bio,
            "Frontend engineer at Vercel working on Next.js performance.",
            "FULL STACK DEVELOPER. JAVA. PYTHON. REACT. HIRE ME NOW!!!"),
        new("specific vs vague bio", G, ContentSections.Bio,
            "iOS developer building accessible apps in Swift.",
            "Just a guy who likes computers and stuff and things."),
        new("prose vs badge-only readme", G, ContentSections.Readme,
            StrongReadme,
            "![Python](https://img.shields.io/badge/-Python-3776AB?style=flat&logo=python)\n"
            + "![Go](https://img.shields.io/badge/-Go-00ADD8?style=flat&logo=go)\n"
            + "![Java](https://img.shields.io/badge/-Java-007396?style=flat&logo=java)\n"
            + "![Docker](https://img.shields.io/badge/-Docker-2496ED?style=flat&logo=docker)\n"
            + "![Kubernetes](https://img.shields.io/badge/-Kubernetes-326CE5?style=flat&logo=kubernetes)\n"
            + "![AWS](https://img.shields.io/badge/-AWS-232F3E?style=flat&logo=amazonaws)\n"
            + "![React](https://img.shields.io/badge/-React-61DAFB?style=flat&logo=react)\n"
            + "![Postgres](https://img.shields.io/badge/-PostgreSQL-4169E1?style=flat&logo=postgresql)\n"
            + "![Redis](https://img.shields.io/badge/-Redis-DC382D?style=flat&logo=redis)\n"
            + "![Stats](https://github-readme-stats.vercel.app/api?username=ana&show_icons=true)\n"
            + "![Top langs](https://github-readme-stats.vercel.app/api/top-langs/?username=ana)\n"
            + "![Visitors](https://komarev.com/ghpvc/?username=ana)"),
        new("prose vs html decoration readme", G, ContentSections.Readme,
            StrongReadme,
            "<p align=\"center\"><img src=\"https://capsule-render.vercel.app/api?type=waving&color=gradient&height=200\"/></p>\n"
            + "<h1 align=\"center\">Hi 👋</h1>\n"
            + "<p align=\"center\"><img src=\"https://readme-typing-svg.herokuapp.com?lines=Developer;Coder;Dreamer\"/></p>\n"
            + "<p align=\"center\">\n"
            + "<a href=\"https://linkedin.com/in/ana\"><img src=\"https://img.shields.io/badge/LinkedIn-0077B5?style=for-the-badge\"/></a>\n"
            + "<a href=\"https://twitter.com/ana\"><img src=\"https://img.shields.io/badge/Twitter-1DA1F2?style=for-the-badge\"/></a>\n"
            + "<a href=\"mailto:ana@example.com\"><img src=\"https://img.shields.io/badge/Gmail-D14836?style=for-the-badge\"/></a>\n"
            + "</p>\n"
            + "<p align=\"center\"><img src=\"https://github-readme-stats.vercel.app/api?username=ana\"/></p>"),
        new("prose vs buzzword readme", G, ContentSections.Readme,
            StrongReadme,
            "# About me\n\nI'm a passionate, results-driven, innovative developer and a team player who thinks outside the box. "
            + "I love synergy and cutting-edge, world-class solutions. Rockstar coder, ninja, guru. I leverage best-in-class "
            + "technologies to deliver game-changing, next-generation, revolutionary experiences."),
        new("prose vs emoji spam readme", G, ContentSections.Readme,
            StrongReadme,
            "🔥🔥🔥 Welcome!!! 🚀🚀🚀\n💻💻 I code 💻💻\n🎉🎉🎉 Thanks for visiting 🎉🎉🎉\n⭐⭐⭐ Star my repos ⭐⭐⭐\n"
            + "😎😎 Cool stuff coming soon 😎😎"),
        new("prose vs keyword stuffed readme", G, ContentSections.Readme,
            StrongReadme,
            "# Skills\nJava Java Java Spring Spring Java Python Python Java JavaScript Java React Java\n"
            + "## Tools\nJava, Spring, Java, Docker, Java, Kubernetes, Java, Spring, Java\n"
            + "## Languages\nJava Python Java JavaScript Java TypeScript Java"),
        new("readme vs greeting only", G, ContentSections.Readme,
            StrongReadme,
            "Hi"),
        new("concise vs long padded readme", G, ContentSections.Readme,
            "# Tomás Silva\n\nI build data tools for climate scientists at the Met Office, mostly in Python and Rust.\n\n"
            + "## Projects\n- **gridflow**: streams NetCDF grids into Parquet, 4x faster than our old xarray scripts\n"
            + "- **stationlint**: validates weather-station CSV files before ingestion\n\n"
            + "## Talks\n- PyData London 2023: Cheap reproducible climate pipelines\n\n"
            + "More at [tomas.dev](https://tomas.dev).",
            "# Welcome to my GitHub profile\n\n"
            + "Hello and welcome to my GitHub profile, thank you so much for visiting it. In order to tell you about myself, I "
            + "would like to say that I am a person who really loves technology and I am someone who is always trying to learn "
            + "various different things, such as programming, coding, software, and other things, etc. At the end of the day, "
            + "I basically believe that coding is very important in today's world and that it is really the key to success. "
            + "I have worked on many different projects and I was involved in lots of things over the years, and I think that "
            + "I have learned a lot of things from all of them. Needless to say, I am very passionate about what I do and I "
            + "always try to give my best. I am a team player and a fast learner who likes to think outside the box. Thanks "
            + "again for visiting my profile and I hope that you have a really great day, and feel free to look around at "
            + "various stuff and things that I have done and so on."),
        new("what it does vs hype description", G, ContentSections.RepoDescription,
            "Fast JSON schema validator for .NET with source-generated validators.",
            "My awesome project!!! 🚀🚀🚀"),
        new("what it does vs nothing", G, ContentSections.RepoDescription,
            "CLI that syncs Stripe payouts into QuickBooks, written in Go.",
            "A repo."),
        new("scoped vs superlative description", G, ContentSections.RepoDescription,
            "Rust library for parsing and rewriting SQL queries, with a Postgres dialect.",
            "The best, most amazing, world-class, cutting-edge, revolutionary, next-generation library ever made, 1000% faster "
            + "than everything, 100x better than all the others!"),
        new("sentence vs repeated keywords description", G, ContentSections.RepoDescription,
            "Terraform modules for running Kafka on AWS with TLS and IAM auth.",
            "terraform kafka aws tls iam terraform aws kafka module terraform aws kafka terraform"),
        new("purpose vs padded description", G, ContentSections.RepoDescription,
            "Browser extension that blocks tracking pixels in Gmail.",
            "This is a project that I made in order to learn various things and stuff, and it basically does many different "
            + "things, etc."),
        new("measured vs inflated description", G, ContentSections.RepoDescription,
            "Benchmarks comparing gRPC and REST latency in .NET 8.",
            "10x faster 100x better 1000% more performant"),
        new("plain vs shouting description", G, ContentSections.RepoDescription,
            "Minimal Python client for the OpenAI API with retries and streaming.",
            "PYTHON OPENAI CLIENT!!!!! BEST EVER!!!"),
    ];
}
