using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Ancso.Ml.IO;

/// <summary>Finds where bytes stop being UTF-8, so a reader can name the line and byte instead of failing later in a parser.</summary>
internal static class Utf8Check
{
    /// <summary>Returns the offset of the first byte that is not part of valid UTF-8, or -1 when all of it is valid.</summary>
    public static int FirstInvalidByte(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes))
        {
            return -1;
        }

        var offset = 0;
        while (offset < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) != OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return -1;
    }
}
