using Ancso.Ml.Models;
using Microsoft.Extensions.Primitives;

namespace Ancso.Ml.Inference;

/// <summary>
/// How the service notices a newly activated model: the registry's change token (<see cref="IModelChangeSource"/>: the
/// folder watcher and poll of <see cref="FileModelRegistry"/>, the notifications of the PostgreSQL registry; for any
/// other registry a watcher on its folder) queues <see cref="ReloadAsync"/> in the background, so status, health and the
/// next call all see the new model without a call having to look first. Scoring never looks at files.
/// </summary>
internal sealed partial class RankerInferenceService
{
    private void SubscribeToChanges()
    {
        if (!_options.HotReload)
        {
            return;
        }

        Func<IChangeToken> producer = _registry is IModelChangeSource source ? source.GetChangeToken : _ownedChanges!.GetChangeToken;
        var subscription = ChangeToken.OnChange(producer, static service => service.OnModelChanged(), this);
        if (Interlocked.CompareExchange(ref _registryChanges, subscription, null) is not null || _disposed)
        {
            subscription.Dispose();
        }
    }

    private void OnModelChanged()
    {
        if (_disposed || Interlocked.Exchange(ref _reloadPending, 1) == 1)
        {
            return;
        }

        _logger.ModelChangeDetected(_registry.ModelsDirectory, "change token");
        _ = Task.Run(ReloadAsync);
    }
}
