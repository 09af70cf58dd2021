using Ancso.Ml.Metrics.Analysis;
using Ancso.Ml.Metrics.Lexicon;

namespace Ancso.Ml.Tests.Metrics.Analysis;

public class TextScannerTests
{
    private const WordClass Keywords = WordClass.Tech | WordClass.Domain | WordClass.Role;

    private static TextStats Scan(string text, int keywordRepeats = 2) => TextScanner.Scan(text, Keywords, keywordRepeats);

    [Test]
    public void Scan_Sentences_SplitOnEndPunctuationButNotAbbreviationsOrDecimals()
    {
        var stats = Scan("I use tools, e.g. Terraform and Go 1.22 daily. It works! Does it? Yes… J. Smith agrees.");

        Assert.That(stats.Sentences, Is.EqualTo(5));
    }

    [TestCase("Tools, e.g. Terraform and Go.", 1)]
    [TestCase("Kafka vs. RabbitMQ for events.", 1)]
    [TestCase("Mentored by Dr. Smith.", 1)]
    [TestCase("Docs, tests, etc. and more.", 1)]
    [TestCase("Docs, tests, etc. Shipped it.", 2)]
    [TestCase("Cut latency to 120 ms. Shipped it.", 2)]
    public void Scan_AbbreviationPeriod_EndsASentenceOnlyWhereOneCanEnd(string text, int sentences)
    {
        var stats = Scan(text);

        Assert.That(stats.Sentences, Is.EqualTo(sentences));
    }

    [Test]
    public void Scan_LinesWithoutPunctuation_EachStartASentenceUnlessContinuedInLowerCase()
    {
        var stats = Scan("Led the migration to Kubernetes\nCut deploy time in half\nthis line continues the previous one");

        Assert.Multiple(() =>
        {
            Assert.That(stats.Sentences, Is.EqualTo(2));
            Assert.That(stats.ActionLeads, Is.EqualTo(2));
        });
    }

    [Test]
    public void Scan_MarkdownStructure_CountsHeadingsBulletsParagraphsAndLinks()
    {
        var stats = Scan("# Title\n\nSome prose here.\n\n## Projects\n- one [site](https://a.dev)\n* two\n1. three\n\n```\nvar x = 1;\n```\nhttps://b.dev");

        Assert.Multiple(() =>
        {
            Assert.That(stats.HeadingLines, Is.EqualTo(2));
            Assert.That(stats.BulletLines, Is.EqualTo(3));
            Assert.That(stats.Links, Is.EqualTo(2));
            Assert.That(stats.Paragraphs, Is.EqualTo(4), "title, prose, the projects list, the URL after the code block");
            Assert.That(stats.CodeChars, Is.GreaterThan(10));
        });
    }

    [Test]
    public void Scan_BadgesAndImages_AreMarkupNotWords()
    {
        var stats = Scan("![Go](https://img.shields.io/badge/Go-00ADD8) [![CI](https://github.com/a/b/badge.svg)](https://github.com/a/b) ![shot](docs/shot.png) <img src=\"https://img.shields.io/x\"/>");

        Assert.Multiple(() =>
        {
            Assert.That(stats.Badges, Is.EqualTo(3));
            Assert.That(stats.Images, Is.EqualTo(1));
            Assert.That(stats.Words, Is.Zero);
            Assert.That(stats.MarkupChars, Is.GreaterThan(100));
        });
    }

    [Test]
    public void Scan_PassiveVoice_CountsBeFormsWithParticiples()
    {
        var stats = Scan("The API was built by the team. The cache is not maintained. I am based in Berlin. We were quickly rewritten. I was excited.");

        Assert.That(stats.Passives, Is.EqualTo(3));
    }

    [Test]
    public void Scan_ActionVerbs_CountsFormsAndSentenceLeads()
    {
        var stats = Scan("Led 12 engineers. I shipped the app. We are migrating services. The design team leads reviews. Automates releases.");

        Assert.Multiple(() =>
        {
            Assert.That(stats.ActionVerbs, Is.EqualTo(4), "Led, shipped, migrating, Automates; \"leads\" is noun-like (team leads)");
            Assert.That(stats.ActionLeads, Is.EqualTo(3), "Led, (I) shipped, Automates; not after \"We are\"");
        });
    }

    [Test]
    public void Scan_Figures_AreJudgedByWhatTheyCount()
    {
        var stats = Scan(
            "Cut p99 latency from 480 ms to 120 ms. Grew revenue 40% to $2M. Led 12 engineers. Built 3x faster builds. "
            + "Increased revenue 1000%. We 10x everything. A 50x engineer. Since 2019 we did 7 things. Runs on .NET 8.");

        Assert.Multiple(() =>
        {
            Assert.That(stats.Quantified, Is.EqualTo(6), "480 ms, 120 ms, 40%, $2M, 12 engineers, 3x faster");
            Assert.That(stats.Comparisons, Is.EqualTo(1));
            Assert.That(stats.Inflated, Is.EqualTo(3), "1000%, 10x everything, 50x");
            Assert.That(stats.Years, Is.EqualTo(1));
            Assert.That(stats.BareNumbers, Is.EqualTo(1), "7 things");
            Assert.That(stats.Versions, Is.EqualTo(1), ".NET 8");
            Assert.That(stats.Outcomes, Is.GreaterThanOrEqualTo(4));
        });
    }

    [Test]
    public void Scan_StyleLexicons_CountBuzzwordsClichesFillerHedgesAndWeakVerbs()
    {
        var stats = Scan("I am a person who is a passionate team player. In order to grow I basically helped with various things, etc. Kind of.");

        Assert.Multiple(() =>
        {
            Assert.That(stats.FillerPhrases, Is.EqualTo(2), "I am a person who; in order to");
            Assert.That(stats.Cliches, Is.EqualTo(1), "team player");
            Assert.That(stats.Buzzwords, Is.GreaterThanOrEqualTo(1), "passionate");
            Assert.That(stats.Hedges, Is.GreaterThanOrEqualTo(2), "basically; kind of");
            Assert.That(stats.WeakVerbs, Is.GreaterThanOrEqualTo(2), "helped; helped with");
            Assert.That(stats.Vague, Is.GreaterThanOrEqualTo(2), "various; things; etc");
        });
    }

    [TestCase("Think outside the box.", 1, 0)]
    [TestCase("Ready to take it to the next level.", 1, 0)]
    [TestCase("I am a person who ships.", 0, 1)]
    [TestCase("A person who ships.", 0, 1)]
    public void Scan_PhraseEndingInsideALongerOne_CountsOnce(string text, int cliches, int fillerPhrases)
    {
        var stats = Scan(text);

        Assert.Multiple(() =>
        {
            Assert.That(stats.Cliches, Is.EqualTo(cliches));
            Assert.That(stats.FillerPhrases, Is.EqualTo(fillerPhrases));
        });
    }

    [TestCase("Latency 120 after the fix.", 1, 0)]
    [TestCase("Uptime: 99.9 this year.", 1, 0)]
    [TestCase("Users: 40 at launch.", 1, 0)]
    [TestCase("Users 40 at launch.", 0, 1)]
    [TestCase("Merchants: 56 78 at launch.", 1, 1)]
    [TestCase("Onboarded new merchants 56 78.", 0, 2)]
    [TestCase("Served 40 for new merchants.", 0, 1)]
    [TestCase("Grew to 40 new merchants.", 1, 0)]
    [TestCase("Grew to 40 talented engineers.", 1, 0)]
    [TestCase("Latency\n120 on the next line.", 0, 1)]
    public void Scan_FigureNextToAWord_QuantifiedOnlyWhenThatWordSaysWhatItCounts(string text, int quantified, int bare)
    {
        var stats = Scan(text);

        Assert.Multiple(() =>
        {
            Assert.That(stats.Quantified, Is.EqualTo(quantified), "quantified");
            Assert.That(stats.BareNumbers, Is.EqualTo(bare), "bare");
        });
    }

    [Test]
    public void Scan_FiguresAfterATechnology_OnlyTheFirstIsAVersion()
    {
        var stats = Scan("Moved from Java 17 21 to Go.");

        Assert.Multiple(() =>
        {
            Assert.That(stats.Versions, Is.EqualTo(1));
            Assert.That(stats.BareNumbers, Is.EqualTo(1));
        });
    }

    [Test]
    public void Scan_KeywordStuffing_CountsRepeatsBeyondAllowanceAndAdjacentDuplicates()
    {
        var stats = Scan("Java Java Spring Java", keywordRepeats: 1);

        Assert.Multiple(() =>
        {
            Assert.That(stats.DistinctKeywords, Is.EqualTo(2));
            Assert.That(stats.KeywordTokens, Is.EqualTo(4));
            Assert.That(stats.KeywordExcess, Is.EqualTo(2));
            Assert.That(stats.AdjacentRepeats, Is.EqualTo(1));
        });
    }

    [Test]
    public void Scan_CommaSeparatedList_IsOneLongRunOfShortSegments()
    {
        var stats = Scan("Skills: Java, Spring Boot, Kafka, Docker, AWS, React, SQL. I also write.");

        Assert.That(stats.MaxShortSegmentRun, Is.EqualTo(9));
    }

    [Test]
    public void Scan_TechnologyTokens_KeepSymbolsAndDots()
    {
        var stats = Scan("C# and C++ and F# on .NET with Node.js and ASP.NET");

        Assert.That(stats.DistinctTech, Is.EqualTo(6));
    }

    [Test]
    public void Scan_ShoutingEmojiAndHashtags_AreCounted()
    {
        var stats = Scan("HIRE ME NOW!!! AWS expert 🚀🔥 ⭐ #java #opentowork");

        Assert.Multiple(() =>
        {
            Assert.That(stats.ShoutWords, Is.EqualTo(2), "HIRE, NOW; not ME (too short), not AWS (acronym)");
            Assert.That(stats.Emoji, Is.EqualTo(3));
            Assert.That(stats.Exclamations, Is.EqualTo(3));
            Assert.That(stats.Hashtags, Is.EqualTo(2));
        });
    }

    [Test]
    public void Scan_Ideographs_CountAsWordsAndNumbersStayNumbers()
    {
        var stats = Scan("我用Go构建了系统，把时间从6小时缩短到20分钟。");

        Assert.Multiple(() =>
        {
            Assert.That(stats.Words, Is.GreaterThan(15));
            Assert.That(stats.Numbers, Is.EqualTo(2));
            Assert.That(stats.DistinctTech, Is.EqualTo(1));
            Assert.That(stats.Sentences, Is.EqualTo(1));
        });
    }

    [Test]
    public void Scan_ProperNounsMidSentence_CountedOnce()
    {
        var stats = Scan("At Stripe I built tools. Later Stripe and Adyen adopted them.");

        Assert.That(stats.DistinctProperNouns, Is.EqualTo(2));
    }

    [Test]
    public void Scan_VeryLongText_KeepsTheWordTableBounded()
    {
        var words = Enumerable.Range(0, 200_000).Select(i => "w" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var stats = Scan(string.Join(' ', words));

        Assert.Multiple(() =>
        {
            Assert.That(stats.Words, Is.EqualTo(200_000));
            Assert.That(stats.DistinctContent, Is.LessThanOrEqualTo(WordTable.MaxSize));
        });
    }
}
