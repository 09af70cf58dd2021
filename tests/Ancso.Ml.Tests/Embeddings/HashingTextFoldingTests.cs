using Ancso.Ml.Embeddings;

namespace Ancso.Ml.Tests.Embeddings;

public class HashingTextFoldingTests
{
    // Deliberate departures from the runtime's invariant lower-casing.
    private static readonly Dictionary<char, char> Exceptions = new()
    {
        ['\u0130'] = 'i',
        ['\u03C2'] = '\u03C3',
    };

    // Blocks the fixed table covers completely: there it must agree with Unicode's simple lower-case mapping.
    private static readonly (int First, int Last)[] CoveredBlocks =
    [
        (0x0000, 0x017F), (0x01C4, 0x01F5), (0x01F8, 0x021F), (0x0222, 0x0233), (0x0386, 0x03CE), (0x0400, 0x052F),
        (0x0531, 0x0556), (0x10A0, 0x10CD), (0x1C90, 0x1CBF), (0x1E00, 0x1EFF), (0xFF21, 0xFF5A),
    ];

    [Test]
    public void Fold_AnyCodeUnit_IsItselfOrItsInvariantLowerCase()
    {
        var wrong = new List<string>();
        for (var i = 0; i <= char.MaxValue; i++)
        {
            var c = (char)i;
            var folded = HashingTextFolding.Fold(c);
            if (folded != c && folded != Expected(c))
            {
                wrong.Add($"U+{i:X4} -> U+{(int)folded:X4}");
            }
        }

        Assert.That(wrong, Is.Empty);
    }

    [Test]
    public void Fold_CoveredBlocks_MatchInvariantLowerCase()
    {
        var wrong = new List<string>();
        foreach (var (first, last) in CoveredBlocks)
        {
            for (var i = first; i <= last; i++)
            {
                var c = (char)i;
                if (HashingTextFolding.Fold(c) != Expected(c))
                {
                    wrong.Add($"U+{i:X4} -> U+{(int)HashingTextFolding.Fold(c):X4}, expected U+{(int)Expected(c):X4}");
                }
            }
        }

        Assert.That(wrong, Is.Empty);
    }

    [Test]
    public void Fold_LowerCaseAndUncasedScripts_AreUnchanged()
    {
        foreach (var c in "abcxyz0189 éüßα σ ж ә ա ა ẵ ａ 東京の ا ש क ก 한 \uD83D\uDE80")
        {
            Assert.That(HashingTextFolding.Fold(c), Is.EqualTo(c), $"U+{(int)c:X4}");
        }
    }

    private static char Expected(char c) => Exceptions.TryGetValue(c, out var folded) ? folded : char.ToLowerInvariant(c);
}
