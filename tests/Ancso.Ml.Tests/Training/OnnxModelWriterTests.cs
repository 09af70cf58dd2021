using Ancso.Ml.Training.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace Ancso.Ml.Tests.Training;

public class OnnxModelWriterTests
{
    internal static MlpWeights RandomNetwork(int inputs, int seed, int reasons = 0)
    {
        var random = new Random(seed);
        DenseLayer Layer(int i, int o) => new(i, o,
            [.. Enumerable.Range(0, i * o).Select(_ => (float)((random.NextDouble() * 2) - 1) / MathF.Sqrt(i))],
            [.. Enumerable.Range(0, o).Select(_ => (float)((random.NextDouble() * 2) - 1) * 0.1f)]);
        return new MlpWeights([Layer(inputs, 128), Layer(128, 64), Layer(64, 1)], reasons > 0 ? Layer(128, reasons) : null);
    }

    [Test]
    public void Write_NetworkWithReasonLayer_SecondOutputMatchesManagedForwardPass()
    {
        const int inputs = 70;
        const int rows = 5;
        var weights = RandomNetwork(inputs, seed: 3, reasons: 27);
        var bytes = OnnxModelWriter.Write(weights);

        using var session = new InferenceSession(bytes);
        Assert.That(session.OutputMetadata.Keys, Is.EqualTo(new[] { OnnxModelWriter.OutputName, OnnxModelWriter.ReasonOutputName }));
        Assert.That(session.OutputMetadata[OnnxModelWriter.ReasonOutputName].Dimensions, Is.EqualTo(new[] { -1, 27 }));
        var random = new Random(9);
        var features = new float[rows * inputs];
        for (var i = 0; i < features.Length; i++)
        {
            features[i] = (float)random.NextDouble();
        }

        using var input = OrtValue.CreateTensorValueFromMemory(features, [rows, inputs]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, [OnnxModelWriter.InputName], [input], [OnnxModelWriter.OutputName, OnnxModelWriter.ReasonOutputName]);
        var scores = outputs[0].GetTensorDataAsSpan<float>().ToArray();
        var reasons = outputs[1].GetTensorDataAsSpan<float>().ToArray();
        for (var r = 0; r < rows; r++)
        {
            var (score, expected) = weights.ScoreWithReasons(features.AsSpan(r * inputs, inputs));
            Assert.That(scores[r], Is.EqualTo(score).Within(1e-4));
            Assert.That(reasons.AsSpan(r * 27, 27).ToArray(), Is.EqualTo(expected).Within(1e-4));
        }
    }

    [Test]
    public void Read_NetworkWithReasonLayer_RoundTripsBothHeads()
    {
        var weights = RandomNetwork(40, seed: 4, reasons: 27);
        var (read, _) = OnnxWeightsReader.Read(OnnxModelWriter.Write(weights));
        Assert.That(read.ReasonLayer, Is.Not.Null);
        Assert.That(read.ReasonLayer!.WeightArray, Is.EqualTo(weights.ReasonLayer!.WeightArray));
        Assert.That(read.ReasonLayer.BiasArray, Is.EqualTo(weights.ReasonLayer.BiasArray));
        Assert.That(OnnxWeightsReader.Read(OnnxModelWriter.Write(RandomNetwork(40, seed: 4))).Weights.ReasonLayer, Is.Null, "a model without reasons reads back without them");
    }

    [Test]
    public void MlpWeights_ReasonLayerOfTheWrongWidth_Refused()
    {
        var network = RandomNetwork(12, seed: 1);
        var wrong = new DenseLayer(64, 27, new float[64 * 27], new float[27]);
        var ex = Assert.Throws<ArgumentException>(() => _ = new MlpWeights(network.Layers, wrong));
        Assert.That(ex!.Message, Does.Contain("must take the first hidden layer's 128"));
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
