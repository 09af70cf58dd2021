using Microsoft.Extensions.Primitives;

namespace Ancso.Ml.Models;

/// <summary>
/// Implemented by a model registry whose active model can change outside this process, for example one kept in a
/// database shared by several app instances. The inference service reloads as soon as the change token fires (instead
/// of waiting for the models folder to change), and reports <see cref="Problem"/> in <see cref="Inference.RankerStatus.RegistryProblem"/>.
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
