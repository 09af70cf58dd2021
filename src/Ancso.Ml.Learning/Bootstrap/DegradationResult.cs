
namespace Ancso.Ml.Learning.Bootstrap;

/// <summary>The outcome of a degradation: a worse text, or the reason there is none for this text.</summary>
internal readonly record struct DegradationResult
{
    private DegradationResult(string? text, string? notApplicableReason)
    {
        Text = text;
        NotApplicableReason = notApplicableReason;
    }

    /// <summary>Gets the degraded text, or <see langword="null"/> when the degradation did not apply.</summary>
    public string? Text { get; }

    /// <summary>Gets why the degradation did not apply, or <see langword="null"/> when it did.</summary>
    public string? NotApplicableReason { get; }

    /// <summary>Gets whether a degraded text was produced.</summary>
    public bool Applied => Text is not null;

    /// <summary>A degraded text.</summary>
    /// <param name="text">The worse text.</param>
    /// <returns>The result.</returns>
    public static DegradationResult Degraded(string text) => new(text, null);

    /// <summary>The degradation would not change this text meaningfully.</summary>
    /// <param name="reason">Why, for example "no figures or results to remove".</param>
    /// <returns>The result.</returns>
    public static DegradationResult NotApplicable(string reason) => new(null, reason);
}
