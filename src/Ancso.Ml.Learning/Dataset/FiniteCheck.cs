using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Ancso.Ml.Learning.Dataset;

/// <summary>Finds a NaN or an infinity in a vector, several values at a time.</summary>
internal static class FiniteCheck
{
    private const uint ExponentBits = 0x7F80_0000;

    /// <summary>Returns the index of the first value that is NaN or infinite, or -1 when all are finite.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int IndexOfNonFinite(ReadOnlySpan<float> values)
    {
        var bits = MemoryMarshal.Cast<float, uint>(values);
        var i = 0;
        if (Vector.IsHardwareAccelerated && bits.Length >= Vector<uint>.Count)
        {
            var mask = new Vector<uint>(ExponentBits);
            var any = Vector<uint>.Zero;
            for (; i <= bits.Length - Vector<uint>.Count; i += Vector<uint>.Count)
            {
                any |= Vector.Equals(new Vector<uint>(bits[i..]) & mask, mask);
            }

            if (any == Vector<uint>.Zero)
            {
                for (; i < bits.Length; i++)
                {
                    if ((bits[i] & ExponentBits) == ExponentBits)
                    {
                        return i;
                    }
                }

                return -1;
            }

            i = 0;
        }

        for (; i < bits.Length; i++)
        {
            if ((bits[i] & ExponentBits) == ExponentBits)
            {
                return i;
            }
        }

        return -1;
    }
}
