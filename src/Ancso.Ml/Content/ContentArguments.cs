using System.Runtime.CompilerServices;

namespace Ancso.Ml.Content;

/// <summary>
/// The null checks of the constructors that take content's four strings (platform, section and texts, or an id): each argument
/// is checked in order, as <see cref="ArgumentNullException.ThrowIfNull(object?, string?)"/> under its own parameter name,
/// and handed back to be assigned.
/// </summary>
internal static class ContentArguments
{
    public static (string, string, string, string) NotNull(
        string first,
        string second,
        string third,
        string fourth,
        [CallerArgumentExpression(nameof(first))] string? firstName = null,
        [CallerArgumentExpression(nameof(second))] string? secondName = null,
        [CallerArgumentExpression(nameof(third))] string? thirdName = null,
        [CallerArgumentExpression(nameof(fourth))] string? fourthName = null)
    {
        ArgumentNullException.ThrowIfNull(first, firstName);
        ArgumentNullException.ThrowIfNull(second, secondName);
        ArgumentNullException.ThrowIfNull(third, thirdName);
        ArgumentNullException.ThrowIfNull(fourth, fourthName);
        return (first, second, third, fourth);
    }
}
