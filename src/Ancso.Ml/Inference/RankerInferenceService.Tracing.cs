using System.Diagnostics;
using Ancso.Ml.Diagnostics;

namespace Ancso.Ml.Inference;

/// <summary>
/// The spans of score, compare and rank. The public methods take this path only while someone listens to
/// <see cref="RankerDiagnostics.SourceName"/>, so an untraced call costs one check.
/// </summary>
internal sealed partial class RankerInferenceService
{
    private async ValueTask<TResult> RunTracedAsync<TView, TResult>(TView view, CancellationToken cancellationToken)
        where TView : struct, IBatchView<TResult>
    {
        using var activity = RankerActivities.Source.StartActivity(view.ActivityName);
        if (activity is not null)
        {
            view.Tag(activity);
        }

        try
        {
            var result = Volatile.Read(ref _state) is null
                ? await RunAfterInitializationAsync<TView, TResult>(view, cancellationToken).ConfigureAwait(false)
                : await RunBatch<TView, TResult>(view, cancellationToken).ConfigureAwait(false);
            Tag(activity, view.ProvenanceOf(result));
            return result;
        }
        catch (Exception ex)
        {
            activity.Fail(ex);
            throw;
        }
    }

    private static void Tag(Activity? activity, ScoreProvenance provenance)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag(RankerDiagnostics.ProvenanceTag, provenance.Name);
        activity.SetTag(RankerDiagnostics.FallbackReasonTag, RankerTelemetry.ReasonName(provenance.Reason));
        if (provenance.ModelVersion is { } version)
        {
            activity.SetTag(RankerDiagnostics.ModelVersionTag, version);
        }
    }
}
