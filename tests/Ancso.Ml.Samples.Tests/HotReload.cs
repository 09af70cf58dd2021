using Ancso.Ml.Inference;

namespace Ancso.Ml.Samples.Tests;

/// <summary>
/// Waits until a running ranker has switched to a model. The ranker looks at the models folder on scoring calls (at most
/// every 200 ms here) besides its file watcher, so the wait scores an item between looks.
/// </summary>
internal static class HotReload
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    public static async Task<ScoreProvenance> WaitForModelAsync(Func<Task<ScoreProvenance>> scoreAndTell)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (true)
        {
            var provenance = await scoreAndTell();
            if (provenance.Kind == ProvenanceKind.Model)
            {
                return provenance;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The ranker still scores with the heuristic {Limit.TotalSeconds} s after activation: {provenance}");
            }

            await Task.Delay(100);
        }
    }
}
