
namespace Ancso.Ml.Learning.Bootstrap;

/// <summary>The built-in degradations, and the one way to apply them (with the check that the result differs enough).</summary>
internal static class TextDegradations
{
    /// <summary>Gets every built-in degradation, one per tag in <see cref="DegradationTags.All"/>, in that order.</summary>
    public static IReadOnlyList<ITextDegradation> All { get; } =
    [
        new VagueDegradation(),
        new BuzzwordsDegradation(),
        new PaddingDegradation(),
        new KeywordStuffingDegradation(),
        new RemovedOutcomesDegradation(),
        new TyposDegradation(),
        new TruncationDegradation(),
        new MixedTensesDegradation(),
        new EmojiNoiseDegradation(),
        new PassiveVoiceDegradation(),
        new InflatedClaimsDegradation(),
        new AllCapsDegradation(),
        new BadgeSpamDegradation(),
        new GenericDegradation(),
        new FirstPersonRambleDegradation(),
        new JargonSoupDegradation(),
        new ResponsibilitiesOnlyDegradation(),
        new ContextFreeNumbersDegradation(),
        new CredentialPaddingDegradation(),
        new LifeStoryDegradation(),
        new AbbreviationSoupDegradation(),
    ];

    /// <summary>
    /// Applies a degradation and rejects a result that is empty or too close to the original
    /// (see <see cref="TextTools.DiffersMeaningfully"/>), reporting why instead.
    /// </summary>
    /// <param name="degradation">The degradation.</param>
    /// <param name="text">The original text.</param>
    /// <param name="section">The section of the text.</param>
    /// <param name="random">The source of randomness.</param>
    /// <returns>The degraded text, or why there is none.</returns>
    public static DegradationResult Apply(ITextDegradation degradation, string text, string section, Random random)
    {
        ArgumentNullException.ThrowIfNull(degradation);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(random);
        if (!degradation.AppliesTo(section))
        {
            return DegradationResult.NotApplicable($"'{degradation.Tag}' does not apply to the '{section}' section");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return DegradationResult.NotApplicable("the text is empty");
        }

        var result = degradation.Apply(text, section, random);
        if (!result.Applied)
        {
            return result;
        }

        var degraded = result.Text!.Trim();
        if (degraded.Length == 0)
        {
            return DegradationResult.NotApplicable("the degraded text would be empty");
        }

        return TextTools.DiffersMeaningfully(text, degraded)
            ? DegradationResult.Degraded(degraded)
            : DegradationResult.NotApplicable("the degraded text would be nearly identical to the original");
    }
}
