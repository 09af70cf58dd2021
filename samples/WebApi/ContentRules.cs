using System.ComponentModel.DataAnnotations;
using Ancso.Ml.Content;

namespace Ancso.Ml.Samples.WebApi;

/// <summary>
/// The request rules the attributes below share. Each message names the field and, where a value is unknown, the
/// allowed values. <c>AddValidation()</c> runs the property attributes first and the records' <see cref="IValidatableObject"/>
/// check (a section of the platform) once every field is valid on its own.
/// </summary>
internal static class ContentRules
{
    public static string Platforms => string.Join(", ", ContentPlatforms.All);

    public static IEnumerable<string> AllSections => ContentPlatforms.All.SelectMany(ContentSections.ForPlatform);

    /// <summary>Each platform's sections, as <c>github: bio, readme, repo_description; linkedin: …</c>.</summary>
    public static string SectionsByPlatform =>
        string.Join("; ", ContentPlatforms.All.Select(p => $"{p}: {string.Join(", ", ContentSections.ForPlatform(p))}"));

    /// <summary>The section must be one of the platform's (both fields are known by then).</summary>
    public static IEnumerable<ValidationResult> SectionOfPlatform(string? platform, string? section)
    {
        if (platform is null || section is null)
        {
            yield break;
        }

        var sections = ContentSections.ForPlatform(platform);
        if (!sections.Contains(section, StringComparer.Ordinal))
        {
            yield return new ValidationResult(
                $"Section '{section}' is not a {platform} section: use one of {string.Join(", ", sections)}.", [nameof(ScoreRequest.Section)]);
        }
    }
}

/// <summary>A known platform: <c>github</c> or <c>linkedin</c>.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
internal sealed class KnownPlatformAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) => value switch
    {
        string platform when ContentPlatforms.All.Contains(platform, StringComparer.Ordinal) => ValidationResult.Success,
        string { Length: > 0 } platform when !string.IsNullOrWhiteSpace(platform) =>
            Fail(validationContext, $"Unknown platform '{platform}': use one of {ContentRules.Platforms}."),
        _ => Fail(validationContext, $"platform is required: one of {ContentRules.Platforms}."),
    };

    private static ValidationResult Fail(ValidationContext context, string message) => new(message, [context.MemberName!]);
}

/// <summary>A section some platform knows; whether it is the request's platform's is checked once the platform is known.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
internal sealed class KnownSectionAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) => value switch
    {
        string section when ContentRules.AllSections.Contains(section, StringComparer.Ordinal) => ValidationResult.Success,
        string { Length: > 0 } section when !string.IsNullOrWhiteSpace(section) =>
            Fail(validationContext, $"Unknown section '{section}': use one of the platform's ({ContentRules.SectionsByPlatform})."),
        _ => Fail(validationContext, $"section is required: one of the platform's ({ContentRules.SectionsByPlatform})."),
    };

    private static ValidationResult Fail(ValidationContext context, string message) => new(message, [context.MemberName!]);
}

/// <summary>The side a user picked: <c>a</c> or <c>b</c>, in either case.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
internal sealed class ChoiceSideAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) => value switch
    {
        "a" or "A" or "b" or "B" => ValidationResult.Success,
        null => new ValidationResult("better is required: 'a' or 'b'.", [validationContext.MemberName!]),
        _ => new ValidationResult($"Unknown better value '{value}': use 'a' or 'b'.", [validationContext.MemberName!]),
    };
}
