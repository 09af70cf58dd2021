using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Pairs.Storage;

namespace Ancso.Ml.Samples.Tests.RetrainWorker;

/// <summary>Distinct user choices in which the concrete text (numbers, names) wins, on alternating sides.</summary>
internal static class TrainingPairs
{
    public static List<NewPair> Choices(int count, int offset = 0) =>
    [
        .. Enumerable.Range(offset, count).Select(i =>
        {
            var concrete = $"Cut build time {10 + i}% for {i + 3} teams at Acme {i} with Bazel";
            var vague = $"worked on builds and other things {i}";
            return i % 2 == 0
                ? new NewPair("linkedin", "experience", concrete, vague, PairSide.A, PairSources.UserChoice)
                : new NewPair("linkedin", "experience", vague, concrete, PairSide.B, PairSources.UserChoice);
        }),
    ];
}
