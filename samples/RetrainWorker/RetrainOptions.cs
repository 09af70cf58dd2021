namespace Ancso.Ml.Samples.RetrainWorker;

/// <summary>When the worker retrains, and how long it trains (section <c>Retrain</c>).</summary>
public sealed class RetrainOptions
{
    /// <summary>The configuration section: <c>Retrain</c>.</summary>
    public const string SectionName = "Retrain";

    /// <summary>Gets or sets how many pairs must have arrived since the last training before the worker trains again.</summary>
    /// <value>Default: 50.</value>
    public int MinNewPairs { get; set; } = 50;

    /// <summary>Gets or sets how often the worker counts the pairs.</summary>
    /// <value>Default: 5 minutes.</value>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets whether the worker counts once at start instead of waiting one interval.</summary>
    /// <value>Default: <see langword="true"/>.</value>
    public bool CheckOnStart { get; set; } = true;

    /// <summary>Gets or sets the training epochs of each retraining.</summary>
    /// <value>Default: 20.</value>
    public int Epochs { get; set; } = 20;

    /// <summary>
    /// Gets or sets whether each check deletes the stored model versions that learned from erased data (by the retention
    /// period, <c>Ranker:Signals:Retention</c>, or by anyone's erasure), once a replacement is active: the active version is
    /// never deleted. Off, the versions are kept and logged (event 8); delete them later with
    /// <c>ancso ranker erase --retention --purge-models</c>.
    /// </summary>
    /// <value>Default: <see langword="true"/>.</value>
    public bool PurgeModels { get; set; } = true;

    /// <summary>Gets or sets the file that remembers how many pairs the last training saw, relative to the current folder.</summary>
    /// <value>Default: <c>data/ranker/retrain-state.json</c>.</value>
    public string StateFile { get; set; } = Path.Combine("data", "ranker", "retrain-state.json");
}
