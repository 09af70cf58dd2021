
namespace Ancso.Ml.Learning.Bootstrap;

/// <summary>
/// A pure function from a good text to a worse one. Implementations are stateless and thread-safe; all randomness comes
/// from the <see cref="Random"/> passed in, so the same text, section and seed always give the same result.
/// </summary>
internal interface ITextDegradation
{
    /// <summary>Gets the tag recorded with pairs made by this degradation (see <see cref="DegradationTags"/>).</summary>
    string Tag { get; }

    /// <summary>Returns whether this degradation makes sense for a section at all.</summary>
    /// <param name="section">The section name.</param>
    /// <returns><see langword="true"/> when <see cref="Apply"/> may be called for the section.</returns>
    bool AppliesTo(string section);

    /// <summary>Degrades a text.</summary>
    /// <param name="text">The original text.</param>
    /// <param name="section">The section of the text.</param>
    /// <param name="random">The source of randomness.</param>
    /// <returns>The worse text, or the reason this text cannot be degraded this way.</returns>
    DegradationResult Apply(string text, string section, Random random);
}
