using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Ancso.Ml.IO;

/// <summary>
/// Opens a file for reading without ever blocking on it. On Linux and macOS <c>open(2)</c> of a FIFO blocks until a
/// writer appears, which .NET's <see cref="FileStream"/> cannot avoid; with <c>O_NONBLOCK</c> the open returns at once and
/// the caller can refuse what is not a regular file. Elsewhere (or where libc cannot be called) <see cref="TryOpen"/>
/// returns <see langword="null"/> and the caller checks the file before opening it.
/// </summary>
internal static partial class NonBlockingFile
{
    private const int ENOENT = 2;
    private const int EACCES = 13;
    private const int ENOTDIR = 20;

    private static readonly int Flags = OpenFlags();
    private static volatile bool _unavailable;

    /// <summary>Opens <paramref name="path"/> read-only and non-blocking, or returns <see langword="null"/> when this platform cannot.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="UnauthorizedAccessException">The process may not read it.</exception>
    /// <exception cref="IOException">Another failure, named by the system's message.</exception>
    public static SafeFileHandle? TryOpen(string path)
    {
        if (Flags < 0 || _unavailable)
        {
            return null;
        }

        int descriptor;
        try
        {
            descriptor = Open(path, Flags);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            _unavailable = true;
            return null;
        }

        if (descriptor < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            var message = Marshal.GetPInvokeErrorMessage(errno);
            throw errno switch
            {
                ENOENT => new FileNotFoundException(message),
                ENOTDIR => new DirectoryNotFoundException(message),
                EACCES => new UnauthorizedAccessException(message),
                _ => new IOException(message, errno),
            };
        }

        return new SafeFileHandle(descriptor, ownsHandle: true);
    }

    /// <summary>O_RDONLY | O_NONBLOCK | O_CLOEXEC where their values are known, else -1.</summary>
    private static int OpenFlags()
    {
        if (OperatingSystem.IsMacOS())
        {
            return 0x0004 | 0x0100_0000;
        }

        // The generic Linux values, shared by x86, x64, arm, arm64, riscv64 and loongarch64 (not by mips, sparc or alpha).
        if (OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.X86 or Architecture.Arm
                or Architecture.Arm64 or Architecture.RiscV64 or Architecture.LoongArch64)
        {
            return 0x0800 | 0x8_0000;
        }

        return -1;
    }

    // "libc" is mapped by the runtime to the platform's C library (libc.so.6 on glibc Linux, libc.dylib on macOS).
    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);
}
