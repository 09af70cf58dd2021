using Ancso.Ml.Diagnostics;
using Ancso.Ml.Learning.Diagnostics;

namespace Ancso.Ml.Training;

/// <summary>The training run's span, <see cref="RankerDiagnostics.TrainActivity"/>.</summary>
internal sealed partial class RankerTrainer
{
    public async Task<TrainingResult> TrainAsync(RankerTrainingOptions options, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var activity = LearningActivities.Source.StartActivity(RankerDiagnostics.TrainActivity);
        try
        {
            var result = await TrainCoreAsync(options, progress, cancellationToken).ConfigureAwait(false);
            activity?.SetTag(RankerDiagnostics.PairCountTag, result.FinalModelPairs);
            activity?.SetTag(RankerDiagnostics.ModelVersionTag, result.Version);
            return result;
        }
        catch (Exception ex)
        {
            activity.Fail(ex);
            throw;
        }
    }
}
