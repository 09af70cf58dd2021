using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ancso.Ml.Learning.Influence;

/// <summary>
/// What the influence limits did to one training set: written into the model's metadata (<c>influence</c>) and shown by
/// <c>train</c>. Votes are the pairs read; a human vote is one from any source but <c>bootstrap</c>.
/// </summary>
public sealed class InfluenceReport
{
    /// <summary>Gets the cap on one rater's share of the human weight that was applied.</summary>
    [JsonPropertyName("max_rater_share")]
    public double MaxRaterShare { get; init; }

    /// <summary>Gets whether unattributed votes each counted as their own rater (trusted) rather than together as one.</summary>
    [JsonPropertyName("trust_unattributed")]
    public bool TrustUnattributed { get; init; }

    /// <summary>Gets the votes read.</summary>
    [JsonPropertyName("votes")]
    public int Votes { get; init; }

    /// <summary>Gets the votes of people (every source but <c>bootstrap</c>).</summary>
    [JsonPropertyName("human_votes")]
    public int HumanVotes { get; init; }

    /// <summary>Gets the human votes without a rater.</summary>
    [JsonPropertyName("unattributed_votes")]
    public int UnattributedVotes { get; init; }

    /// <summary>Gets the raters among the human votes; untrusted unattributed votes count as one.</summary>
    [JsonPropertyName("raters")]
    public int Raters { get; init; }

    /// <summary>Gets the raters whose votes were scaled down to hold the cap.</summary>
    [JsonPropertyName("capped_raters")]
    public int CappedRaters { get; init; }

    /// <summary>Gets the heaviest rater's share of the human weight before the cap (0 without human votes).</summary>
    [JsonPropertyName("largest_share_before")]
    public double LargestShareBefore { get; init; }

    /// <summary>Gets the heaviest rater's share of the human weight after the cap.</summary>
    [JsonPropertyName("largest_share_after")]
    public double LargestShareAfter { get; init; }

    /// <summary>Gets the human weight (the sum of the source weights of the raters' standing votes) before the cap.</summary>
    [JsonPropertyName("human_weight_before")]
    public double HumanWeightBefore { get; init; }

    /// <summary>Gets the human weight after the cap.</summary>
    [JsonPropertyName("human_weight_after")]
    public double HumanWeightAfter { get; init; }

    /// <summary>Gets the votes replaced by a later vote of the same rater on the same pair of items (one vote per rater per pair).</summary>
    [JsonPropertyName("votes_superseded")]
    public int VotesSuperseded { get; init; }

    /// <summary>Gets the pairs of items that several raters voted on, resolved by weighted vote (the tied ones included).</summary>
    [JsonPropertyName("pairs_merged")]
    public int PairsMerged { get; init; }

    /// <summary>Gets the votes that agreed with a merged pair's verdict and were folded into it.</summary>
    [JsonPropertyName("votes_merged")]
    public int VotesMerged { get; init; }

    /// <summary>Gets the votes on the losing side of a merged pair.</summary>
    [JsonPropertyName("votes_outvoted")]
    public int VotesOutvoted { get; init; }

    /// <summary>Gets the pairs of items whose votes cancelled out exactly; none of their votes is trained on.</summary>
    [JsonPropertyName("pairs_tied")]
    public int PairsTied { get; init; }

    /// <summary>Gets the votes of the tied pairs.</summary>
    [JsonPropertyName("votes_tied")]
    public int VotesTied { get; init; }

    /// <summary>Gets the pairs of items trained on.</summary>
    [JsonPropertyName("pairs_kept")]
    public int PairsKept { get; init; }

    /// <summary>Gets the votes that do not reach training as pairs of their own: superseded, merged, outvoted or tied.</summary>
    [JsonIgnore]
    public int VotesDropped => VotesSuperseded + VotesMerged + VotesOutvoted + VotesTied;

    /// <summary>Writes the report as a JSON object with the snake_case names the model's metadata uses under <c>influence</c>.</summary>
    /// <param name="writer">The writer.</param>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        JsonSerializer.Serialize(writer, this, InfluenceJsonContext.Default.InfluenceReport);
    }

    /// <summary>Reads a report written by <see cref="WriteTo"/> (for example the model metadata's <c>influence</c>).</summary>
    /// <param name="element">The JSON object.</param>
    /// <returns>The report.</returns>
    /// <exception cref="JsonException">The element is not such an object.</exception>
    public static InfluenceReport FromJson(JsonElement element) =>
        element.Deserialize(InfluenceJsonContext.Default.InfluenceReport) ?? throw new JsonException("The influence report is null.");
}
