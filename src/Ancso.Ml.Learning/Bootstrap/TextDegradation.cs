
namespace Ancso.Ml.Learning.Bootstrap;

/// <summary>
/// The common part of the degradations: the tag they are recorded under, and applying to every section unless a
/// degradation says otherwise.
/// </summary>
/// <param name="tag">The tag recorded with pairs made by the degradation (see <see cref="DegradationTags"/>).</param>
internal abstract class TextDegradation(string tag) : ITextDegradation
{
    /// <summary>The result for a text without a single letter: there is nothing to build on.</summary>
    protected static readonly DegradationResult NoWords = DegradationResult.NotApplicable("the text has no words to build on");

    /// <inheritdoc />
    public string Tag { get; } = tag;

    /// <inheritdoc />
    public virtual bool AppliesTo(string section) => true;

    /// <inheritdoc />
    public abstract DegradationResult Apply(string text, string section, Random random);
}
