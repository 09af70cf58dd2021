using System.CommandLine.Parsing;

namespace Ancso.Ml.Cli.Infrastructure;

/// <summary>
/// Parsing and range rules for numeric options. Each rule replaces the option's parser, so a value that does not parse
/// ("ten", "2147483648", "1.5" for a whole number) and a value out of range are the same kind of failure: a usage error
/// that names the option, the value given and what is allowed. Nothing downstream ever reads a value that did not parse.
/// </summary>
internal static class OptionRules
{
    /// <summary>Accepts a whole number in [<paramref name="minimum"/>, <paramref name="maximum"/>].</summary>
    public static Option<int> Between(this Option<int> option, int minimum, int maximum)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.CustomParser = result =>
        {
            if (SingleToken(option, result) is not { } text)
            {
                return default;
            }

            if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < minimum || value > maximum)
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture,
                    $"{option.Name} must be a whole number {Range(minimum, maximum)}; '{text}' is not."));
                return default;
            }

            return value;
        };
        return option;
    }

    /// <summary>Accepts a whole number of at least <paramref name="minimum"/> (up to <see cref="int.MaxValue"/>).</summary>
    public static Option<int> AtLeast(this Option<int> option, int minimum) => option.Between(minimum, int.MaxValue);

    /// <summary>Accepts any whole number that fits in 32 bits (a seed, for example).</summary>
    public static Option<int> AnyWholeNumber(this Option<int> option) => option.Between(int.MinValue, int.MaxValue);

    /// <summary>Accepts a finite number above 0 and at most <paramref name="maximum"/>.</summary>
    public static Option<double> PositiveUpTo(this Option<double> option, double maximum) => option.Within(maximum, allowZero: false);

    /// <summary>Accepts a finite number from 0 to <paramref name="maximum"/>.</summary>
    public static Option<double> ZeroUpTo(this Option<double> option, double maximum) => option.Within(maximum, allowZero: true);

    private static Option<double> Within(this Option<double> option, double maximum, bool allowZero)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.CustomParser = result =>
        {
            if (SingleToken(option, result) is not { } text)
            {
                return default;
            }

            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value)
                || value < 0 || (value == 0 && !allowZero) || value > maximum)
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture,
                    $"{option.Name} must be a number {(allowZero ? "from 0" : "above 0 and")} {(allowZero ? "to" : "at most")} {maximum}; '{text}' is not."));
                return default;
            }

            return value;
        };
        return option;
    }

    private static string? SingleToken(Option option, ArgumentResult result)
    {
        if (result.Tokens.Count == 1)
        {
            return result.Tokens[0].Value;
        }

        result.AddError($"{option.Name} takes exactly one value.");
        return null;
    }

    private static string Range(int minimum, int maximum) => (minimum, maximum) switch
    {
        (int.MinValue, int.MaxValue) => string.Create(CultureInfo.InvariantCulture, $"from {int.MinValue} to {int.MaxValue}"),
        (_, int.MaxValue) => string.Create(CultureInfo.InvariantCulture, $"of at least {minimum} (up to {int.MaxValue})"),
        _ => string.Create(CultureInfo.InvariantCulture, $"from {minimum} to {maximum}"),
    };
}
