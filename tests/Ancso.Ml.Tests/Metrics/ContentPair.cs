namespace Ancso.Ml.Tests.Metrics;

/// <summary>Two texts for the same section where <see cref="Better"/> is clearly the better one.</summary>
/// <param name="Name">A short name for the test case.</param>
/// <param name="Platform">The platform.</param>
/// <param name="Section">The section.</param>
/// <param name="Better">The clearly better text.</param>
/// <param name="Worse">The clearly worse text.</param>
public sealed record ContentPair(string Name, string Platform, string Section, string Better, string Worse)
{
    public override string ToString() => $"{Platform}/{Section}: {Name}";
}
