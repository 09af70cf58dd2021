using System.Diagnostics;
using System.Reflection;

namespace Ancso.Ml.Diagnostics;

/// <summary>The library's one <see cref="ActivitySource"/>; starting a span costs nothing while no one listens.</summary>
internal static class RankerActivities
{
    public static ActivitySource Source { get; } = new(
        RankerDiagnostics.SourceName,
        typeof(RankerActivities).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);

    /// <summary>Marks <paramref name="activity"/> failed with <paramref name="exception"/>'s type and message.</summary>
    public static void Fail(this Activity? activity, Exception exception)
    {
        activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
        activity?.SetTag("error.type", exception.GetType().FullName);
    }
}
