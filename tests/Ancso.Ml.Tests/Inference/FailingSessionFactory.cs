using Ancso.Ml.DependencyInjection;
using Ancso.Ml.Inference;
using Microsoft.ML.OnnxRuntime;

namespace Ancso.Ml.Tests.Inference;

/// <summary>Simulates a machine on which the ONNX Runtime native library cannot load.</summary>
internal sealed class FailingSessionFactory : IOnnxSessionFactory
{
    private readonly Func<Exception> _failure;

    public FailingSessionFactory(Func<Exception> failure) => _failure = failure;

    public int Attempts { get; private set; }

    public InferenceSession Create(byte[] model, RankerOptions options)
    {
        Attempts++;
        throw _failure();
    }

    public bool IsRuntimeAvailable() => false;
}
