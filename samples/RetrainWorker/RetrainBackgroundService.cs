using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ancso.Ml.Samples.RetrainWorker;

/// <summary>Runs <see cref="Retrainer"/> every <see cref="RetrainOptions.CheckInterval"/>; a failed check is logged and the next one runs.</summary>
public sealed partial class RetrainBackgroundService(
    Retrainer retrainer, IOptions<RetrainOptions> options, TimeProvider timeProvider, ILogger<RetrainBackgroundService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.CheckOnStart)
        {
            await CheckAsync(stoppingToken);
        }

        using var timer = new PeriodicTimer(options.Value.CheckInterval, timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await CheckAsync(stoppingToken);
        }
    }

    private async Task CheckAsync(CancellationToken stoppingToken)
    {
        try
        {
            await retrainer.RunOnceAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogCheckFailed(logger, ex);
        }
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Error, Message = "The retraining check failed; the next check runs after the interval.")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);
}
