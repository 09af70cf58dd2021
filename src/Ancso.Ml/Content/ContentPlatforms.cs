namespace Ancso.Ml.Content;

/// <summary>The platforms the ranker knows by name. Other platform names are accepted and treated generically.</summary>
public static class ContentPlatforms
{
    /// <summary>GitHub: <c>github</c>.</summary>
    public const string GitHub = "github";

    /// <summary>LinkedIn: <c>linkedin</c>.</summary>
    public const string LinkedIn = "linkedin";

    /// <summary>Gets the known platforms.</summary>
    public static IReadOnlyList<string> All { get; } = [GitHub, LinkedIn];
}
