using System.Diagnostics;
using System.Reflection;
using Ancso.Ml.Diagnostics;

namespace Ancso.Ml.Learning.Diagnostics;

/// <summary>
/// The learning side's spans, under the library's one source name (<see cref="RankerDiagnostics.SourceName"/>), so a
/// host that listens to <c>Ancso.Ml</c> sees exports beside scoring.
/// </summary>
internal static class LearningActivities
{
    public static ActivitySource Source { get; } = new(
        RankerDiagnostics.SourceName,
        typeof(LearningActivities).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);

    /// <summary>Marks <paramref name="activity"/> failed with <paramref name="exception"/>'s type and message.</summary>
    public static void Fail(this Activity? activity, Exception exception)
    {
        activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
        activity?.SetTag("error.type", exception.GetType().FullName);
    }
}
