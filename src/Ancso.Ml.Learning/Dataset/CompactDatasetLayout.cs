
namespace Ancso.Ml.Learning.Dataset;

/// <summary>
/// The compact dataset file (<c>dataset.bin</c>, see docs/dataset-format.md), little-endian throughout:
/// a 16-byte prefix (magic <c>ANCSOPDS</c>, format version, feature width W); the feature matrix, N rows of W float32,
/// one per distinct item; the item table (N × 12 bytes); the pair table (P × 40 bytes; 36 in version 1, which had no
/// rater); the tag references (T × u32);
/// the string table (S × u32 end offsets); the string bytes (UTF-8); a 40-byte footer (N, P, T, S, string bytes,
/// reserved, magic). Every section's size follows from the counts, so the file's length is checked exactly.
/// </summary>
internal static class CompactDatasetLayout
{
    /// <summary>The format version this library writes: 2 (pairs carry their rater). Version 1 files are read too.</summary>
    public const uint Version = 2;

    /// <summary>The first version, read as well: pairs without raters.</summary>
    public const uint FirstVersion = 1;

    public const int PrefixSize = 16;

    public const int FooterSize = 40;

    public const int ItemRecordSize = 12;

    public const int PairRecordSize = 40;

    /// <summary>The pair record of version 1: without the rater.</summary>
    public const int FirstVersionPairRecordSize = 36;

    /// <summary>The rater reference of a pair without a rater.</summary>
    public const uint NoRater = uint.MaxValue;

    /// <summary>Gets the pair record size of a format version.</summary>
    public static int PairRecordSizeOf(uint version) => version == FirstVersion ? FirstVersionPairRecordSize : PairRecordSize;

    /// <summary>The widest feature vector read: 1,048,576 floats.</summary>
    public const int MaxWidth = 1 << 20;

    /// <summary>The magic at the start and the end of the file.</summary>
    public static ReadOnlySpan<byte> Magic => "ANCSOPDS"u8;

    /// <summary>Computes the file length the counts imply, or -1 when it overflows.</summary>
    public static long FileLength(int width, long items, long pairs, long tags, long strings, long stringBytes, int pairRecordSize = PairRecordSize)
    {
        try
        {
            return checked(PrefixSize + (items * width * sizeof(float)) + (items * ItemRecordSize) + (pairs * pairRecordSize)
                + (tags * sizeof(uint)) + (strings * sizeof(uint)) + stringBytes + FooterSize);
        }
        catch (OverflowException)
        {
            return -1;
        }
    }
}
