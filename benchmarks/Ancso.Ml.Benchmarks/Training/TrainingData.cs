using Ancso.Ml.Features;
using Ancso.Ml.Metrics;
using Ancso.Ml.Training.Data;

namespace Ancso.Ml.Benchmarks.Training;

/// <summary>Synthetic pairs of the production shape (D = 1536 + 6 metrics) with a learnable signal.</summary>
internal static class SyntheticPairs
{
    public static FeatureLayout Layout(int dimension) => new("ancso:hashing-v1", dimension, MetricNames.All);

    public static List<TrainingPair> Create(int pairs, int dimension = 1536, int seed = 1)
    {
        var random = new Random(seed);
        var items = Math.Max(4, pairs);
        var width = dimension + MetricNames.All.Count;
        var direction = new double[width];
        for (var f = 0; f < width; f++)
        {
            direction[f] = (random.NextDouble() * 2) - 1;
        }

        var features = new float[items][];
        var quality = new double[items];
        for (var i = 0; i < items; i++)
        {
            features[i] = new float[width];
            for (var f = 0; f < width; f++)
            {
                features[i][f] = f < dimension ? (float)(((random.NextDouble() * 2) - 1) / Math.Sqrt(dimension)) : (float)random.NextDouble();
                quality[i] += direction[f] * features[i][f];
            }
        }

        var result = new List<TrainingPair>(pairs);
        var seen = new HashSet<(int, int)>();
        string[] sources = ["bootstrap", "user_choice", "before_after", "manual"];
        while (result.Count < pairs)
        {
            var a = random.Next(items);
            var b = random.Next(items);
            if (a == b || !seen.Add((Math.Min(a, b), Math.Max(a, b))))
            {
                continue;
            }

            var id = result.Count;
            result.Add(new TrainingPair($"p_{id}", $"i_{a}", $"i_{b}", quality[a] > quality[b] ? 1 : -1, sources[id % 4], features[a], features[b]));
        }

        return result;
    }
}
