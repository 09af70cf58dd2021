using Ancso.Ml.Content;

namespace Ancso.Ml.Samples.WebApi;

/// <summary>Checks request fields and collects one message per bad field, in the shape of validation problem details.</summary>
internal sealed class RequestValidation
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public IDictionary<string, string[]> Errors => _errors;

    public RequestValidation PlatformAndSection(string? platform, string? section)
    {
        if (string.IsNullOrWhiteSpace(platform))
        {
            Add("platform", $"platform is required: one of {string.Join(", ", ContentPlatforms.All)}.");
            return this;
        }

        if (!ContentPlatforms.All.Contains(platform))
        {
            Add("platform", $"Unknown platform '{platform}': use one of {string.Join(", ", ContentPlatforms.All)}.");
            return this;
        }

        var sections = ContentSections.ForPlatform(platform);
        if (string.IsNullOrWhiteSpace(section))
        {
            Add("section", $"section is required: one of {string.Join(", ", sections)} for {platform}.");
        }
        else if (!sections.Contains(section))
        {
            Add("section", $"Unknown section '{section}' for {platform}: use one of {string.Join(", ", sections)}.");
        }

        return this;
    }

    public RequestValidation Text(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, $"{field} is required and must not be blank.");
        }

        return this;
    }

    public RequestValidation Better(string? value)
    {
        if (!string.Equals(value, "a", StringComparison.OrdinalIgnoreCase) && !string.Equals(value, "b", StringComparison.OrdinalIgnoreCase))
        {
            Add("better", value is null ? "better is required: 'a' or 'b'." : $"Unknown better value '{value}': use 'a' or 'b'.");
        }

        return this;
    }

    private void Add(string field, string message) => _errors[field] = [message];
}
