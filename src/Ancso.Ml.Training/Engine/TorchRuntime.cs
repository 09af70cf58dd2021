using System.Runtime.InteropServices;
using System.Text;
using Ancso.Ml.Training.Build;
using TorchSharp;

namespace Ancso.Ml.Training.Engine;

/// <summary>
/// Loads TorchSharp's native libraries once and turns a failure into a <see cref="RankerTrainingException"/> that names
/// the loader's message and what to do. Only training needs TorchSharp; scoring with Ancso.Ml never loads it.
/// </summary>
internal static class TorchRuntime
{
    private static readonly Lazy<string?> LoadError = new(TryLoad, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Throws when TorchSharp cannot be loaded on this machine.</summary>
    public static void EnsureAvailable()
    {
        if (LoadError.Value is { } error)
        {
            throw new RankerTrainingException(RankerTrainingErrorKind.TorchUnavailable, error);
        }
    }

    /// <summary>Resolves the device option: <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
    public static torch.Device ResolveDevice(string device)
    {
        var name = device.Trim().ToLowerInvariant();
        if (name == "cpu")
        {
            return torch.CPU;
        }

        if (name == "cuda" || name.StartsWith("cuda:", StringComparison.Ordinal))
        {
            if (!torch.cuda.is_available())
            {
                throw new RankerTrainingException(RankerTrainingErrorKind.DeviceUnavailable,
                    $"Device '{device}' was requested but TorchSharp finds no usable CUDA device. Reference a TorchSharp CUDA package (TorchSharp-cuda-linux or TorchSharp-cuda-windows) instead of TorchSharp-cpu and install the NVIDIA driver, or train with Device = \"cpu\".");
            }

            return torch.device(name);
        }

        throw new RankerTrainingException(RankerTrainingErrorKind.InvalidOptions,
            $"Device '{device}' is not known; use \"cpu\", \"cuda\" or \"cuda:N\".", field: nameof(RankerTrainingOptions.Device));
    }

    /// <summary>Builds the message for a loader failure: the loader's words, then the likely cause on this machine.</summary>
    internal static string Describe(Exception exception)
    {
        // What to do first, then the loader's own words (TorchSharp's are long and blame a missing package whatever the cause).
        var text = new StringBuilder("TorchSharp could not load its native libraries, so the ranker cannot be trained on this machine (scoring with Ancso.Ml is not affected). ");
        text.Append(Diagnose(AppContext.BaseDirectory)).Append(" The loader said: ");
        for (var e = exception; e is not null; e = e.InnerException)
        {
            text.Append(e.Message.Trim()).Append(' ');
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>Looks at the application's copies of libLibTorchSharp.so and the system's libstdc++ to say what to do.</summary>
    internal static string Diagnose(string applicationDirectory)
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            return "Make sure the libtorch package for this platform is referenced (TorchSharp-cpu brings linux-x64, win-x64 and osx-arm64) and that the application's runtimes folder was deployed with it.";
        }

        var copies = new[]
        {
            Path.Combine(applicationDirectory, "libLibTorchSharp.so"),
            Path.Combine(applicationDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so"),
        }.Where(File.Exists).ToArray();
        if (copies.Length == 0)
        {
            return $"No libLibTorchSharp.so is deployed in {applicationDirectory}: reference TorchSharp-cpu (or libtorch-cpu-linux-x64 and TorchSharp) from the application project and build or publish again.";
        }

        try
        {
            var libstdcxx = ElfVersions.FindSystemLibStdCxx();
            var provided = libstdcxx is not null && ElfVersions.LibraryProvides(libstdcxx, ElfVersions.MissingVersion);
            if (!provided)
            {
                foreach (var copy in copies)
                {
                    var need = ElfVersions.ReadVersionNeeds(File.ReadAllBytes(copy), copy)
                        .FirstOrDefault(n => n.Library == ElfVersions.LibStdCxx && n.Version == ElfVersions.MissingVersion);
                    if (need is { IsWeak: false })
                    {
                        return $"{copy} needs {ElfVersions.MissingVersion}, which {libstdcxx ?? "this system's libstdc++"} lacks (Debian 12, Ubuntu 22.04). " +
                            "Build or publish the application again with Ancso.Ml.Training's build step on (AncsoPatchLibTorchSharp=always, the default; not never), which marks that need weak in the output copy, or install a libstdc++ from GCC 13 or later.";
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return $"The deployed libLibTorchSharp.so could not be inspected ({ex.Message}).";
        }

        return "Check that libtorch's libraries (libtorch_cpu.so, libc10.so, …) sit beside libLibTorchSharp.so and that this machine meets libtorch's requirements (x64 with glibc 2.28 or later).";
    }

    private static string? TryLoad()
    {
        try
        {
            torch.InitializeDeviceType(DeviceType.CPU);
            return null;
        }
        catch (Exception ex) when (ex is NotSupportedException or DllNotFoundException or TypeInitializationException or BadImageFormatException or EntryPointNotFoundException or InvalidOperationException or ExternalException)
        {
            return Describe(ex);
        }
    }
}
