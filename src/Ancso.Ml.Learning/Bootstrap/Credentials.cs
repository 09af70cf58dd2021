namespace Ancso.Ml.Learning.Bootstrap;

/// <summary>
/// A made-up, profession-neutral record of credentials for <see cref="CredentialPaddingDegradation"/>: two degrees,
/// certificates, courses and a membership, each with a year, in chronological order.
/// </summary>
internal sealed class Credentials
{
    private static readonly string[] CertificateNames =
    [
        "Project Management", "Health and Safety", "First Aid", "Data Protection", "Quality Management", "Customer Service",
        "Lean Six Sigma Yellow Belt", "Leadership and Management", "Risk and Compliance", "Change Management",
        "Coaching and Mentoring", "Operations Management", "Mental Health First Aid", "Equality and Diversity",
    ];

    private static readonly string[] CourseNames =
    [
        "Time Management", "Effective Communication", "Presentation Skills", "Critical Thinking", "Business Writing",
        "Negotiation Skills", "Conflict Resolution", "Advanced Spreadsheets", "Public Speaking", "Strategy Essentials",
        "Introduction to Statistics", "Research Methods", "Digital Marketing Fundamentals", "Finance for Non-Finance Managers",
    ];

    private static readonly (string First, string Second)[] DegreeNames =
        [("BSc", "MSc"), ("BA", "MA"), ("BSc", "MBA"), ("BA", "PGCert"), ("BSc", "PGDip"), ("HND", "BSc")];

    private static readonly string[] Bodies =
    [
        "the Institute of Professional Development", "the National Association of Practitioners", "the Professional Standards Network",
        "the Chartered Institute for Continuing Education", "the Association for Workplace Excellence",
    ];

    private Credentials(IReadOnlyList<string> degrees, IReadOnlyList<string> certificates, IReadOnlyList<string> courses, string membership)
    {
        Degrees = degrees;
        Certificates = certificates;
        Courses = courses;
        Membership = membership;
    }

    /// <summary>Gets the two degrees with their years: "BSc (2008)", "MSc (2011)".</summary>
    public IReadOnlyList<string> Degrees { get; }

    /// <summary>Gets three certificate names with their years: "Project Management (2014)".</summary>
    public IReadOnlyList<string> Certificates { get; }

    /// <summary>Gets three or four course names with their years: "Time Management (2015)".</summary>
    public IReadOnlyList<string> Courses { get; }

    /// <summary>Gets the membership clause: "member since 2012 of the Institute of Professional Development".</summary>
    public string Membership { get; }

    /// <summary>Makes a random record; every year lies between 2004 and 2024.</summary>
    /// <param name="random">The source of randomness.</param>
    /// <returns>The record.</returns>
    public static Credentials Create(Random random)
    {
        var year = 2004 + random.Next(9);
        var (first, second) = TextTools.Pick(random, DegreeNames);
        var degrees = new[] { WithYear(first, year), WithYear(second, year + 2 + random.Next(2)) };
        var membership = $"member since {(year + 3 + random.Next(3)).ToString(CultureInfo.InvariantCulture)} of {TextTools.Pick(random, Bodies)}";
        var certificateYear = year + 4;
        var certificates = CertificateNames.OrderBy(_ => random.Next()).Take(3)
            .Select(c => WithYear(c, certificateYear += 1 + random.Next(2))).ToList();
        var courseYear = year + 5;
        var courses = CourseNames.OrderBy(_ => random.Next()).Take(3 + random.Next(2))
            .Select(c => WithYear(c, courseYear += 1 + random.Next(2))).ToList();
        return new Credentials(degrees, certificates, courses, membership);
    }

    private static string WithYear(string name, int year) => $"{name} ({Math.Min(year, 2024).ToString(CultureInfo.InvariantCulture)})";
}
