using System.ComponentModel.DataAnnotations;

namespace Ancso.Ml.Samples.WebApi;

/// <summary><c>POST /score</c>: one text of a platform's section. <see cref="Id"/> is optional.</summary>
/// <param name="Platform">The platform: <c>github</c> or <c>linkedin</c>.</param>
/// <param name="Section">A section of that platform, for example <c>bio</c> on GitHub or <c>headline</c> on LinkedIn.</param>
/// <param name="Text">The text to score.</param>
/// <param name="Id">An id echoed in the response; <c>item</c> when left out.</param>
public sealed record ScoreRequest(
    [property: KnownPlatform] string? Platform,
    [property: KnownSection] string? Section,
    [property: Required(ErrorMessage = "text is required and must not be blank.")] string? Text,
    string? Id = null) : IValidatableObject
{
    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => ContentRules.SectionOfPlatform(Platform, Section);
}

/// <summary><c>POST /compare</c>: two texts of the same platform and section.</summary>
/// <param name="Platform">The platform: <c>github</c> or <c>linkedin</c>.</param>
/// <param name="Section">A section of that platform.</param>
/// <param name="A">The first text.</param>
/// <param name="B">The second text.</param>
public sealed record CompareRequest(
    [property: KnownPlatform] string? Platform,
    [property: KnownSection] string? Section,
    [property: Required(ErrorMessage = "a is required and must not be blank.")] string? A,
    [property: Required(ErrorMessage = "b is required and must not be blank.")] string? B) : IValidatableObject
{
    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => ContentRules.SectionOfPlatform(Platform, Section);
}

/// <summary>
/// <c>POST /choices</c>: the variant a user picked. There is no field for who picked it: the rater is the authenticated
/// user (the bearer token's <c>sub</c>), and any other field in the body is ignored.
/// </summary>
/// <param name="Platform">The platform: <c>github</c> or <c>linkedin</c>.</param>
/// <param name="Section">A section of that platform.</param>
/// <param name="A">The first variant.</param>
/// <param name="B">The second variant.</param>
/// <param name="Better">The variant the user picked: <c>a</c> or <c>b</c>.</param>
/// <param name="ReasonTags">Why, in short tags (for example <c>clarity</c>); optional.</param>
/// <param name="Note">A free-text note; optional.</param>
public sealed record ChoiceRequest(
    [property: KnownPlatform] string? Platform,
    [property: KnownSection] string? Section,
    [property: Required(ErrorMessage = "a is required and must not be blank.")] string? A,
    [property: Required(ErrorMessage = "b is required and must not be blank.")] string? B,
    [property: ChoiceSide] string? Better,
    IReadOnlyList<string>? ReasonTags = null,
    string? Note = null) : IValidatableObject
{
    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => ContentRules.SectionOfPlatform(Platform, Section);
}
