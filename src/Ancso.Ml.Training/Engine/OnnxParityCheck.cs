using Microsoft.ML.OnnxRuntime;

namespace Ancso.Ml.Training.Engine;

/// <summary>Scores items with the exported ONNX model in ONNX Runtime, to compare with TorchSharp's eval-mode scores.</summary>
internal static class OnnxParityCheck
{
    /// <summary>Returns the largest absolute difference between ONNX Runtime's and <paramref name="expected"/> scores of <paramref name="items"/>.</summary>
    /// <param name="onnxModel">The exported model.</param>
    /// <param name="rows">The raw features of <paramref name="items"/>, row after row.</param>
    /// <param name="width">The feature width.</param>
    /// <param name="items">The items, indices into <paramref name="expected"/>.</param>
    /// <param name="expected">TorchSharp's eval-mode score of each item.</param>
    public static double MaxDifference(byte[] onnxModel, float[] rows, int width, int[] items, float[] expected)
    {
        if (items.Length == 0)
        {
            return 0;
        }

        var scores = Run(onnxModel, rows, width, items.Length, OnnxModelWriter.OutputName);
        double max = 0;
        for (var i = 0; i < items.Length; i++)
        {
            var difference = Math.Abs((double)scores[i] - expected[items[i]]);
            if (double.IsNaN(difference))
            {
                return double.PositiveInfinity;
            }

            max = Math.Max(max, difference);
        }

        return max;
    }

    /// <summary>
    /// Returns the largest absolute difference between ONNX Runtime's reason outputs of the first <paramref name="count"/>
    /// rows and the exported weights' own (a managed forward pass): the second output must be wired as the weights say.
    /// </summary>
    /// <param name="onnxModel">The exported model.</param>
    /// <param name="rows">Raw feature rows, row after row.</param>
    /// <param name="width">The feature width.</param>
    /// <param name="count">How many rows to check.</param>
    /// <param name="weights">The exported weights, with a reason layer.</param>
    public static double MaxReasonDifference(byte[] onnxModel, float[] rows, int width, int count, MlpWeights weights)
    {
        if (count == 0 || weights.ReasonLayer is not { } reasonLayer)
        {
            return 0;
        }

        var reasons = Run(onnxModel, rows, width, count, OnnxModelWriter.ReasonOutputName);
        double max = 0;
        for (var row = 0; row < count; row++)
        {
            var expected = weights.ScoreWithReasons(rows.AsSpan(row * width, width)).Reasons;
            for (var k = 0; k < reasonLayer.Outputs; k++)
            {
                var difference = Math.Abs((double)reasons[(row * reasonLayer.Outputs) + k] - expected[k]);
                if (double.IsNaN(difference))
                {
                    return double.PositiveInfinity;
                }

                max = Math.Max(max, difference);
            }
        }

        return max;
    }

    /// <summary>
    /// Loads ONNX Runtime's native library and environment ahead of the check (the trainer calls it while the network
    /// trains); a failure is left for the check itself to report.
    /// </summary>
    public static void WarmUp()
    {
        try
        {
            _ = OrtEnv.Instance();
        }
        catch (Exception ex) when (ex is OnnxRuntimeException or DllNotFoundException or TypeInitializationException)
        {
            // The parity check runs the same load again and turns its failure into a RankerTrainingException.
        }
    }

    /// <summary>Runs the exported model over <paramref name="count"/> rows in ONNX Runtime and returns one output.</summary>
    private static float[] Run(byte[] onnxModel, float[] rows, int width, int count, string output)
    {
        try
        {
            using var options = new SessionOptions { IntraOpNumThreads = 1 };
            using var session = new InferenceSession(onnxModel, options);
            using var input = OrtValue.CreateTensorValueFromMemory(rows, [count, width]);
            using var runOptions = new RunOptions();
            using var outputs = session.Run(runOptions, [OnnxModelWriter.InputName], [input], [output]);
            return outputs[0].GetTensorDataAsSpan<float>().ToArray();
        }
        catch (Exception ex) when (ex is OnnxRuntimeException or DllNotFoundException or TypeInitializationException)
        {
            throw new RankerTrainingException(RankerTrainingErrorKind.ParityMismatch,
                $"ONNX Runtime could not run the exported model, so it cannot be checked against TorchSharp and was not stored: {ex.Message}", innerException: ex);
        }
    }
}
