using Microsoft.Extensions.Primitives;

namespace Ancso.Ml.Models;

/// <summary>
/// Implemented by a model registry that knows when its active model changes, also when another process activates one:
/// <see cref="FileModelRegistry"/> watches its folder, the PostgreSQL registry listens for the database's notifications.
/// With <c>Ranker:HotReload</c> on, the inference service subscribes (as <c>Microsoft.Extensions.ML</c> does to its
/// reload token) and reloads in the background as soon as the token fires, so its status and health check report the
/// model the next call scores with, without waiting for a call. It reports <see cref="Problem"/> in
/// <see cref="Inference.RankerStatus.RegistryProblem"/>. A registry that does not implement this interface gets a
/// watcher on its <see cref="IModelRegistry.ModelsDirectory"/>.
/// </summary>
public interface IModelChangeSource
{
    /// <summary>Gets a token that fires when the active model may have changed; after it fired, ask for a new one.</summary>
    /// <returns>The change token.</returns>
    IChangeToken GetChangeToken();

    /// <summary>
    /// Gets why the registry cannot be reached now, so that the service keeps serving its local copy of the last active
    /// model it saw; <see langword="null"/> while the registry is reachable.
    /// </summary>
    string? Problem { get; }
}
