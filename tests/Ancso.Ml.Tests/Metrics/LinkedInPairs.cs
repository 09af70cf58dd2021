using Ancso.Ml.Content;

namespace Ancso.Ml.Tests.Metrics;

/// <summary>Hand-written LinkedIn pairs (headline, about, experience) where one text is clearly better.</summary>
public static class LinkedInPairs
{
    private const string L = ContentPlatforms.LinkedIn;

    public static IReadOnlyList<ContentPair> All { get; } =
    [
        new("role and focus vs buzzword headline", L, ContentSections.Headline,
            "Senior Backend Engineer at Stripe | Payments infrastructure in Go and Kafka",
            "Passionate results-driven professional | Team player | Thinking outside the box"),
        new("focused vs stuffed and longer headline", L, ContentSections.Headline,
            "Staff Data Engineer | Building real-time pipelines on Spark, Kafka and Snowflake",
            "Data Engineer | Java | Java | Spring | Java | SQL | AWS | Docker | Kubernetes | Python | Kafka | Spark | Scala | Java"),
        new("plain vs shouting emoji headline", L, ContentSections.Headline,
            "Product Designer at Figma | Design systems and accessibility",
            "DESIGNER!!! 🚀🚀🚀 CREATIVE NINJA 🔥🔥 LOOKING FOR NEW OPPORTUNITIES 💯"),
        new("scoped figure vs inflated figures headline", L, ContentSections.Headline,
            "Engineering Manager | Leading 3 platform teams at Shopify | Reliability and developer experience",
            "Engineering Manager who 10x everything | Increased revenue 1000% | 500% growth hacker | 100x results"),
        new("concrete vs padded sentence headline", L, ContentSections.Headline,
            "iOS Engineer | Swift and SwiftUI | Building health apps used by 2M people",
            "I am a person who is very passionate about technology and I really love to learn various new things every day, etc."),
        new("headline vs one word", L, ContentSections.Headline,
            "Machine Learning Engineer | Search ranking and recommendations with PyTorch",
            "Guru"),
        new("focus vs adjective pile headline", L, ContentSections.Headline,
            "Security Engineer | Cloud security, IAM and incident response on AWS",
            "Dynamic, innovative, visionary, motivated, detail-oriented, hardworking self-starter and go-getter"),
        new("short list vs repeated keywords headline", L, ContentSections.Headline,
            "Frontend Developer | React, TypeScript and web performance",
            "Frontend Developer React TypeScript JavaScript React Redux React Hooks React Native JavaScript Frontend React Developer"),
        new("story vs clichés about", L, ContentSections.About,
            "I build payment infrastructure. For six years I have written backend systems at Stripe and Adyen, mostly in Go "
            + "and PostgreSQL. At Stripe I led the migration of our ledger to an event-sourced design, which cut reconciliation "
            + "time from 6 hours to 20 minutes. I care about boring, reliable systems and clear docs. Right now I am exploring "
            + "smarter payment retries with machine learning. If you build fintech infrastructure, I would be glad to talk.",
            "I am a highly motivated, results-driven professional with a proven track record of success. I am passionate about "
            + "synergy and thinking outside the box. I am a team player and a fast learner who works well under pressure. I love "
            + "to learn new things and make a difference in today's world. I leverage cutting-edge solutions to deliver "
            + "world-class results."),
        new("concise vs longer padded about", L, ContentSections.About,
            "I'm a data engineer who turns messy event streams into tables analysts trust. At Spotify I built the "
            + "Kafka-to-BigQuery pipeline that now carries 4 billion events a day, and I cut its monthly cost by 35% by moving "
            + "batch jobs to Dataflow. Before that I spent three years at a healthtech startup building ETL for clinical trials. "
            + "I write about data quality on my blog and mentor junior engineers.",
            "In today's world, data is very important. In order to succeed, companies need to use data in various different "
            + "ways. I have worked with many different tools and technologies over the years, such as various databases, various "
            + "cloud platforms, and various other things, etc. I basically believe that data is really the key to success and "
            + "that at the end of the day, what matters is the results. I am someone who is always trying to learn and grow, and "
            + "I think that I am a good fit for many different kinds of roles. I have done lots of projects and helped with lots "
            + "of things. I was responsible for many tasks and I was involved in many initiatives. Needless to say, I am very "
            + "passionate about what I do, and I really try to give my best every single day in order to make a difference. I am "
            + "a person who likes to think outside the box and I am a team player."),
        new("supported vs inflated figures about", L, ContentSections.About,
            "I lead a platform team of 8 engineers at Zalando. We run the Kubernetes clusters behind 300 services and own the "
            + "deploy pipeline. Last year we moved every team to Argo CD and cut the median deploy from 25 minutes to 7. I "
            + "like teaching, so I run our internal SRE course.",
            "I increased revenue 1000%, grew users 5000% and made our team 50x more productive. I 10x everything I touch. "
            + "100% commitment, 110% effort, 24/7, 365 days a year. 1000x impact, 500% growth, 200x results. Numbers don't lie."),
        new("plain vs all caps about", L, ContentSections.About,
            "I'm a product designer focused on accessibility. At Atlassian I redesigned the Jira issue view with screen-reader "
            + "users, which raised task completion for them by 18%. I work closely with engineers and prototype in Figma and "
            + "React. Outside work I teach a design course at a community college.",
            "I'M A PRODUCT DESIGNER FOCUSED ON ACCESSIBILITY. AT ATLASSIAN I REDESIGNED THE JIRA ISSUE VIEW WITH SCREEN-READER "
            + "USERS, WHICH RAISED TASK COMPLETION FOR THEM BY 18%. I WORK CLOSELY WITH ENGINEERS AND PROTOTYPE IN FIGMA AND "
            + "REACT. OUTSIDE WORK I TEACH A DESIGN COURSE AT A COMMUNITY COLLEGE."),
        new("prose vs keyword wall about", L, ContentSections.About,
            "I'm a backend engineer who likes hard data problems. At Booking.com I built the pricing service in Java and "
            + "Kafka that updates 2 million hotel rates an hour. I have also shipped internal tools in Python and React, and I "
            + "enjoy pairing with analysts on SQL performance.",
            "Skills: Java, Spring, Spring Boot, Hibernate, Kafka, Docker, Kubernetes, AWS, GCP, Azure, Terraform, Jenkins, Git, "
            + "Linux, Python, Go, React, Angular, Vue, SQL, MongoDB, Redis, Elasticsearch, Microservices, REST, GraphQL, Agile, "
            + "Scrum, CI/CD, DevOps, TypeScript, Node.js, Kotlin, Scala, Spark, Hadoop, Airflow, Snowflake, Tableau"),
        new("about vs one line", L, ContentSections.About,
            "I'm a mobile engineer at Duolingo. I build the iOS lesson engine in Swift and lead our work on offline mode, which "
            + "now serves 5 million learners a month. Before Duolingo I shipped three apps for a health startup. I like small "
            + "teams, fast feedback and well-tested code.",
            "Software engineer."),
        new("plain vs emoji spam about", L, ContentSections.About,
            "I'm a frontend engineer who cares about fast, accessible interfaces. At Shopify I rebuilt the checkout page in "
            + "React and cut its load time from 3.1 s to 1.4 s. I write about web performance and speak at local meetups.",
            "🚀 Frontend wizard 🧙 🔥🔥🔥 I love coding 💻💻💻 and coffee ☕☕☕ 🎉🎉 Let's connect 🤝🤝🤝 Dream big 🌟🌟🌟 "
            + "Never give up 💪💪💪 #frontend #react #javascript #webdev #coding #developer #tech"),
        new("outcome vs weak bullet", L, ContentSections.Experience,
            "Led the migration of 40 services from a monolith to Kubernetes, cutting deploy time from 45 minutes to 6.",
            "Responsible for working on various projects and helping the team with different tasks as needed."),
        new("active vs passive bullet", L, ContentSections.Experience,
            "Reduced p99 checkout latency from 480 ms to 120 ms by adding a Redis cache and rewriting the pricing query.",
            "Was involved in performance improvements. Latency was reduced significantly by the team."),
        new("concrete vs inflated bullets", L, ContentSections.Experience,
            "- Built a fraud-scoring service in Go handling 3,000 requests per second\n"
            + "- Cut false positives by 22% with a gradient-boosted model\n"
            + "- Mentored 4 engineers",
            "- Increased revenue 1000%\n- 10x everything\n- Improved performance by 5000%\n- Saved $100B\n- 100x productivity"),
        new("shipped vs helped bullets", L, ContentSections.Experience,
            "Shipped the Android app's offline mode, used by 1.2M monthly active users.",
            "Worked on the Android app. Helped with offline mode. Participated in meetings and code reviews. Assisted the team "
            + "with various tasks, etc."),
        new("concrete vs buzzword bullet", L, ContentSections.Experience,
            "Designed and launched a self-serve billing portal in React and .NET that reduced support tickets by 30%.",
            "Synergized cross-functional stakeholders to leverage best-in-class solutions and drive world-class outcomes."),
        new("sentence vs keyword wall bullet", L, ContentSections.Experience,
            "Automated nightly data validation with Airflow and dbt, catching 95% of schema breaks before they reached dashboards.",
            "Java, Python, SQL, Airflow, dbt, Spark, Kafka, AWS, Docker, Kubernetes, Terraform, Git, Jenkins"),
        new("direct vs long passive entry", L, ContentSections.Experience,
            "Hired and managed a team of 6 engineers. We rebuilt the search index and doubled click-through in two quarters.",
            "I was given the task of managing a team and the search index was rebuilt and the click-through was improved by "
            + "the team over the course of the year which was a very big project that was handled by many people in various "
            + "departments and was considered a success by everyone involved in it."),
    ];
}
