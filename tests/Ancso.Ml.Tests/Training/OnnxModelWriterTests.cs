using Ancso.Ml.Training.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace Ancso.Ml.Tests.Training;

public class OnnxModelWriterTests
{
    internal static MlpWeights RandomNetwork(int inputs, int seed)
    {
        var random = new Random(seed);
        DenseLayer Layer(int i, int o) => new(i, o,
            [.. Enumerable.Range(0, i * o).Select(_ => (float)((random.NextDouble() * 2) - 1) / MathF.Sqrt(i))],
            [.. Enumerable.Range(0, o).Select(_ => (float)((random.NextDouble() * 2) - 1) * 0.1f)]);
        return new MlpWeights([Layer(inputs, 128), Layer(128, 64), Layer(64, 1)]);
    }

    [Test]
    public void Write_RandomNetwork_OnnxRuntimeMatchesManagedForwardPass()
    {
        const int inputs = 1542;
        const int rows = 7;
        var weights = RandomNetwork(inputs, seed: 11);
        var bytes = OnnxModelWriter.Write(weights, new Dictionary<string, string> { ["version"] = "test" });

        using var session = new InferenceSession(bytes);
        var random = new Random(5);
        var features = new float[rows * inputs];
        for (var i = 0; i < features.Length; i++)
        {
            features[i] = (float)random.NextDouble();
        }

        using var input = OrtValue.CreateTensorValueFromMemory(features, [rows, inputs]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, [OnnxModelWriter.InputName], [input], [OnnxModelWriter.OutputName]);
        var scores = outputs[0].GetTensorDataAsSpan<float>().ToArray();
        var shape = outputs[0].GetTensorTypeAndShape().Shape;

        Assert.That(shape, Is.EqualTo(new long[] { rows }));
        for (var r = 0; r < rows; r++)
        {
            var expected = weights.Score(features.AsSpan(r * inputs, inputs));
            Assert.That(scores[r], Is.EqualTo(expected).Within(1e-5), $"row {r}");
        }
    }
}
