using Ancso.Ml.Pairs.Signals;
using Microsoft.Extensions.Options;

namespace Ancso.Ml.Tests.Pairs.Signals;

/// <summary>The library's pseudonymizer with a test key (<see cref="TestRaterKeys.Key"/> unless told otherwise).</summary>
internal static class TestPseudonymizer
{
    public static HmacRaterPseudonymizer Create(string? keyBase64 = null) =>
        new(Options.Create(new SignalOptions { RaterKey = keyBase64 ?? TestRaterKeys.KeyBase64 }));
}
