using Ancso.Ml.DependencyInjection;
using Microsoft.ML.OnnxRuntime;

namespace Ancso.Ml.Inference;

/// <summary>
/// Creates CPU sessions tuned for a small model scored from many request threads: sequential execution,
/// <see cref="RankerOptions.IntraOpThreads"/> threads per operator, and no idle spinning unless
/// <see cref="RankerOptions.AllowSpinning"/> is set.
/// </summary>
internal sealed class OnnxSessionFactory : IOnnxSessionFactory
{
    private const string IntraOpSpinning = "session.intra_op.allow_spinning";
    private const string InterOpSpinning = "session.inter_op.allow_spinning";

    private int _runtimeAvailable;

    private OnnxSessionFactory()
    {
    }

    /// <summary>Gets the factory.</summary>
    public static OnnxSessionFactory Instance { get; } = new();

    /// <summary>Returns whether an exception means the native runtime could not be loaded (rather than a bad model).</summary>
    public static bool IsRuntimeLoadFailure(Exception exception) =>
        exception is DllNotFoundException or EntryPointNotFoundException or TypeInitializationException or BadImageFormatException;

    public InferenceSession Create(byte[] model, RankerOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        using var sessionOptions = new SessionOptions
        {
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            IntraOpNumThreads = options.IntraOpThreads,
            InterOpNumThreads = 1,
            LogId = "Ancso.Ml",
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        var spinning = options.AllowSpinning ? "1" : "0";
        sessionOptions.AddSessionConfigEntry(IntraOpSpinning, spinning);
        sessionOptions.AddSessionConfigEntry(InterOpSpinning, spinning);
        return new InferenceSession(model, sessionOptions);
    }

    public bool IsRuntimeAvailable()
    {
        var known = Volatile.Read(ref _runtimeAvailable);
        if (known != 0)
        {
            return known > 0;
        }

        bool available;
        try
        {
            _ = OrtEnv.Instance();
            available = true;
        }
        catch (Exception ex) when (IsRuntimeLoadFailure(ex))
        {
            available = false;
        }

        Volatile.Write(ref _runtimeAvailable, available ? 1 : -1);
        return available;
    }
}
