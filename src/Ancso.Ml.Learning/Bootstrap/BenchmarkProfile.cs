
namespace Ancso.Ml.Learning.Bootstrap;

/// <summary>One benchmark profile: a fictional person's texts for every section of one platform.</summary>
internal sealed class BenchmarkProfile(string id, string platform, string role, string seniority, string industry, IReadOnlyDictionary<string, IReadOnlyList<string>> sections)
{
    /// <summary>Gets the profile's id, unique within the corpus (for example <c>gh-001</c>).</summary>
    public string Id { get; } = id;

    /// <summary>Gets the platform (<c>github</c> or <c>linkedin</c>).</summary>
    public string Platform { get; } = platform;

    /// <summary>Gets the person's role, for example <c>backend</c> or <c>developer relations</c>.</summary>
    public string Role { get; } = role;

    /// <summary>Gets the person's seniority, for example <c>intern</c>, <c>senior</c> or <c>principal</c>.</summary>
    public string Seniority { get; } = seniority;

    /// <summary>Gets the person's industry, for example <c>fintech</c> or <c>public sector</c>.</summary>
    public string Industry { get; } = industry;

    /// <summary>Gets the texts of each section, keyed by section name; every section of the platform has at least one text.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Sections { get; } = sections;

    /// <summary>Gets the texts of one section, or an empty list when the profile has none.</summary>
    /// <param name="section">The section name, for example <c>readme</c>.</param>
    /// <returns>The texts.</returns>
    public IReadOnlyList<string> GetTexts(string section) =>
        Sections.TryGetValue(section, out var texts) ? texts : [];

    /// <inheritdoc/>
    public override string ToString() => $"{Id} ({Platform}: {Seniority} {Role}, {Industry})";
}
