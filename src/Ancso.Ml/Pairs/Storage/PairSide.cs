namespace Ancso.Ml.Pairs.Storage;

/// <summary>One side of a pair.</summary>
public enum PairSide
{
    /// <summary>The first item, A. A pair whose better side is A has label <c>+1</c>.</summary>
    A,

    /// <summary>The second item, B. A pair whose better side is B has label <c>-1</c>.</summary>
    B,
}
