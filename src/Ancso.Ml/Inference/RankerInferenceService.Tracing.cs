using System.Diagnostics;
using Ancso.Ml.Content;
using Ancso.Ml.Diagnostics;

namespace Ancso.Ml.Inference;

/// <summary>
/// The spans of score, compare and rank. The public methods take these paths only while someone listens to
/// <see cref="RankerDiagnostics.SourceName"/>, so an untraced call costs one check.
/// </summary>
internal sealed partial class RankerInferenceService
{
    private async ValueTask<ItemScore> ScoreItemTracedAsync(ContentItem item, CancellationToken cancellationToken)
    {
        using var activity = RankerActivities.Source.StartActivity(RankerDiagnostics.ScoreActivity);
        try
        {
            var score = Volatile.Read(ref _state) is null
                ? await ScoreItemAfterInitializationAsync(item, cancellationToken).ConfigureAwait(false)
                : await ScoreItemCore(item, cancellationToken).ConfigureAwait(false);
            Tag(activity, score.Provenance);
            return score;
        }
        catch (Exception ex)
        {
            activity.Fail(ex);
            throw;
        }
    }

    private async ValueTask<ComparisonResult> CompareTracedAsync(ContentItem a, ContentItem b, CancellationToken cancellationToken)
    {
        using var activity = RankerActivities.Source.StartActivity(RankerDiagnostics.CompareActivity);
        try
        {
            var result = Volatile.Read(ref _state) is null
                ? await CompareAfterInitializationAsync(a, b, cancellationToken).ConfigureAwait(false)
                : await CompareCore(a, b, cancellationToken).ConfigureAwait(false);
            Tag(activity, result.Provenance);
            return result;
        }
        catch (Exception ex)
        {
            activity.Fail(ex);
            throw;
        }
    }

    private async ValueTask<RankingResult> RankTracedAsync(IReadOnlyList<ContentItem> items, CancellationToken cancellationToken)
    {
        using var activity = RankerActivities.Source.StartActivity(RankerDiagnostics.RankActivity);
        activity?.SetTag(RankerDiagnostics.ItemCountTag, items.Count);
        try
        {
            var result = Volatile.Read(ref _state) is null
                ? await RankAfterInitializationAsync(items, cancellationToken).ConfigureAwait(false)
                : await RankCore(items, cancellationToken).ConfigureAwait(false);
            Tag(activity, result.Provenance);
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
