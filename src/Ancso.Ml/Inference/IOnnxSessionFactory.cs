using Ancso.Ml.DependencyInjection;
using Microsoft.ML.OnnxRuntime;

namespace Ancso.Ml.Inference;

/// <summary>
/// Creates ONNX Runtime sessions. The seam between the inference service and the native runtime: tests substitute it to
/// simulate a machine on which the native library cannot load.
/// </summary>
internal interface IOnnxSessionFactory
{
    /// <summary>Creates a session over a model's bytes.</summary>
    /// <exception cref="DllNotFoundException">The native library is missing.</exception>
    /// <exception cref="TypeInitializationException">The runtime's native bindings failed to initialise.</exception>
    /// <exception cref="EntryPointNotFoundException">The native library is of another version.</exception>
    /// <exception cref="OnnxRuntimeException">The bytes are not a valid model.</exception>
    InferenceSession Create(byte[] model, RankerOptions options);

    /// <summary>Returns whether the native runtime loads on this machine.</summary>
    bool IsRuntimeAvailable();
}
