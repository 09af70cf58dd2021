namespace Ancso.Ml.Metrics.Scoring;

/// <summary>The sections the analyzer has targets for; anything else is <see cref="Generic"/>.</summary>
internal enum SectionKind
{
    /// <summary>An unknown platform or section.</summary>
    Generic,

    /// <summary>LinkedIn headline.</summary>
    Headline,

    /// <summary>LinkedIn about section.</summary>
    About,

    /// <summary>LinkedIn experience entry or bullet.</summary>
    Experience,

    /// <summary>GitHub profile bio.</summary>
    Bio,

    /// <summary>GitHub profile README.</summary>
    Readme,

    /// <summary>GitHub repository description.</summary>
    RepoDescription,
}
