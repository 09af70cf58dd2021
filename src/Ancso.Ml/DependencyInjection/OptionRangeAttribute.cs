using System.ComponentModel.DataAnnotations;

namespace Ancso.Ml.DependencyInjection;

/// <summary>
/// <see cref="RangeAttribute"/> whose <see cref="ValidationAttribute.ErrorMessage"/> reaches the user. The options
/// validation source generator replaces <see cref="RangeAttribute"/> itself with a copy that drops the message
/// (dotnet/runtime#123137) but uses a derived attribute as it is.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, AllowMultiple = false)]
internal sealed class OptionRangeAttribute : RangeAttribute
{
    public OptionRangeAttribute(int minimum, int maximum)
        : base(minimum, maximum)
    {
    }

    public OptionRangeAttribute(double minimum, double maximum)
        : base(minimum, maximum)
    {
    }

    public OptionRangeAttribute(Type type, string minimum, string maximum)
        : base(type, minimum, maximum)
    {
        ParseLimitsInInvariantCulture = true;
        ConvertValueInInvariantCulture = true;
    }
}
