using System.CommandLine;
using System.Globalization;

namespace Ancso.Ml.Cli.Infrastructure;

/// <summary>Range checks for numeric options, reported as usage errors that name the option.</summary>
internal static class OptionRules
{
    /// <summary>Requires the value to be at least <paramref name="minimum"/>.</summary>
    public static Option<int> AtLeast(this Option<int> option, int minimum, string? meaning = null)
    {
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < minimum)
            {
                r.AddError(meaning is null
                    ? string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be {(minimum == 1 ? "a positive number" : $"at least {minimum}")}.")
                    : $"{option.Name} must be {meaning}.");
            }
        });
        return option;
    }

    /// <summary>Requires the value to lie in [<paramref name="minimum"/>, <paramref name="maximum"/>].</summary>
    public static Option<int> Between(this Option<int> option, int minimum, int maximum)
    {
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < minimum || r.GetValueOrDefault<int>() > maximum)
            {
                r.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be between {minimum} and {maximum}."));
            }
        });
        return option;
    }

    /// <summary>Requires a finite, positive value.</summary>
    public static Option<double> Positive(this Option<double> option)
    {
        option.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<double>();
            if (!(value > 0) || double.IsInfinity(value))
            {
                r.AddError($"{option.Name} must be a positive number.");
            }
        });
        return option;
    }
}
