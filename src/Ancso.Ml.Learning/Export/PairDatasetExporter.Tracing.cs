using Ancso.Ml.Diagnostics;
using Ancso.Ml.Learning.Diagnostics;

namespace Ancso.Ml.Learning.Export;

/// <summary>The export's span, <see cref="RankerDiagnostics.ExportActivity"/>.</summary>
internal sealed partial class PairDatasetExporter
{
    public async Task<PairDatasetExportResult> ExportAsync(PairDatasetExportRequest? request = null, CancellationToken cancellationToken = default)
    {
        using var activity = LearningActivities.Source.StartActivity(RankerDiagnostics.ExportActivity);
        try
        {
            var result = await ExportCoreAsync(request, cancellationToken).ConfigureAwait(false);
            activity?.SetTag(RankerDiagnostics.PairCountTag, result.Counts.Total);
            return result;
        }
        catch (Exception ex)
        {
            activity.Fail(ex);
            throw;
        }
    }
}
