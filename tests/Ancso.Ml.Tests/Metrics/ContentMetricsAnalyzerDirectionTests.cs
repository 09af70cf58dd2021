using Ancso.Ml.Content;
using Ancso.Ml.Metrics;

namespace Ancso.Ml.Tests.Metrics;

/// <summary>Each metric moves the right way between two texts that differ in one clear respect.</summary>
public class ContentMetricsAnalyzerDirectionTests
{
    private readonly ContentMetricsAnalyzer _analyzer = new();

    private ContentMetrics Experience(string text) => _analyzer.Analyze(ContentPlatforms.LinkedIn, ContentSections.Experience, text);

    private ContentMetrics About(string text) => _analyzer.Analyze(ContentPlatforms.LinkedIn, ContentSections.About, text);

    [Test]
    public void Clarity_PassiveVoice_IsLower()
    {
        var active = Experience("We shipped the new billing API in March and migrated every customer to it within two weeks.");
        var passive = Experience("The new billing API was shipped in March and every customer was migrated to it within two weeks.");

        Assert.That(passive.Clarity, Is.LessThan(active.Clarity));
    }

    [Test]
    public void Clarity_HedgesAndFiller_IsLower()
    {
        var plain = About("I build data pipelines in Python for the finance team.");
        var padded = About("I basically kind of build, in order to help, various data pipelines and stuff in Python for the finance team, etc.");

        Assert.That(padded.Clarity, Is.LessThan(plain.Clarity));
    }

    [Test]
    public void Clarity_AllCaps_IsLower()
    {
        const string text = "I build data pipelines in Python for the finance team.";

        Assert.That(About(text.ToUpperInvariant()).Clarity, Is.LessThan(About(text).Clarity - 0.2f));
    }

    [Test]
    public void Clarity_EmojiSpam_IsLower()
    {
        var plain = _analyzer.Analyze("github", ContentSections.Bio, "Backend engineer. Go and Postgres.");
        var spam = _analyzer.Analyze("github", ContentSections.Bio, "Backend engineer 🚀🚀🔥🔥💯💯. Go and Postgres 🎉🎉🎉.");

        Assert.That(spam.Clarity, Is.LessThan(plain.Clarity - 0.2f));
    }

    [Test]
    public void Clarity_KeywordWall_IsLower()
    {
        var prose = Experience("Built the order service in Java and Kafka and moved it to Kubernetes on AWS.");
        var wall = Experience("Java, Kafka, Kubernetes, AWS, Docker, Spring, Redis, Terraform, Git, Linux, SQL, Python");

        Assert.That(wall.Clarity, Is.LessThan(prose.Clarity));
    }

    [Test]
    public void Impact_ActionVerbAndOutcome_IsHigher()
    {
        var strong = Experience("Reduced checkout latency by 40% by caching prices in Redis.");
        var weak = Experience("Responsible for checkout latency and caching.");

        Assert.That(strong.Impact, Is.GreaterThan(weak.Impact + 0.3f));
    }

    [Test]
    public void Impact_FromToComparison_IsHigherThanClaimAlone()
    {
        var measured = Experience("Cut p99 latency from 480 ms to 120 ms.");
        var claimed = Experience("Cut p99 latency a lot.");

        Assert.That(measured.Impact, Is.GreaterThan(claimed.Impact));
    }

    [Test]
    public void Impact_ImplausiblePercentage_IsLowerThanPlausible()
    {
        var plausible = Experience("Increased revenue 30% in two quarters.");
        var implausible = Experience("Increased revenue 1000% in two quarters.");

        Assert.That(implausible.Impact, Is.LessThan(plausible.Impact - 0.3f));
    }

    [Test]
    public void Impact_MultiplierOfNothing_IsLowerThanScopedMultiplier()
    {
        var scoped = Experience("Made CI builds 3x faster by caching Docker layers.");
        var vague = Experience("Made everything 10x better, 10x everything.");

        Assert.That(vague.Impact, Is.LessThan(scoped.Impact));
    }

    [Test]
    public void Impact_WeakVerbs_IsLower()
    {
        var owned = Experience("Built the payments dashboard in React.");
        var helped = Experience("Helped with the payments dashboard and assisted the team with React.");

        Assert.That(helped.Impact, Is.LessThan(owned.Impact));
    }

    [Test]
    public void KeywordScore_RepeatedKeyword_IsLower()
    {
        var focused = _analyzer.Analyze("linkedin", ContentSections.Headline, "Java and Spring backend engineer");
        var stuffed = _analyzer.Analyze("linkedin", ContentSections.Headline, "Java Java Spring Java engineer Java");

        Assert.That(stuffed.KeywordScore, Is.LessThan(focused.KeywordScore / 2));
    }

    [Test]
    public void KeywordScore_CommaSeparatedWall_IsLowerThanProseWithFewerKeywords()
    {
        var prose = About("I'm a backend engineer. I build payment APIs in Go and PostgreSQL, and I run them on Kubernetes.");
        var wall = About("Go, PostgreSQL, Kubernetes, Java, Spring, Kafka, AWS, GCP, Azure, Docker, Terraform, Redis, React, Python, Rust");

        Assert.That(wall.KeywordScore, Is.LessThan(prose.KeywordScore));
    }

    [Test]
    public void KeywordScore_SectionVocabulary_IsHigherThanNone()
    {
        var vocabulary = _analyzer.Analyze("github", ContentSections.Bio, "Compiler engineer working on LLVM and Rust tooling.");
        var none = _analyzer.Analyze("github", ContentSections.Bio, "Likes long walks and good coffee.");

        Assert.That(vocabulary.KeywordScore, Is.GreaterThan(none.KeywordScore + 0.5f));
    }

    [Test]
    public void Specificity_NamedToolsAndFigures_IsHigher()
    {
        var concrete = Experience("Built a Go service on Kafka and PostgreSQL that handles 3,000 requests per second for 12 merchants.");
        var generic = Experience("Built a service using various technologies that handles lots of requests for many clients.");

        Assert.That(concrete.Specificity, Is.GreaterThan(generic.Specificity + 0.3f));
    }

    [Test]
    public void Specificity_NumbersWithoutContext_DoNotRaiseIt()
    {
        var plain = Experience("Improved the onboarding flow for new merchants.");
        var numbered = Experience("Improved the onboarding flow 12 34 for new merchants 56 78.");

        Assert.That(numbered.Specificity, Is.LessThanOrEqualTo(plain.Specificity));
    }

    [Test]
    public void Specificity_FiguresBeyondTheCap_AddLittle()
    {
        var bio = (string text) => _analyzer.Analyze("github", ContentSections.Bio, text).Specificity;
        var none = bio("Go developer who writes small tools.");
        var two = bio("Go developer. 12 repos, 3 talks.");
        var seven = bio("Go developer. 12 repos, 3 talks, 40 stars, 9 packages, 7 apps, 5 countries, 2 books.");

        Assert.Multiple(() =>
        {
            Assert.That(two, Is.GreaterThan(none));
            Assert.That(seven - two, Is.LessThan((two - none) / 2));
        });
    }

    [Test]
    public void Readability_LongConvolutedSentence_IsLower()
    {
        var simple = About("I build payment systems. I like clear code. I write tests first. I enjoy teaching new engineers.");
        var convoluted = About(
            "Notwithstanding considerable organizational complexity, I systematically conceptualized, operationalized and "
            + "institutionalized comprehensive interdepartmental methodologies, simultaneously facilitating multidimensional "
            + "infrastructural modernization initiatives, accommodating heterogeneous stakeholder requirements, prioritizing "
            + "sustainability considerations and continuously reevaluating architectural responsibilities across innumerable "
            + "geographically distributed organizational subdivisions.");

        Assert.That(convoluted.Readability, Is.LessThan(simple.Readability - 0.4f));
    }

    [Test]
    public void HeuristicScore_BuzzwordWall_IsLowerThanPlainConcreteText()
    {
        var concrete = About("I build billing systems at Stripe in Go. Last year I cut failed invoice retries by 18%.");
        var buzz = About(
            "Passionate, results-driven, innovative, dynamic visionary and team player. Synergy-focused thought leader who "
            + "thinks outside the box, leverages cutting-edge, world-class, best-in-class solutions and is a go-getter ninja.");

        Assert.That(HeuristicScorer.Score(buzz), Is.LessThan(HeuristicScorer.Score(concrete) - 0.3f));
    }

    [Test]
    public void HeuristicScore_BadgeOnlyReadme_IsLowerThanReadmeSayingWhatThePersonBuilds()
    {
        var readme = (string text) => HeuristicScorer.Score(_analyzer.Analyze("github", ContentSections.Readme, text));
        var says = readme(
            "# Hi, I'm Lee\n\nI build open-source observability tools in Rust.\n\n## Projects\n"
            + "- **tracetail**: tails OpenTelemetry traces in your terminal\n- **promlint**: lints Prometheus rules in CI\n\n"
            + "Say hi on [Mastodon](https://hachyderm.io/@lee).");
        var badges = readme(
            "![Rust](https://img.shields.io/badge/Rust-000?logo=rust) ![Go](https://img.shields.io/badge/Go-00ADD8?logo=go)\n"
            + "![Linux](https://img.shields.io/badge/Linux-FCC624?logo=linux) ![Docker](https://img.shields.io/badge/Docker-2496ED)\n"
            + "![stats](https://github-readme-stats.vercel.app/api?username=lee)");

        Assert.That(badges, Is.LessThan(says - 0.4f));
    }
}
