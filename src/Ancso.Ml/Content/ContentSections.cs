namespace Ancso.Ml.Content;

/// <summary>The sections the ranker knows by name. Other section names are accepted and treated generically.</summary>
public static class ContentSections
{
    /// <summary>LinkedIn headline: <c>headline</c>.</summary>
    public const string Headline = "headline";

    /// <summary>LinkedIn about section: <c>about</c>.</summary>
    public const string About = "about";

    /// <summary>LinkedIn experience entry or bullet: <c>experience</c>.</summary>
    public const string Experience = "experience";

    /// <summary>GitHub profile bio: <c>bio</c>.</summary>
    public const string Bio = "bio";

    /// <summary>GitHub profile README: <c>readme</c>.</summary>
    public const string Readme = "readme";

    /// <summary>GitHub repository description: <c>repo_description</c>.</summary>
    public const string RepoDescription = "repo_description";

    /// <summary>Gets the sections known for a platform, or an empty list for an unknown platform.</summary>
    /// <param name="platform">The platform name.</param>
    /// <returns>The sections of that platform.</returns>
    public static IReadOnlyList<string> ForPlatform(string platform) => platform switch
    {
        ContentPlatforms.LinkedIn => LinkedIn,
        ContentPlatforms.GitHub => GitHub,
        _ => [],
    };

    private static readonly string[] LinkedIn = [Headline, About, Experience];
    private static readonly string[] GitHub = [Bio, Readme, RepoDescription];
}
